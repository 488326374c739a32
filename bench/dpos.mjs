// `npm run bench -- dpos [--quick]`: what PBFT-DPoS costs in protocol/, on one core: an epoch's
// election (every candidate's RFC 9381 proof made and verified, sortition, table deal) and the
// independent check of a beacon log (re-verify every proof, re-run every sortition and settlement),
// for 30, 100 and 300 candidates over 5 epochs. Prints a table; saves bench/results/dpos-*.json.
import { ensureTransformTypes, fmt, saveResult, say } from './lib/util.mjs';
import { machine } from './lib/machine.mjs';

ensureTransformTypes(import.meta.url);
const { devnetConfig } = await import('../protocol/network/config.ts');
const { signerFromSecret } = await import('../protocol/keys/signer.ts');
const { signTx } = await import('../protocol/tx/signTx.ts');
const { encodeTx } = await import('../protocol/tx/encodeTx.ts');
const { sha256 } = await import('../protocol/hash.ts');
const { toHex, utf8, ZERO32, fromHex } = await import('../protocol/bytes.ts');
const { vrfProve } = await import('../protocol/vrf/index.ts');
const { hostedKeys } = await import('../protocol/dpos/hostedKeys.ts');
const { dposParams } = await import('../protocol/dpos/params.ts');
const { emptyRegistry } = await import('../protocol/dpos/registry.ts');
const { electEpoch } = await import('../protocol/dpos/electEpoch.ts');
const { settleEpoch } = await import('../protocol/dpos/settleEpoch.ts');
const { foldBeaconEvent } = await import('../protocol/dpos/beaconEvents.ts');
const { verifyBeaconLog, firstElectionSeed } = await import('../protocol/dpos/verifyBeaconLog.ts');

const quick = process.argv.includes('--quick');
const SIZES = quick ? [30] : [30, 100, 300];
const EPOCHS = 5;
const config = devnetConfig({ tablesPerZone: 16, committeesPerZone: 4, committeeSize: 7 });
const params = dposParams(config.seed);

function run(n) {
  const reg = emptyRegistry();
  const log = [{ seq: 1, type: 'Genesis', body: { config, committees: [] } }];
  const push = (type, body) =>
    log.push({ seq: log.length + 1, type, body: JSON.parse(JSON.stringify(body)) });
  const txs = Array.from({ length: n }, (_, i) => {
    const s = signerFromSecret('ed25519', sha256(utf8(`bench dpos ${i}`)));
    const k = hostedKeys(config.seed, s.address);
    const tx = signTx(
      {
        chainId: config.chainId,
        type: 3,
        sender: s.address,
        receiver: s.address,
        nonce: 0n,
        prevHash: ZERO32,
        amount: BigInt(10_000 + i * 997) * 1_000_000n,
        timestamp: 1_800_000_000,
        expiry: 1_800_000_600,
        memo: '',
        payload: {
          role: 2,
          consensusKey: k.consensusKey,
          vrfKey: k.vrfKey,
          computeWeight: 1 + (i % 100),
          dividendRatePpm: 0,
        },
      },
      s,
    );
    return '0x' + toHex(encodeTx(tx));
  });
  const body = { table: 0, height: 1, txs };
  foldBeaconEvent(reg, 'NodeTxs', body, { seedHex: config.seed, params });
  push('NodeTxs', body);
  let seed = firstElectionSeed(config);
  let previous = [];
  const elect = [];
  for (let e = 1; e <= EPOCHS; e++) {
    const t0 = performance.now();
    const workload = previous.flat().map((address) => ({ address, signed: 9, expected: 10 }));
    const settlement = reg.epoch > 0 ? settleEpoch(reg, params, workload) : undefined;
    reg.epoch += 1;
    const election = electEpoch({
      registry: reg,
      epoch: reg.epoch,
      seed,
      params,
      layout: config,
      previous,
      loads: Array.from({ length: 16 }, (_, t) => (t * e) % 7),
      prove: (address, alpha) => vrfProve(hostedKeys(config.seed, address).vrfSecret, alpha),
    });
    elect.push(performance.now() - t0);
    seed = fromHex(election.nextSeed, 'seed', 32);
    previous = election.committees;
    push('EpochStarted', {
      epoch: reg.epoch,
      committees: [],
      params,
      ...(settlement ? { settlement } : {}),
      election,
    });
  }
  const t1 = performance.now();
  const report = verifyBeaconLog(log);
  const check = performance.now() - t1;
  if (!report.ok) throw new Error(`check failed: ${report.errors.join('; ')}`);
  const logBytes = JSON.stringify(log).length;
  return {
    candidates: n,
    epochs: EPOCHS,
    electionMsMean: Math.round(elect.reduce((a, b) => a + b, 0) / elect.length),
    checkMsTotal: Math.round(check),
    checkMsPerProof: Number((check / report.proofsVerified).toFixed(2)),
    proofsVerified: report.proofsVerified,
    logBytesPerEpoch: Math.round(logBytes / EPOCHS),
  };
}

const rows = SIZES.map(run);
say('candidates  election ms  check ms (5 epochs)  check ms/proof  log bytes/epoch');
for (const r of rows)
  say(
    `${String(r.candidates).padStart(10)}  ${fmt(r.electionMsMean).padStart(11)}  ${fmt(r.checkMsTotal).padStart(19)}  ${String(r.checkMsPerProof).padStart(14)}  ${fmt(r.logBytesPerEpoch).padStart(15)}`,
  );
const path = saveResult(
  'dpos',
  { machine: machine(), layout: '1 zone × 16 tables, 4 committees of 7', rows },
  'dpos-latest.json',
);
say(`saved ${path}`);
