// Latency against offered load: paced open-loop phases at several rates on one network, each with
// workerd's CPU use over the phase and blocks/rounds counted from the tables' heights, so a latency
// knee can be told apart from CPU saturation. Usage: node bench/paced.mjs [--rates 50,150,300]
// [--seconds 10] [--lanes 16] [--network '{...}']; a rate may carry its own seconds (`5000:4`)
import { ensureTransformTypes } from './lib/util.mjs';

ensureTransformTypes(import.meta.url);

const { parseArgs } = await import('node:util');
const { latencySummary, saveResult, say } = await import('./lib/util.mjs');
const { startLocalNetwork } = await import('./lib/localNet.mjs');
const { createClient } = await import('./lib/rpc.mjs');
const { drive } = await import('./lib/drive.mjs');
const { settle, workerdCpu, busiestMainPct } = await import('./lib/machine.mjs');
const { hops } = await import('./lib/hops.mjs');
const { topnetConfig, fundedSenders, transferPlan, signPlan, topnetTarget } =
  await import('./lib/topnetChain.mjs');

const { values: a } = parseArgs({
  options: {
    rates: { type: 'string', default: '50,150,300' },
    seconds: { type: 'string', default: '10' },
    lanes: { type: 'string', default: '16' },
    senders: { type: 'string', default: '256' },
    network: { type: 'string' },
    'sample-every': { type: 'string', default: '20' },
    // Writes a V8 CPU profile per paced phase (bench/results/paced-<rate>.cpuprofile is not kept:
    // .state/bench/paced-<rate>.cpuprofile), for where-the-time-goes at that rate.
    profile: { type: 'boolean', default: false },
    // Follows every cross-table transfer of each paced phase through the logs (bench/lib/hops.mjs).
    hops: { type: 'boolean', default: false },
    // Times an edge-only call (getChainId) every 20 ms on its own connection during each phase.
    probe: { type: 'boolean', default: false },
  },
});
const network = a.network ? JSON.parse(a.network) : {};
const { startProfiledNetwork, inspect } = await import('./lib/profileNet.mjs');
const { writeFileSync } = await import('node:fs');
const net = a.profile
  ? await startProfiledNetwork({ name: `paced-${process.pid}`, network })
  : await startLocalNetwork({ name: `paced-${process.pid}`, persist: true, network });
