// Throughput and latency of a local topnet against Anvil, measured the same way for both: pre-signed
// transfers sent as JSON-RPC batches over several connections, first as fast as the server takes
// them (finalized tx/s), then at half that rate (submit-to-final latency of sampled transactions).
// topnet runs once per account kind (ed25519, secp256k1) on a fresh network; its load is a
// cross-table mix. When topnet falls short of Anvil, a CPU profile of the Worker and its Durable
// Objects is taken under the same load and summarized. Results: bench/results/throughput-<date>.json
// (and throughput-latest.json), profile-<date>.json. Only 127.0.0.1 is ever contacted.
//
// Usage: node bench/throughput.mjs [--txs 20000] [--senders 256] [--lanes 4] [--batch 500]
//        [--max-seconds 120] [--half-seconds 20] [--kinds ed25519,secp256k1] [--no-anvil]
//        [--profile auto|always|never] [--profile-kind ed25519|secp256k1] [--profile-rate tx/s] [--block-interval ms] [--network '{...genesis overrides}'] [--quick]
import { ensureTransformTypes } from './lib/util.mjs';

ensureTransformTypes(import.meta.url);

const { parseArgs } = await import('node:util');
const { collapseRepeatedLogs, fmt, saveResult, say } = await import('./lib/util.mjs');
const { runTopnet, runAnvil, runProfile } = await import('./lib/throughputRuns.mjs');

const { values: a } = parseArgs({
  options: {
    txs: { type: 'string', default: '20000' },
    senders: { type: 'string', default: '256' },
    lanes: { type: 'string', default: '4' },
    batch: { type: 'string', default: '500' },
    'max-seconds': { type: 'string', default: '120' },
    'half-seconds': { type: 'string', default: '20' },
    kinds: { type: 'string', default: 'ed25519,secp256k1' },
    anvil: { type: 'boolean', default: true },
    'no-anvil': { type: 'boolean', default: false },
    profile: { type: 'string', default: 'auto' },
    'profile-kind': { type: 'string', default: 'ed25519' },
    'profile-rate': { type: 'string' },
    quick: { type: 'boolean', default: false },
    'block-interval': { type: 'string' },
    network: { type: 'string' },
  },
});
const opts = {
  cap: Number(a.txs),
  senders: Number(a.senders),
  lanes: Number(a.lanes),
  batch: Number(a.batch),
  maxSeconds: Number(a['max-seconds']),
  halfSeconds: Number(a['half-seconds']),
  quick: a.quick,
  // Profile a paced load (tx/s) instead of the max phase: where the time goes when blocks are small.
  profileRate: a['profile-rate'] !== undefined ? Number(a['profile-rate']) : undefined,
  // Genesis overrides for the topnet runs (the edge, the objects and the bench all use them).
  network: {
    // Any genesis override as JSON, e.g. --network '{"tablesPerZone":4,"committeesPerZone":4}'.
    ...(a.network ? JSON.parse(a.network) : {}),
    ...(a['block-interval'] !== undefined ? { blockIntervalMs: Number(a['block-interval']) } : {}),
  },
};
if (opts.quick)
  Object.assign(opts, {
    cap: Math.min(opts.cap, 3000),
    maxSeconds: Math.min(opts.maxSeconds, 40),
    halfSeconds: Math.min(opts.halfSeconds, 8),
  });

const logs = collapseRepeatedLogs();
const started = new Date();
const runs = [];
// Anvil first: its finalized rate is the target, and "half that load" is where topnet's latency is
// judged, so topnet's runs need it.
const anvil = a.anvil && !a['no-anvil'] ? await runAnvil(opts) : [];
const av =
  anvil.find((r) => r.mining === 'automine' && r.max?.complete) ?? anvil.find((r) => r.max?.complete);
for (const kind of a.kinds.split(',').filter(Boolean))
  runs.push(await runTopnet(kind, { ...opts, peerRate: av?.max.finalizedPerSecond }));
runs.push(...anvil);

const ed = runs.find((r) => r.system === 'topnet' && r.kind === 'ed25519');
const verdict = {};
if (ed && av) {
  verdict.peer = `anvil ${av.mining}`;
  verdict.ratio = Number((ed.max.finalizedPerSecond / av.max.finalizedPerSecond).toFixed(3));
  verdict.throughputTarget = ed.max.finalizedPerSecond >= av.max.finalizedPerSecond;
  const p50 = (x) => x?.latencyMs.p50 ?? null;
  verdict.halfLoadP50 = { ofPeer: p50(ed.halfPeer), ofTopnet: p50(ed.half) };
  // The cross-table transfers of that phase alone (three blocks each), beside the mix's figure.
  verdict.halfLoadCrossP50 = {
    ofPeer: ed.halfPeer?.latencyCrossMs?.p50 ?? null,
    ofTopnet: ed.half?.latencyCrossMs?.p50 ?? null,
  };
  verdict.latencyTarget = p50(ed.halfPeer) !== null && p50(ed.halfPeer) < 250 && ed.halfPeer.complete;
  verdict.latencyAtOwnHalf = p50(ed.half) !== null && p50(ed.half) < 250;
  verdict.met = verdict.throughputTarget && verdict.latencyTarget;
}

