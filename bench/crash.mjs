// Crash safety: a local topnet runs as a child process (bench/serve.mjs) under a steady load of
// transfers; every transaction the RPC answered `pending` is recorded; the child's whole process
// group (Node and workerd) is SIGKILLed mid-load; the network restarts on the same state (the last
// time in this process, so its Durable Objects can be reached through Miniflare), the transactions
// that were in flight at the kill are sent again, and then:
//   - every accepted transaction must become final or rejected with a reason — none may be missing;
//   - total supply must be conserved: genesis = every account's holdings + burned Tgas fees + amounts
//     in flight (sent, not yet received);
//   - every object's hash-chained log must verify (verifyLog) and every table's and zone's read
//     models must equal a rebuild from their logs.
// Prints a summary; saves bench/results/crash-<date>.json and crash-latest.json.
//
// Usage: node bench/crash.mjs [--senders 64] [--txs 3000] [--rate 60] [--kill-after 10]
//        [--crashes 1] [--after 300] [--timeout 120] [--keep-state]
import { ensureTransformTypes } from './lib/util.mjs';

ensureTransformTypes(import.meta.url);

const { parseArgs } = await import('node:util');
const { mkdirSync } = await import('node:fs');
const { join } = await import('node:path');
const { collapseRepeatedLogs, freePort, saveResult, say, sleep } = await import('./lib/util.mjs');
const { benchStateDir, startLocalNetwork } = await import('./lib/localNet.mjs');
const { startChildNetwork } = await import('./lib/childNetwork.mjs');
const { createClient } = await import('./lib/rpc.mjs');
const { fundedSenders, signPlan, topnetConfig, transferPlan } = await import('./lib/topnetChain.mjs');
const { tableCount, tableName } = await import('../protocol/network/config.ts');
const { beaconName, hubName, zoneName } = await import('../durable-objects/base/config.ts');
const { UTOP_PER_TOP } = await import('../protocol/amount.ts');
const { machine } = await import('./lib/machine.mjs');

const { values: a } = parseArgs({
  options: {
    senders: { type: 'string', default: '64' },
    txs: { type: 'string', default: '3000' },
    rate: { type: 'string', default: '60' },
    'kill-after': { type: 'string', default: '10' },
    crashes: { type: 'string', default: '1' },
    after: { type: 'string', default: '300' },
    timeout: { type: 'string', default: '120' },
    lanes: { type: 'string', default: '4' },
    batch: { type: 'string', default: '100' },
    'keep-state': { type: 'boolean', default: false },
  },
});
const opts = {
  senders: Number(a.senders),
  txs: Math.min(20_000, Number(a.txs)),
  rate: Number(a.rate),
  killAfter: Number(a['kill-after']),
  crashes: Math.max(1, Number(a.crashes)),
  after: Number(a.after),
  timeout: Math.min(600, Number(a.timeout)),
  lanes: Number(a.lanes),
  batch: Number(a.batch),
};
const logs = collapseRepeatedLogs();
const started = new Date();
const name = `crash-${process.pid}`;
const stateDir = benchStateDir(name);
mkdirSync(stateDir, { recursive: true });
const serveLog = join(stateDir, 'serve.log');
const port = await freePort();
const config = topnetConfig();
const FUND = 1_000n * UTOP_PER_TOP;

const result = {
  started: started.toISOString(),
  machine: machine(),
  options: opts,
  crashes: [],
  checks: {},
  ok: false,
};

say(`crash test: network as a child process on 127.0.0.1:${port}, state ${stateDir}`);
let child = await startChildNetwork({ name, port, fresh: true, logFile: serveLog });
let client = createClient(child.url);
say(
  `  child up (pid ${child.pid}; group ${child
    .members()
    .map((m) => `${m.comm}:${m.pid}`)
    .join(', ')})`,
);

const senders = await fundedSenders(client, config, 'ed25519', opts.senders, FUND);
say(`  ${senders.length} ed25519 senders funded`);
const plan = transferPlan(config, senders, opts.txs, { lanes: opts.lanes, seed: 5 });
const items = await signPlan(config, senders, plan);
say(`  ${items.length} transfers pre-signed (${plan.filter((p) => p.cross).length} cross-table)`);

/** Per item: null (not sent), 'pending', 'unknown' (in flight at a kill), or { code } (rejected). */
const answer = items.map(() => null);
const lanePos = Array.from({ length: opts.lanes }, () => 0);
const perLane = Array.from({ length: opts.lanes }, () => []);
items.forEach((it, i) => perLane[it.lane].push(i));

