// Pre-signs a load of topnet transfers on every core: each worker thread takes whole senders, so a
// sender's transactions are signed in nonce order, each naming the previous one's hash. Returns the
// signed transactions in plan order and advances the wallets' nonces and previous hashes.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { toHex } from '../../protocol/bytes.ts';

/**
 * wallets: Wallet[] (all of one kind); plan: [{ from: wallet index, receiver, amount }] in send order.
 * Resolves [{ raw, hash, sender, receiver, from, nonce }] in plan order.
 */
export async function presign(
  wallets,
  plan,
  { chainId, now = Math.floor(Date.now() / 1000), ttl = 600, threads = availableParallelism() } = {},
) {
  const kind = wallets[0].signer.kind;
  const share = Array.from({ length: Math.max(1, Math.min(threads, wallets.length)) }, () => ({
    senders: [],
    jobs: [],
    map: new Map(),
  }));
  wallets.forEach((w, i) => {
    const sh = share[i % share.length];
    sh.map.set(i, sh.senders.length);
    sh.senders.push({
      secret: toHex(w.signer.secretKey),
      nonce: w.nonce.toString(),
      prevHash: '0x' + toHex(w.prevHash),
    });
  });
  const nonces = wallets.map((w) => w.nonce);
  const meta = plan.map((p, order) => {
    const sh = share[p.from % share.length];
    sh.jobs.push({ s: sh.map.get(p.from), receiver: p.receiver, amount: p.amount.toString(), order });
    return { sender: wallets[p.from].address, receiver: p.receiver, from: p.from, nonce: nonces[p.from]++ };
  });
  const results = await Promise.all(
    share.map(
      (sh) =>
        new Promise((resolve, reject) => {
          const w = new Worker(new URL('./presignWorker.mjs', import.meta.url), {
            workerData: { kind, chainId, now, ttl, senders: sh.senders, jobs: sh.jobs },
          });
          w.once('message', resolve);
          w.once('error', reject);
          w.once('exit', (code) => code && reject(new Error(`presign worker exited with ${code}`)));
        }),
    ),
  );
  const out = new Array(plan.length);
  results.forEach((r, k) => {
    for (const x of r.out) out[x.order] = { ...meta[x.order], raw: x.raw, hash: x.hash };
    share[k].senders.forEach((_, j) => {
      const wi = [...share[k].map].find(([, v]) => v === j)[0];
      wallets[wi].nonce = BigInt(r.next[j].nonce);
      wallets[wi].prevHash = Uint8Array.from(Buffer.from(r.next[j].prevHash.slice(2), 'hex'));
    });
  });
  return out;
}