// Runs with genesis overrides are experiments, named after them (interval50ms, tablesPerZone4, …).
const overrides = Object.entries(opts.network)
  .map(([k, v]) => (k === 'blockIntervalMs' ? `interval${v}ms` : `${k}${v}`))
  .join('-');

let profile = null;
if (a.profile === 'always' || (a.profile === 'auto' && ed && verdict.met === false)) {
  profile = await runProfile(opts, runs, a['profile-kind']);
  const path = saveResult(overrides ? `profile-${overrides}` : 'profile', {
    started: started.toISOString(),
    network: opts.network,
    ...profile,
  });
  say(`\nprofile saved to ${path}`);
}

// ---- report ----
const rows = [];
for (const r of runs) {
  for (const ph of ['max', 'half', 'halfPeer']) {
    const x = r[ph];
    if (!x) continue;
    rows.push([
      r.label,
      ph === 'max' ? 'max' : ph === 'half' ? `½ own max (${x.targetRate}/s)` : `½ Anvil (${x.targetRate}/s)`,
      `${x.finalized}/${x.accepted}`,
      fmt(x.finalizedPerSecond),
      fmt(x.sustainedPerSecond),
      fmt(x.latencyMs.p50),
      fmt(x.latencyMs.p99),
      fmt(x.latencyCrossMs?.p50),
      String(x.latencyMs.samples),
      x.complete ? 'yes' : 'NO',
    ]);
  }
}
const head = [
  'system',
  'load',
  'final/accepted',
  'final tx/s',
  'sustained',
  'p50 ms',
  'p99 ms',
  'cross-table p50',
  'samples',
  'complete',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
say('\n' + line(head));
say('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
rows.forEach((r) => say(line(r)));
if (ed && av) {
  say(`\ntopnet ed25519 / ${verdict.peer}: ${verdict.ratio} (finalized tx/s at max load)`);
  say(
    verdict.met
      ? "Target met: topnet ed25519 cross-table mix finalizes at least as fast as Anvil, p50 < 250 ms at half Anvil's rate."
      : `Target NOT met: topnet ed25519 ${ed.max.finalizedPerSecond} tx/s vs Anvil ${av.max.finalizedPerSecond} tx/s` +
          `${verdict.throughputTarget ? ' (throughput ok)' : ''}; p50 at half Anvil's rate ${fmt(verdict.halfLoadP50.ofPeer)} ms` +
          `${verdict.latencyTarget ? ' (latency ok)' : ' (target < 250 ms)'}.`,
  );
}
if (profile) {
  say(`\nWhere topnet spends its time (CPU profile of workerd under max ${profile.kind} load):`);
  for (const p of profile.cpu.byPart.filter((x) => x.pct > 0))
    say(`  ${String(p.pct).padStart(5)}%  ${p.part}`);
  for (const f of profile.findings) say(`  - ${f}`);
}
const repeated = logs.summary();
if (Object.keys(repeated).length) {
  say('\nRepeated network log lines (count):');
  for (const [k, n] of Object.entries(repeated)) say(`  ${n} × ${k.slice(0, 160)}`);
}

const result = {
  started: started.toISOString(),
  finished: new Date().toISOString(),
  machine: await import('./lib/machine.mjs').then((m) => m.machine()),
  options: opts,
  verdict,
  runs: runs.map((r) => ({
    ...r,
    max: strip(r.max),
    half: strip(r.half),
    halfPeer: strip(r.halfPeer),
    warmup: strip(r.warmup),
  })),
  networkLogRepeats: repeated,
  profile: profile
    ? { file: 'profile-<same date>.json', byPart: profile.cpu.byPart, findings: profile.findings }
    : null,
};
// A run with genesis overrides is an experiment: saved under its own name, never as the latest baseline.
const tag = overrides ? `throughput-${overrides}` : 'throughput';
const path = saveResult(tag, result, `${tag}-latest.json`);
say(`\nsaved ${path}`);
process.exit(0);

function strip(x) {
  if (!x) return x;
  const { state: _state, ...rest } = x;
  return rest;
}
