// The explorer under a loaded network: N pre-signed transfers (default 100,000) are sent as JSON-RPC
// batches and awaited final, then every page type and its /api twin is requested one at a time
// over a keep-alive connection, with random targets (tables, blocks, transactions, accounts that
// carry long histories), and the time to the full answer is summarised per page type (p50, p95).
// The target is p95 < 50 ms for every page. Results: bench/results/explorer-<date>.json (and
// explorer-latest.json). Only 127.0.0.1 is ever contacted.
//
// Usage: node bench/explorer.mjs [--txs 100000] [--senders 256] [--lanes 4] [--batch 1000]
//        [--block-interval 500] [--samples 40] [--quick]
//        (EXPLORER_BENCH_TXS=<n> also sets --txs)
import { ensureTransformTypes } from './lib/util.mjs';

ensureTransformTypes(import.meta.url);

const { parseArgs } = await import('node:util');
const http = await import('node:http');
const { collapseRepeatedLogs, percentile, prng, saveResult, say, sleep } = await import('./lib/util.mjs');
const { machine } = await import('./lib/machine.mjs');
const { startLocalNetwork } = await import('./lib/localNet.mjs');
const { createClient } = await import('./lib/rpc.mjs');
const { fundedSenders, signPlan, topnetConfig, transferPlan } = await import('./lib/topnetChain.mjs');
const { tableCount } = await import('../protocol/network/config.ts');

const { values: a } = parseArgs({
  options: {
    txs: { type: 'string', default: process.env.EXPLORER_BENCH_TXS ?? '100000' },
    senders: { type: 'string', default: '256' },
    lanes: { type: 'string', default: '4' },
    batch: { type: 'string', default: '1000' },
    'block-interval': { type: 'string', default: '500' },
    samples: { type: 'string', default: '40' },
    quick: { type: 'boolean', default: false },
  },
});
const opts = {
  txs: a.quick ? Math.min(Number(a.txs), 2000) : Number(a.txs),
  senders: Number(a.senders),
  lanes: Number(a.lanes),
  batch: Number(a.batch),
  samples: a.quick ? Math.min(Number(a.samples), 10) : Number(a.samples),
  network: { blockIntervalMs: Number(a['block-interval']) },
};
const TARGET_P95_MS = 50;
/** Transfers signed per chunk: sent well within the edge's 300 s timestamp tolerance. */
const CHUNK = 20_000;
const FUND = 1_000_000_000n; // 1,000 TOP per sender: far more than 1,000 transfers of ≤ 1,000 uTOP

