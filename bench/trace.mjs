// Where one transfer's time goes: sends cross-table transfers one at a time (or a few in parallel)
// on an otherwise idle network, then lines up every log event they caused — table, committee and
// zone — on one clock, so each hop of send → recv → confirm shows its share of the latency.
// Usage: node bench/trace.mjs [--count 5] [--parallel 1]
import { ensureTransformTypes } from './lib/util.mjs';

ensureTransformTypes(import.meta.url);

const { parseArgs } = await import('node:util');
const { startLocalNetwork } = await import('./lib/localNet.mjs');
const { createClient } = await import('./lib/rpc.mjs');
const { walletsFor, topnetConfig } = await import('./lib/topnetChain.mjs');
const { accountTable, tableName, devAccounts } = await import('../protocol/network/config.ts');

const { startProfiledNetwork, inspect, summarizeProfile } = await import('./lib/profileNet.mjs');

const { values: a } = parseArgs({
  options: {
    count: { type: 'string', default: '5' },
    parallel: { type: 'string', default: '1' },
    profile: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});
const config = topnetConfig();
const net = a.profile
  ? await startProfiledNetwork({ name: `trace-${process.pid}` })
  : await startLocalNetwork({ name: `trace-${process.pid}`, persist: !process.env.NO_PERSIST });
const client = createClient(net.url);
const [alice] = await walletsFor(client, devAccounts().slice(0, 1));
const fromTable = accountTable(config, alice.address);
const others = devAccounts()
  .map((s) => s.address)
  .filter((x) => accountTable(config, x) !== fromTable);
const nowS = () => Math.floor(Date.now() / 1000);

async function logs(ns, name) {
  const stub = ns.get(ns.idFromName(name));
  const out = [];
  for (let after = 0; ;) {
    const evs = await stub.events(after, 1000);
    if (!evs.length) break;
    for (const e of evs) out.push(e);
    after = evs[evs.length - 1].seq;
  }
  return out;
}

const { workerdCpu } = await import('./lib/machine.mjs');
const workerdCpuMs = () => workerdCpu(process.pid);
let insp = null;
// Warm the JIT first so the profile shows steady state.
for (let i = 0; a.profile && i < 20; i++) {
  const t = alice.transfer({
    chainId: config.chainId,
    receiver: others[i % others.length],
    amount: 1n,
    now: Math.floor(Date.now() / 1000),
  });
  await client.batch([['sendTransaction', [t.raw]]]);
  for (;;) {
    const [r] = await client.batch([['getTransaction', [t.hash, t.sender]]]);
    if (r.result?.status === 'final') break;
    await new Promise((r) => setTimeout(r, 20));
  }
}
if (a.profile) {
  insp = await inspect(net.inspectorPort);
  await insp.send('Profiler.enable');
  await insp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await insp.send('Profiler.start');
}
if (process.env.IDLE_MS) {
  const c = workerdCpuMs();
  await new Promise((r) => setTimeout(r, Number(process.env.IDLE_MS)));
  console.log(`idle: workerd CPU ${Math.round(workerdCpuMs().ms - c.ms)} ms over ${process.env.IDLE_MS} ms`);
}
const cpu0 = workerdCpuMs();
const wall0 = Date.now();
for (let i = 0; i < Number(a.count); i++) {
  const txs = Array.from({ length: Number(a.parallel) }, (_, k) =>
    alice.transfer({
      chainId: config.chainId,
      receiver: others[(i + k) % others.length],
      amount: 1n,
      now: nowS(),
    }),
  );
  const t0 = Date.now();
  const res = await client.batch(txs.map((t) => ['sendTransaction', [t.raw]]));
  const tSent = Date.now();
  for (;;) {
    const st = await client.batch(txs.map((t) => ['getTransaction', [t.hash, t.sender]]));
    if (st.every((r) => r.result?.status === 'final')) break;
    if (Date.now() - t0 > 20000) throw new Error('not final in 20 s: ' + JSON.stringify(st[0]));
    await new Promise((r) => setTimeout(r, Number(process.env.POLL_MS ?? 2)));
  }
  const tFinal = Date.now();
  if (a.quiet) {
    console.log(`#${i}: submit answered +${tSent - t0} ms, final seen +${tFinal - t0} ms`);
    continue;
  }
  // Every event written since t0, on one clock.
  const rows = [];
  const T = await net.mf.getDurableObjectNamespace('TABLE');
  for (let t = 0; t < config.zones * config.tablesPerZone; t++)
    for (const e of await logs(T, tableName(config, t))) rows.push({ who: `table ${t}`, ...e });
  const C = await net.mf.getDurableObjectNamespace('COMMITTEE');
  for (let g = 0; g < config.committeesPerZone; g++)
    for (const e of await logs(C, `${config.name}/committee/0/${g}`))
      rows.push({ who: `committee ${g}`, ...e });
  const Z = await net.mf.getDurableObjectNamespace('ZONE');
  for (const e of await logs(Z, `${config.name}/zone/0`)) rows.push({ who: 'zone', ...e });
  const mine = rows.filter((r) => r.time >= t0 - 5).sort((x, y) => x.time - y.time || x.seq - y.seq);
  console.log(
    `\n#${i}: ${res.map((r) => r.result?.status ?? r.error?.message)} submit answered +${tSent - t0} ms, final seen +${tFinal - t0} ms`,
  );
  let last = '';
  for (const r of mine) {
    const line = `${r.who} ${r.type}`;
    if (line === last && r.type === 'Message') continue;
    last = line;
    console.log(
      `  +${String(r.time - t0).padStart(4)} ms  ${line}${r.body?.height !== undefined ? ' h' + r.body.height : ''}`,
    );
  }
}
const cpu1 = workerdCpuMs();
console.log(
  `workerd CPU ${Math.round(cpu1.ms - cpu0.ms)} ms (user ${cpu1.user - cpu0.user}, sys ${cpu1.sys - cpu0.sys}) over ${Date.now() - wall0} ms wall for ${a.count}×${a.parallel} transfers`,
);
if (insp) {
  const { profile } = await insp.send('Profiler.stop');
  insp.close();
  const { writeFileSync } = await import('node:fs');
  writeFileSync(`/tmp/trace.cpuprofile`, JSON.stringify(profile));
  const s = summarizeProfile(profile, 45);
  console.log(`busy ${s.busyPct}% of ${s.totalMs} ms`);
  for (const x of s.inclusiveTop) console.log(`  incl ${String(x.ms).padStart(6)} ms ${x.pct}%  ${x.name}`);
  for (const x of s.selfTop.slice(0, 25))
    console.log(`  self ${String(x.ms).padStart(6)} ms ${x.pct}%  ${x.name}`);
}
await net.mf.dispose();
if (net.stop) await net.stop();