function record(idxs, res) {
  res.forEach((r, k) => {
    const i = idxs[k];
    if (r.error) answer[i] = { code: r.error.data?.code ?? `RPC ${r.error.code}`, message: r.error.message };
    else if (r.result?.status === 'pending') answer[i] = 'pending';
    else answer[i] = { code: 'UNEXPECTED', message: JSON.stringify(r.result ?? r).slice(0, 200) };
  });
}

/**
 * Paced load from where each lane stopped, until `stopAt` (ms, performance.now) or the end of the
 * load. A lane stops at its first transport error (the network is gone); that batch is 'unknown'.
 */
async function load(stopAt, limit = Infinity) {
  const t0 = performance.now();
  let sent = 0;
  await Promise.all(
    perLane.map(async (mine, lane) => {
      while (lanePos[lane] < mine.length && performance.now() < stopAt && sent < limit) {
        const due = Math.floor(((performance.now() - t0) * opts.rate) / 1000 / opts.lanes);
        const laneSent = lanePos[lane] - (load.start?.[lane] ?? 0);
        if (laneSent >= due) {
          await sleep(5);
          continue;
        }
        const idxs = mine.slice(lanePos[lane], lanePos[lane] + Math.min(opts.batch, due - laneSent));
        lanePos[lane] += idxs.length;
        sent += idxs.length;
        try {
          record(
            idxs,
            await client.batch(
              idxs.map((i) => ['sendTransaction', [items[i].raw]]),
              lane,
            ),
          );
        } catch {
          for (const i of idxs) answer[i] = 'unknown';
          return;
        }
      }
    }),
  );
}

const count = (pred) => answer.filter(pred).length;
for (let c = 0; c < opts.crashes; c++) {
  load.start = [...lanePos];
  const t0 = performance.now();
  const running = load(t0 + 10 * 60_000);
  await sleep(opts.killAfter * 1000);
  const killedAt = new Date().toISOString();
  const { killed, survivors } = await child.kill();
  await running;
  const crash = {
    at: killedAt,
    afterSeconds: opts.killAfter,
    killed,
    survivors,
    acceptedBefore: count((x) => x === 'pending'),
    inFlight: count((x) => x === 'unknown'),
  };
  result.crashes.push(crash);
  say(
    `  crash ${c + 1}: SIGKILL to group ${child.pid} (${killed.map((m) => m.comm).join(', ')}) after ${opts.killAfter} s; ` +
      `${crash.acceptedBefore} accepted so far, ${crash.inFlight} in flight; survivors: ${survivors.length}`,
  );
  if (survivors.length) say(`  WARNING: processes survived the SIGKILL: ${JSON.stringify(survivors)}`);
  client.close();
  if (c + 1 < opts.crashes) {
    child = await startChildNetwork({ name, port, fresh: false, logFile: serveLog });
    client = createClient(child.url);
    crash.backlogOnRestart = await backlog();
    crash.resent = await resend();
  }
}

// ---- the last restart, in this process ----
const t0 = performance.now();
const net = await startLocalNetwork({ name, fresh: false, port, persist: true });
client = createClient(net.url);
result.restartMs = Math.round(performance.now() - t0);
result.crashes.at(-1).backlogOnRestart = await backlog();
say(`  restarted in-process on the same state in ${result.restartMs} ms`);
result.resent = await resend();
// Keep the load going for a while after the restart: the network must still take and finish work.
if (opts.after > 0) {
  load.start = [...lanePos];
  await load(performance.now() + 60_000, opts.after);
}

/**
 * What the killed network left to do, as the restarted one reports it first thing: mempool, inbox
 * and outbox sizes are persisted, so this is the backlog at the kill (less what restarted work
 * finished before the answer: the answer queues behind it).
 */
async function backlog() {
  const st = await client.call('getTableStats');
  const b = { pending: 0, inbox: 0, outbox: 0 };
  for (const s of st) for (const k of Object.keys(b)) b[k] += s[k];
  say(`  restarted; the first stats answer shows a backlog of ${JSON.stringify(b)}`);
  return b;
}