const logs = collapseRepeatedLogs();
const started = new Date();
const config = topnetConfig(opts.network);
const net = await startLocalNetwork({
  name: `explorer-${process.pid}`,
  persist: true,
  network: opts.network,
});
const client = createClient(net.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One GET, timed to the last byte of the body; redirects are answers, not followed. */
function get(path) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(new URL(path, net.url), { agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          ms: performance.now() - t0,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function waitQuiet(timeoutMs) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const stats = await client.call('getTableStats');
    if (stats.every((s) => s.pending === 0 && s.inbox === 0 && s.outbox === 0)) return stats;
    if (Date.now() > end) throw new Error(`network not quiet after ${timeoutMs} ms`);
    await sleep(250);
  }
}

let result;
try {
  say(
    `explorer bench: ${opts.txs} transfers, ${tableCount(config)} tables, block interval ${opts.network.blockIntervalMs} ms`,
  );
  say(`  network on ${net.url}, up in ${net.startMs} ms`);

  // ---- load ----
  let t = performance.now();
  const senders = await fundedSenders(client, config, 'ed25519', opts.senders, FUND);
  say(`  ${senders.length} senders funded in ${Math.round(performance.now() - t)} ms`);
  // Transactions carry their signing time and the edge refuses one more than 300 s off, so the load
  // is signed in chunks, each while the previous one is being sent.
  const plan = transferPlan(config, senders, opts.txs, { seed: 21, lanes: opts.lanes });
  const txs = [];
  const rejected = {};
  let accepted = 0;
  let signMs = 0;
  const sign = (from) => {
    const t0 = performance.now();
    return signPlan(config, senders, plan.slice(from, from + CHUNK)).then((x) => {
      signMs += performance.now() - t0;
      return x;
    });
  };
  async function sendChunk(chunk) {
    const byLane = Array.from({ length: opts.lanes }, () => []);
    for (const tx of chunk) byLane[tx.lane].push(tx);
    await Promise.all(
      byLane.map(async (list, lane) => {
        for (let i = 0; i < list.length; i += opts.batch) {
          const res = await client.batch(
            list.slice(i, i + opts.batch).map((x) => ['sendTransaction', [x.raw]]),
            lane,
          );
          for (const r of res) {
            const code = r.error
              ? (r.error.data?.code ?? `RPC ${r.error.code}`)
              : r.result.status === 'pending'
                ? null
                : r.result.error?.code;
            if (code) rejected[code] = (rejected[code] ?? 0) + 1;
            else accepted++;
          }
        }
      }),
    );
  }
  let next = sign(0);
  t = performance.now();
  for (let from = 0; from < plan.length; from += CHUNK) {
    const chunk = await next;
    txs.push(...chunk);
    next = from + CHUNK < plan.length ? sign(from + CHUNK) : null;
    await sendChunk(chunk);
    say(`  ${txs.length} sent (${accepted} accepted) after ${Math.round((performance.now() - t) / 1000)} s`);
  }
  const submitMs = performance.now() - t;
  say(
    `  submitted in ${Math.round(submitMs)} ms: ${accepted} accepted, rejected ${JSON.stringify(rejected)}`,
  );
  const stats = await waitQuiet(30 * 60_000);
  const loadMs = performance.now() - t;
  const heights = stats.map((s) => s.height);
  say(
    `  all final and quiet after ${Math.round(loadMs)} ms (${Math.round(accepted / (loadMs / 1000))} tx/s); heights ${heights.join(',')}`,
  );

  // ---- index catch-up: the first reads after the load ----
  t = performance.now();
  const first = await get('/api/explorer');
  const firstHomeMs = performance.now() - t;
  for (let tb = 0; tb < tableCount(config); tb++) await get(`/api/explorer/tables/${tb}`);
  const catchUpMs = performance.now() - t;
  say(
    `  first home after the load: ${Math.round(firstHomeMs)} ms; every table page once: ${Math.round(catchUpMs)} ms`,
  );
  if (first.status !== 200) throw new Error(`home answered ${first.status}: ${first.body.slice(0, 200)}`);

  // Facts the pages are checked against, and the targets drawn from.
  const sample = txs.filter((_, i) => i % Math.max(1, Math.floor(txs.length / 2000)) === 0);
  const views = [];
  for (let i = 0; i < sample.length; i += 500)
    views.push(
      ...(await client.batch(sample.slice(i, i + 500).map((x) => ['getTransaction', [x.hash, x.sender]]))),
    );
  const finals = views.filter((v) => v.result?.status === 'final').map((v) => v.result);
  say(`  ${finals.length} of ${sample.length} sampled transfers final`);
  const home = JSON.parse(first.body);
  const rateTotal = home.rate.buckets.reduce((s, b) => s + b.finalized, 0);
  const committees = Array.from({ length: config.committeesPerZone }, (_, g) => `/committees/0/${g}`);

  const rnd = prng(7);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const pages = {
    home: () => '/',
    tables: () => '/tables',
    table: () => `/tables/${Math.floor(rnd() * tableCount(config))}`,
    block: () => {
      const v = pick(finals);
      return `/tables/${v.send.table}/blocks/${v.send.height}`;
    },
    tx: () => `/txs/${pick(finals).hash}`,
    account: () => `/accounts/${pick(senders).address}`,
    committee: () => pick(committees),
    beacon: () => '/beacon',
    lattice: () => '/lattice',
    search: () => `/search?q=${pick(finals).hash}`,
  };
  const api = (p) =>
    p.startsWith('/search') ? `/api/explorer${p}` : p === '/' ? '/api/explorer' : `/api/explorer${p}`;

  // Every page once (unmeasured), checked for a good answer.
  for (const [name, path] of Object.entries(pages)) {
    for (const p of [path(), api(path())]) {
      const r = await get(p);
      if (r.status !== 200 && !(name === 'search' && r.status === 302))
        throw new Error(`${name} ${p} answered ${r.status}: ${r.body.slice(0, 200)}`);
    }
  }
  const acct = JSON.parse((await get(api(pages.account()))).body);
  say(`  an account page: ${acct.history.entries.length} entries shown, more: ${acct.history.next !== null}`);

  // ---- measure: page types interleaved, one request at a time ----
  const ms = Object.fromEntries(
    Object.keys(pages).flatMap((n) => [
      [n, []],
      [`${n} api`, []],
    ]),
  );
  for (let s = 0; s < opts.samples; s++)
    for (const [name, path] of Object.entries(pages)) {
      const p = path();
      const h = await get(p);
      ms[name].push(h.ms);
      const j = await get(api(p));
      ms[`${name} api`].push(j.ms);
    }
  const csvMs = [];
  for (let s = 0; s < Math.min(10, opts.samples); s++)
    csvMs.push((await get(`${pages.account()}/history.csv`)).ms);
  const summary = (xs) => {
    const s = xs.slice().sort((x, y) => x - y);
    const r = (v) => Math.round(v * 10) / 10;
    return {
      samples: s.length,
      p50: r(percentile(s, 50)),
      p95: r(percentile(s, 95)),
      max: r(s[s.length - 1]),
    };
  };
  const perPage = Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, summary(v)]));
  const over = Object.entries(perPage)
    .filter(([, v]) => v.p95 >= TARGET_P95_MS)
    .map(([k, v]) => `${k} (p95 ${v.p95} ms)`);

  result = {
    bench: 'explorer',
    started: started.toISOString(),
    finished: new Date().toISOString(),
    machine: machine(),
    options: opts,
    network: {
      tables: tableCount(config),
      committees: config.zones * config.committeesPerZone,
      committeeSize: config.committeeSize,
      blockIntervalMs: config.blockIntervalMs,
      heights,
    },
    load: {
      txs: txs.length,
      accepted,
      rejected,
      crossShare: Number((plan.filter((p) => p.cross).length / plan.length).toFixed(3)),
      signMs: Math.round(signMs),
      submitMs: Math.round(submitMs),
      finalMs: Math.round(loadMs),
      finalizedPerSecond: Math.round(accepted / (loadMs / 1000)),
      sampledFinal: `${finals.length}/${sample.length}`,
      historyEntriesPerSender: Math.round((txs.length * 3) / senders.length),
    },
    index: {
      firstHomeMs: Math.round(firstHomeMs),
      everyTablePageOnceMs: Math.round(catchUpMs),
      homeChartFinalizedInWindow: rateTotal,
    },
    method:
      'Sequential GETs over one keep-alive connection from this process to the local Worker; time to the last byte of the body, so it includes loopback HTTP. Page types interleaved, random targets (seeded). Search is measured as its 302 (HTML) and its JSON answer.',
    targetP95Ms: TARGET_P95_MS,
    pages: perPage,
    accountCsv: summary(csvMs),
    met: over.length === 0,
    over,
    logs: logs.summary(),
  };
  say(
    '\n' +
      JSON.stringify(
        { load: result.load, index: result.index, pages: result.pages, met: result.met, over },
        null,
        2,
      ),
  );
  say(`saved ${saveResult('explorer', result, 'explorer-latest.json')}`);
} finally {
  agent.destroy();
  client.close();
  await net.stop();
}
process.exit(result ? 0 : 1);