const insp = a.profile ? await inspect(net.inspectorPort) : null;
if (insp) {
  await insp.send('Profiler.enable');
  await insp.send('Profiler.setSamplingInterval', { interval: 500 });
}
const client = createClient(net.url);
const config = topnetConfig(network);
const heights = async () => (await client.call('getTableStats')).reduce((n, s) => n + s.height, 0);
const phases = [];
try {
  const senders = await fundedSenders(client, config, 'ed25519', Number(a.senders), 1_000_000_000_000n);
  let seed = 100;
  // A rate may carry its own length: `--rates 5000:4,559:20` (seconds; default --seconds).
  const phasesOf = a.rates.split(',').map((x) => x.split(':').map(Number));
  for (const [rate, secs = Number(a.seconds)] of [[0], ...phasesOf]) {
    // Rate 0 is a short unpaced warm-up: the JIT should be warm before anything is measured.
    const n = rate ? Math.round(rate * secs) : 2000;
    const items = await signPlan(
      config,
      senders,
      transferPlan(config, senders, n, { seed: seed++, lanes: 16 }),
    );
    // A settled start, as the throughput bench's paced phases have: otherwise a phase also measures
    // the explorer's index catching up on the blocks of the one before.
    const settled = await settle();
    const h0 = await heights();
    const c0 = workerdCpu();
    const d0 = process.cpuUsage();
    const t0 = performance.now();
    const wall0 = Date.now();
    if (insp && rate) await insp.send('Profiler.start');
    // A probe on its own connection: how long an edge-only call (getChainId) waits in the same
    // workerd under this load, beside the submits' round trips.
    const probe = [];
    let probing = Boolean(rate) && a.probe;
    const prober = (async () => {
      while (probing) {
        const s = performance.now();
        await client.batch([['getChainId', []]], 'probe');
        probe.push(performance.now() - s);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const r = await drive(topnetTarget(client, config, senders), items, {
      lanes: rate ? Number(a.lanes) : 4,
      batch: 500,
      rate,
      sampleEvery: rate ? Number(a['sample-every']) : 50,
      pollMs: 10,
      // Room to finish sending even a rate above capacity (`5000:4`): a transfer left unsent would
      // leave its sender's later nonces, in the next phases, with a gap.
      submitSeconds: secs * 1.5 + 20,
      maxSeconds: secs * 1.5 + 50,
      label: rate ? `${rate}/s` : 'warm-up',
    });
    const wall = performance.now() - t0;
    probing = false;
    await prober;
    const probeMs = latencySummary(probe);
    if (insp && rate) {
      const { profile } = await insp.send('Profiler.stop');
      writeFileSync(`${net.stateDir}/../paced-${rate}.cpuprofile`, JSON.stringify(profile));
    }
    const c1 = workerdCpu();
    const d1 = process.cpuUsage(d0);
    const cpu = c1.ms - c0.ms;
    const blocks = (await heights()) - h0;
    const row = {
      rate: rate || 'warm-up',
      settledMs: settled.waitedMs,
      finalizedPerSecond: r.finalizedPerSecond,
      // Sending took submitSeconds; the phase ended when the last accepted transfer was final.
      seconds: r.seconds,
      submitSeconds: r.submitSeconds,
      complete: r.complete,
      latencyP50: r.latencyMs.p50,
      latencyP90: r.latencyMs.p90,
      latencyCrossP50: r.latencyCrossMs?.p50 ?? null,
      // Finality pushed over /ws, and polled, each alone (drive.mjs): latencyP50 is the earlier.
      latencyPushedP50: r.latencyPushedMs?.p50 ?? null,
      latencyPolledP50: r.latencyPolledMs?.p50 ?? null,
      submitRttP50: r.submitRttMs.p50,
      probeRttP50: probeMs.p50,
      probeRttP90: probeMs.p90,
      driverLoopDelayMaxMs: r.driverLoopDelayMs.max,
      workerdBusyPct: Math.round((100 * cpu) / wall),
      mainThreadBusyPct: Math.round((100 * (c1.mainMs - c0.mainMs)) / wall),
      // Split network: the busier of the two workerd main threads (the chain's, under load).
      busiestMainPct: busiestMainPct(c0, c1, wall),
      // The driver shares the machine: what it used is what workerd could not.
      driverBusyPct: Math.round((100 * (d1.user + d1.system)) / 1000 / wall),
      cpuMsPerTx: Number((cpu / r.finalized).toFixed(2)),
      blocks,
      txsPerBlock: Number((r.finalized / Math.max(1, blocks)).toFixed(1)),
    };
    if (a.hops && rate && net.mf) row.hops = await hops(net.mf, config, wall0, Date.now());
    phases.push(row);
    say(`  ${JSON.stringify(row)}`);
  }
  // Idle after the load: an object still working (a backlog, a timer loop) shows up here.
  const i0 = workerdCpu();
  const it = performance.now();
  await new Promise((r) => setTimeout(r, 3000));
  const i1 = workerdCpu();
  const idle = {
    rate: 'idle',
    workerdBusyPct: Math.round((100 * (i1.ms - i0.ms)) / (performance.now() - it)),
    mainThreadBusyPct: Math.round((100 * (i1.mainMs - i0.mainMs)) / (performance.now() - it)),
  };
  phases.push(idle);
  say(`  ${JSON.stringify(idle)}`);
  saveResult('paced', { network: config, phases });
} finally {
  client.close();
  insp?.close();
  await net.stop();
}