/** Sends the transactions whose answer was lost in a kill again, in order; the network must dedupe. */
async function resend() {
  const idxs = answer.map((x, i) => (x === 'unknown' ? i : -1)).filter((i) => i >= 0);
  const out = { count: idxs.length, answers: {} };
  for (let k = 0; k < idxs.length; k += opts.batch) {
    const part = idxs.slice(k, k + opts.batch);
    const res = await client.batch(part.map((i) => ['sendTransaction', [items[i].raw]]));
    res.forEach((r, j) => {
      const i = part[j];
      const key = r.error ? (r.error.data?.code ?? `RPC ${r.error.code}`) : r.result?.status;
      out.answers[key] = (out.answers[key] ?? 0) + 1;
      // A duplicate means the network had stored it before the kill: it is accepted and must finish.
      answer[i] =
        !r.error && r.result?.status === 'pending'
          ? 'pending'
          : key === 'DUPLICATE_TX'
            ? 'pending'
            : { code: key, message: r.error?.message };
    });
  }
  if (idxs.length) say(`  resent ${idxs.length} in-flight transactions: ${JSON.stringify(out.answers)}`);
  return out;
}

// ---- every accepted transaction ends final or rejected; none is missing ----
const accepted = items.filter((_, i) => answer[i] === 'pending');
const rejectedAtSubmit = {};
answer.forEach((x) => {
  if (x && typeof x === 'object') rejectedAtSubmit[x.code] = (rejectedAtSubmit[x.code] ?? 0) + 1;
});
say(`  waiting for ${accepted.length} accepted transactions to finish (timeout ${opts.timeout} s)`);
const tw = performance.now();
let open = accepted;
const outcome = new Map();
for (;;) {
  const res = [];
  for (let k = 0; k < open.length; k += 1000) {
    const part = open.slice(k, k + 1000);
    res.push(...(await client.batch(part.map((t) => ['getTransaction', [t.hash, t.sender]]))));
  }
  res.forEach((r, k) => {
    const t = open[k];
    if (r.error)
      outcome.set(t.hash, {
        status: r.error.data?.code === 'NOT_FOUND' ? 'missing' : 'error',
        error: r.error,
      });
    else
      outcome.set(t.hash, {
        status: r.result.status,
        error: r.result.error,
        amount: r.result.tx.amount,
        cross: t.cross,
      });
  });
  open = open.filter((t) => !['final', 'rejected'].includes(outcome.get(t.hash).status));
  if (!open.length || performance.now() - tw > opts.timeout * 1000) break;
  await sleep(500);
}
const settleMs = Math.round(performance.now() - tw);
const last = open;
const byStatus = {};
const rejectedReasons = {};
for (const t of accepted) {
  const o = outcome.get(t.hash);
  byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
  if (o.status === 'rejected')
    rejectedReasons[o.error?.code ?? '(no reason)'] =
      (rejectedReasons[o.error?.code ?? '(no reason)'] ?? 0) + 1;
}
const stats = await client.call('getTableStats');
result.checks.transactions = {
  sent: answer.filter((x) => x !== null).length,
  accepted: accepted.length,
  rejectedAtSubmit,
  byStatus,
  rejectedReasons,
  missing: byStatus.missing ?? 0,
  unfinished: last.length,
  unfinishedSample: last
    .slice(0, 5)
    .map((t) => ({ hash: t.hash, sender: t.sender, status: outcome.get(t.hash).status, cross: t.cross })),
  settleMs,
  backlogAfter: stats
    .map((s) => ({ table: s.table, pending: s.pending, inbox: s.inbox, outbox: s.outbox }))
    .filter((s) => s.pending || s.inbox || s.outbox),
  ok:
    (byStatus.missing ?? 0) === 0 &&
    (byStatus.error ?? 0) === 0 &&
    last.length === 0 &&
    !(rejectedReasons['(no reason)'] > 0),
};
say(
  `  transactions: ${JSON.stringify(byStatus)} after ${settleMs} ms${last.length ? ` — ${last.length} NOT FINISHED` : ''}`,
);

