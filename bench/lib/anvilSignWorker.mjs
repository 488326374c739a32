// Worker thread of ethPlan.mjs: signs one share of the EIP-1559 transfers with viem.
import { parentPort, workerData } from 'node:worker_threads';
import { privateKeyToAccount } from 'viem/accounts';

const { chainId, jobs, keys } = workerData;
const accounts = keys.map((k) => privateKeyToAccount(k));
const out = [];
for (const j of jobs) {
  const raw = await accounts[j.k].signTransaction({
    chainId,
    type: 'eip1559',
    nonce: j.nonce,
    to: j.to,
    value: BigInt(j.value),
    gas: 21000n,
    maxFeePerGas: 100_000_000_000n,
    maxPriorityFeePerGas: 1_000_000_000n,
  });
  out.push({ order: j.order, raw });
}
parentPort.postMessage(out);
