// Pre-signed Ethereum transfers for any set of secp256k1 keys, signed with viem on every core
// (anvilSignWorker.mjs): round-robin senders from their pending nonces to random other senders,
// lane = sender index mod lanes. The eth_sendRawTransaction load for both Anvil and topnet.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { keccak256 } from 'viem';
import { prng } from './util.mjs';

/**
 * keys: 0x private keys; addresses: their 0x addresses; nonces: next nonce per key; unit: wei per
 * value step (topnet: 10^12, a whole uTOP). Resolves [{ raw, hash, k, to, nonce, lane }] in order.
 */
export async function signEthPlan({ chainId, keys, addresses, nonces, n, lanes, seed = 1, unit = 1n }) {
  const rnd = prng(seed);
  const next = [...nonces];
  const jobs = [];
  for (let order = 0; order < n; order++) {
    const k = order % keys.length;
    let to = Math.floor(rnd() * (keys.length - 1));
    if (to >= k) to++;
    jobs.push({ order, k, to, nonce: next[k]++, value: String(BigInt(1 + Math.floor(rnd() * 1000)) * unit) });
  }
  const threads = availableParallelism();
  const shares = Array.from({ length: threads }, (_, t) => jobs.filter((_, i) => i % threads === t));
  const parts = await Promise.all(
    shares.map(
      (share) =>
        new Promise((resolve, reject) => {
          const w = new Worker(new URL('./anvilSignWorker.mjs', import.meta.url), {
            workerData: { chainId, jobs: share.map((j) => ({ ...j, to: addresses[j.to] })), keys },
          });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  const raws = new Array(n);
  for (const p of parts) for (const x of p) raws[x.order] = x.raw;
  return jobs.map((j) => ({
    raw: raws[j.order],
    hash: keccak256(raws[j.order]),
    k: j.k,
    to: j.to,
    nonce: j.nonce,
    lane: j.k % lanes,
  }));
}