// ---- supply ----
const genesis = config.prefunded.reduce((n, p) => n + BigInt(p.balance), 0n);
const tables = await net.mf.getDurableObjectNamespace('TABLE');
let holdings = 0n;
let accounts = 0;
const holdingsOf = (st) => {
  const s = JSON.parse(st);
  let v = BigInt(s.balance) + BigInt(s.gasStaked ?? 0) + BigInt(s.deposit ?? 0);
  for (const x of Object.values(s.votes ?? {})) v += BigInt(x);
  return v;
};
for (let t = 0; t < tableCount(config); t++) {
  const rows = await tables.get(tables.idFromName(tableName(config, t))).accountsSnapshot();
  for (const r of rows) holdings += holdingsOf(r.state);
  accounts += rows.length;
}
const burned = stats.reduce((n, s) => n + BigInt(s.burned), 0n);
let inFlight = 0n;
for (const t of accepted) {
  const o = outcome.get(t.hash);
  if (o.status === 'sent' && o.cross) inFlight += BigInt(o.amount);
}
// The same sum through the public RPC only: the accounts the bench knows of.
const known = [...config.prefunded.map((p) => p.address), ...senders.map((w) => w.address)];
let rpcHoldings = 0n;
for (let k = 0; k < known.length; k += 500) {
  const res = await client.batch(known.slice(k, k + 500).map((addr) => ['getAccount', [addr]]));
  for (const r of res) {
    const v = r.result;
    rpcHoldings +=
      BigInt(v.balance) +
      BigInt(v.gasStaked) +
      BigInt(v.deposit) +
      Object.values(v.votes).reduce((n, x) => n + BigInt(x), 0n);
  }
}
result.checks.supply = {
  genesis: genesis.toString(),
  holdings: holdings.toString(),
  burned: burned.toString(),
  inFlight: inFlight.toString(),
  accounts,
  knownAccounts: new Set(known).size,
  difference: (genesis - holdings - burned - inFlight).toString(),
  rpcDifference: (genesis - rpcHoldings - burned - inFlight).toString(),
  ok:
    genesis === holdings + burned + inFlight &&
    (accounts !== new Set(known).size || genesis === rpcHoldings + burned + inFlight),
};
say(
  `  supply: genesis ${genesis} = holdings ${holdings} + burned ${burned} + in flight ${inFlight}? ${result.checks.supply.ok ? 'yes' : `NO (off by ${result.checks.supply.difference})`}`,
);

// ---- every object's log chain, then read models against a rebuild ----
const objects = [
  ...Array.from({ length: tableCount(config) }, (_, t) => ['TABLE', tableName(config, t)]),
  ...Array.from({ length: config.zones * config.committeesPerZone }, (_, g) => [
    'COMMITTEE',
    `${config.name}/committee/${Math.floor(g / config.committeesPerZone)}/${g % config.committeesPerZone}`,
  ]),
  ...Array.from({ length: config.zones }, (_, z) => ['ZONE', zoneName(config, z)]),
  ['BEACON', beaconName(config)],
  ['HUB', hubName(config)],
  ['FAUCET', `${config.name}/faucet`],
];
const logResults = [];
for (const [binding, objName] of objects) {
  const ns = await net.mf.getDurableObjectNamespace(binding);
  const stub = ns.get(ns.idFromName(objName));
  try {
    const v = await stub.verifyLog();
    logResults.push({
      object: objName,
      ok: v.ok,
      seq: v.seq,
      ...(v.brokenAt !== undefined ? { brokenAt: v.brokenAt } : {}),
    });
  } catch (e) {
    logResults.push({ object: objName, ok: false, error: e.message });
  }
}
result.checks.logs = {
  objects: logResults.length,
  events: logResults.reduce((n, r) => n + (r.seq ?? 0), 0),
  broken: logResults.filter((r) => !r.ok),
  ok: logResults.every((r) => r.ok),
};
say(
  `  logs: ${logResults.filter((r) => r.ok).length}/${logResults.length} objects verify (${result.checks.logs.events} events)`,
);

const rebuilds = [];
for (const [binding, objName] of objects.filter(([b]) => b === 'TABLE' || b === 'ZONE')) {
  const ns = await net.mf.getDurableObjectNamespace(binding);
  try {
    const r = await ns.get(ns.idFromName(objName)).rebuildReadModels();
    rebuilds.push({ object: objName, equal: r.equal, events: r.events });
  } catch (e) {
    rebuilds.push({ object: objName, equal: false, error: e.message });
  }
}
result.checks.readModels = {
  objects: rebuilds.length,
  differ: rebuilds.filter((r) => !r.equal),
  ok: rebuilds.every((r) => r.equal),
};
say(
  `  read models: ${rebuilds.filter((r) => r.equal).length}/${rebuilds.length} equal a rebuild from the log`,
);

result.ok = Object.values(result.checks).every((c) => c.ok);
result.finished = new Date().toISOString();
result.networkLogRepeats = logs.summary();
client.close();
await net.stop({ keep: a['keep-state'] });

if (Object.keys(result.networkLogRepeats).length) {
  say('\nRepeated network log lines (count):');
  for (const [k, n] of Object.entries(result.networkLogRepeats)) say(`  ${n} × ${k.slice(0, 160)}`);
}
say(
  `\n${result.ok ? 'PASS' : 'FAIL'}: ${Object.entries(result.checks)
    .map(([k, v]) => `${k} ${v.ok ? 'ok' : 'FAILED'}`)
    .join(', ')}`,
);
const path = saveResult('crash', result, 'crash-latest.json');
say(`saved ${path}`);
process.exit(result.ok ? 0 : 1);
