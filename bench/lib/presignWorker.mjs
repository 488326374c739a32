// Worker thread of presign.mjs: signs one share of the load (whole senders, in nonce order).
import { parentPort, workerData } from 'node:worker_threads';
import { signerFromSecret } from '../../protocol/keys/signer.ts';
import { fromHex } from '../../protocol/bytes.ts';
import { Wallet } from './topnetKeys.mjs';

const { kind, chainId, now, ttl, senders, jobs } = workerData;
const wallets = senders.map((s) => new Wallet(signerFromSecret(kind, fromHex(s.secret, 'secret', 32)), s));
const out = new Array(jobs.length);
jobs.forEach((j, k) => {
  const t = wallets[j.s].transfer({ chainId, receiver: j.receiver, amount: BigInt(j.amount), now, ttl });
  out[k] = { order: j.order, raw: t.raw, hash: t.hash };
});
parentPort.postMessage({
  out,
  next: wallets.map((w) => ({
    nonce: w.nonce.toString(),
    prevHash: '0x' + Buffer.from(w.prevHash).toString('hex'),
  })),
});
