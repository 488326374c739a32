// The runs of bench/throughput.mjs: topnet per account kind, Anvil (automine, and interval mining as
// a reference that does not stall), and the CPU profile of topnet under load. Each run is warm-up →
// max load → half load; loads are sized from the warm-up so a slow system is not fed 20k
// transfers it would need minutes for, and every phase is bounded in count and time.
import { startLocalNetwork } from './localNet.mjs';
import { createClient } from './rpc.mjs';
import { drive } from './drive.mjs';
import {
  fundedSenders,
  signPlan,
  statuses,
  topnetConfig,
  topnetTarget,
  transferPlan,
} from './topnetChain.mjs';
import { anvilTarget, signAnvilPlan, startAnvil } from './anvilChain.mjs';
import { inspect, startProfiledNetwork, summarizeProfile } from './profileNet.mjs';
import { tableCount, tableName } from '../../protocol/network/config.ts';
import { say } from './util.mjs';
import { settle } from './machine.mjs';
import { hops } from './hops.mjs';
import { UTOP_PER_TOP } from '../../protocol/amount.ts';

const FUND = 1_000n * UTOP_PER_TOP;
const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, Math.round(v)));

function brief(label, r) {
  say(
    `  ${label}: ${r.finalized}/${r.accepted} final in ${r.seconds.toFixed(1)} s → ${r.finalizedPerSecond} tx/s` +
      ` (submit ${r.submitRate}/s), p50 ${r.latencyMs.p50 ?? '-'} ms, p99 ${r.latencyMs.p99 ?? '-'} ms` +
      `${r.latencyCrossMs ? ` (cross-table p50 ${r.latencyCrossMs.p50 ?? '-'} ms)` : ''}` +
      `${r.latencyPushedMs ? `; pushed p50 ${r.latencyPushedMs.p50 ?? '-'} ms, polled p50 ${r.latencyPolledMs?.p50 ?? '-'} ms` : ''}` +
      `${r.hops?.['accepted→confirm certified'] ? `; inside the chain, accepted → confirm certified p50 ${r.hops['accepted→confirm certified'].p50} ms` : ''}` +
      `${Object.keys(r.rejected).length ? `, rejected ${JSON.stringify(r.rejected)}` : ''}${r.complete ? '' : ' — INCOMPLETE'}`,
  );
}

/** Statuses of every accepted transaction of a phase, after it: nothing may be missing. */
async function verifyTopnet(client, items, r) {
  const accepted = items.filter((_, i) => r.state[i].ok);
  const st = await statuses(client, accepted);
  const out = { checked: st.length, final: 0, rejected: {}, missing: 0, other: {} };
  for (const s of st) {
    if (s.status === 'final') out.final++;
    else if (s.status === 'rejected')
      out.rejected[s.error?.code ?? '?'] = (out.rejected[s.error?.code ?? '?'] ?? 0) + 1;
    else if (s.status === 'missing') out.missing++;
    else out.other[s.status] = (out.other[s.status] ?? 0) + 1;
  }
  return out;
}

async function topnetPhase(
  client,
  config,
  senders,
  n,
  { seed, rate = 0, lanes, batch, sampleEvery, pollMs, submitSeconds, maxSeconds, label, afterDrive },
) {
  const plan = transferPlan(config, senders, n, { seed, lanes });
  const t = performance.now();
  const items = await signPlan(config, senders, plan);
  const signMs = Math.round(performance.now() - t);
  const r = await drive(topnetTarget(client, config, senders), items, {
    lanes,
    batch,
    rate,
    sampleEvery,
    pollMs,
    submitSeconds,
    maxSeconds,
    label,
  });
  r.signMs = signMs;
  await afterDrive?.(r);
  r.crossShare = Number((plan.filter((p) => p.cross).length / plan.length).toFixed(3));
  r.verified = await verifyTopnet(client, items, r);
  return r;
}

export async function runTopnet(kind, opts) {
  say(`\n== topnet ${kind} ==`);
  const net = await startLocalNetwork({
    name: `throughput-${process.pid}`,
    persist: true,
    network: opts.network,
  });
  const client = createClient(net.url);
  const config = topnetConfig(opts.network);
  const { lanes, batch } = opts;
  try {
    say(
      `  network on ${net.url} (${tableCount(config)} tables, ${config.committeesPerZone} committees of ${config.committeeSize}), up in ${net.startMs} ms`,
    );
    let t = performance.now();
    const senders = await fundedSenders(client, config, kind, opts.senders, FUND);
    say(`  ${senders.length} ${kind} senders funded and final in ${Math.round(performance.now() - t)} ms`);
    const base = { lanes, batch, submitSeconds: opts.maxSeconds * 0.75, maxSeconds: opts.maxSeconds };
    const warmup = await topnetPhase(client, config, senders, Math.min(1000, opts.cap), {
      ...base,
      seed: 11,
      sampleEvery: 50,
      pollMs: 25,
      maxSeconds: 60,
      submitSeconds: 45,
      label: 'warm-up',
    });
    brief('warm-up', warmup);
    const n = opts.quick ? opts.cap : clamp(warmup.finalizedPerSecond * 45, 2000, opts.cap);
    const max = await topnetPhase(client, config, senders, n, {
      ...base,
      seed: 12,
      sampleEvery: 50,
      pollMs: 25,
      label: 'max',
    });
    brief('max', max);
    // Paced load is open-loop only if no lane waits long for its previous answer: 4× the lanes.
    // Each paced phase starts on a settled network (machine.mjs settle), so it measures its own
    // load, not the index catching up on the max phase's blocks.
    const paced = async (rate, seed, label) => {
      const settled = await settle();
      say(`  settled in ${settled.waitedMs} ms (workerd ${settled.busyPct}% busy)`);
      const w0 = Date.now();
      const r = await topnetPhase(client, config, senders, clamp(rate * opts.halfSeconds, 100, opts.cap), {
        ...base,
        lanes: lanes * 4,
        seed,
        rate,
        sampleEvery: 20,
        pollMs: 10,
        submitSeconds: opts.halfSeconds * 1.5,
        maxSeconds: opts.halfSeconds * 1.5 + 30,
        label,
      });
      r.settled = settled;
      // The chain's own share of the latency, hop by hop, from the objects' logs (hops.mjs): what
      // is left of the p50 above it is time spent reaching the edge and hearing back from it.
      r.hops = await hops(net.mf, config, w0, Date.now()).catch((e) => ({ error: e.message }));
      return r;
    };
    // Half of the peer's rate: the issue's "half that load", where "that load" is the rate Anvil
    // reaches in the same run (Anvil runs first when both are measured). It runs right after the
    // max phase, as Anvil's own half-load phase does: both systems then carry the same history
    // (warm-up and max) when compared. topnet slows as its tables grow (docs/bench.md, fifth
    // session), so measuring it after one more phase than Anvil would compare unequal chains.
    let halfPeer = null;
    if (opts.peerRate) {
      const peerHalf = Math.max(1, Math.round(opts.peerRate / 2));
      halfPeer = await paced(peerHalf, 14, 'half of peer');
      brief(`half of Anvil's rate (${peerHalf}/s)`, halfPeer);
    }
    // ... and half of topnet's own max rate (the reading earlier versions of this bench used).
    const rate = Math.max(1, Math.round(max.finalizedPerSecond / 2));
    const half = await paced(rate, 13, 'half');
    brief(`half (${rate}/s)`, half);
    t = performance.now();
    const stats = await client.call('getTableStats');
    return {
      system: 'topnet',
      kind,
      label: `topnet ${kind}`,
      network: {
        tables: tableCount(config),
        committees: config.committeesPerZone * config.zones,
        committeeSize: config.committeeSize,
        blockIntervalMs: config.blockIntervalMs,
      },
      senders: senders.length,
      lanes,
      batch,
      warmup,
      max,
      half,
      halfPeer,
      heights: stats.map((s) => s.height),
    };
  } finally {
    client.close();
    await net.stop();
  }
}

async function anvilPhase(
  client,
  accounts,
  n,
  { seed, rate = 0, lanes, batch, sampleEvery, pollMs, submitSeconds, maxSeconds, label },
) {
  const t = performance.now();
  const items = await signAnvilPlan(client, n, { lanes, seed, count: accounts });
  const signMs = Math.round(performance.now() - t);
  const target = anvilTarget(client, accounts);
  const r = await drive(target, items, {
    lanes,
    batch,
    rate,
    sampleEvery,
    pollMs,
    submitSeconds,
    maxSeconds,
    label,
  });
  r.signMs = signMs;
  r.nudges = target.nudges;
  return r;
}

/**
 * Anvil with automine (the peer the target names) and with 1 s interval mining. Under concurrent
 * batches Anvil 1.7.1's automine can stall (requests unanswered, ready transactions left unmined);
 * a stalled attempt is recorded and retried on a fresh Anvil, up to `attempts` times.
 */
export async function runAnvil(opts, { attempts = 3 } = {}) {
  const out = [];
  const accounts = 100;
  for (const mining of ['automine', 'interval 1s']) {
    say(`\n== anvil ${mining} ==`);
    const tries = [];
    let result = null;
    for (let k = 0; k < (mining === 'automine' ? attempts : 1) && !result; k++) {
      const anvil = await startAnvil({
        accounts,
        extraArgs: mining === 'automine' ? [] : ['--block-time', '1'],
      });
      const client = createClient(anvil.url, { path: '/', timeoutMs: 15_000 });
      try {
        const lanes = mining === 'automine' ? 2 : opts.lanes;
        const batch = mining === 'automine' ? 50 : 100;
        const base = { lanes, batch, submitSeconds: opts.maxSeconds * 0.75, maxSeconds: opts.maxSeconds };
        const warmup = await anvilPhase(client, accounts, Math.min(1000, opts.cap), {
          ...base,
          seed: 21,
          sampleEvery: 50,
          pollMs: 25,
          maxSeconds: 40,
          submitSeconds: 30,
          label: 'warm-up',
        });
        brief('warm-up', warmup);
        const n = opts.quick ? opts.cap : clamp(warmup.finalizedPerSecond * 20, 2000, opts.cap);
        const max = await anvilPhase(client, accounts, n, {
          ...base,
          seed: 22,
          sampleEvery: 50,
          pollMs: 25,
          label: 'max',
        });
        brief('max', max);
        let half = null;
        if (max.complete && mining === 'automine') {
          const rate = Math.max(1, Math.round(max.finalizedPerSecond / 2));
          half = await anvilPhase(client, accounts, clamp(rate * opts.halfSeconds, 100, opts.cap), {
            ...base,
            seed: 23,
            rate,
            sampleEvery: 20,
            pollMs: 10,
            submitSeconds: opts.halfSeconds * 1.5,
            maxSeconds: opts.halfSeconds * 1.5 + 30,
            label: 'half',
          });
          brief(`half (${rate}/s)`, half);
        }
        const ok = max.complete && (mining !== 'automine' || half?.complete);
        const run = {
          system: 'anvil',
          mining,
          label: `anvil ${mining}`,
          version: anvil.version,
          accounts,
          lanes,
          batch,
          warmup,
          max,
          half,
        };
        if (ok) result = run;
        else tries.push({ attempt: k + 1, max: brief2(max), half: half && brief2(half) });
        if (!ok)
          say(
            `  attempt ${k + 1} did not complete (Anvil stalled); ${k + 1 < attempts && mining === 'automine' ? 'retrying on a fresh Anvil' : 'giving up'}`,
          );
        if (!ok && k + 1 >= (mining === 'automine' ? attempts : 1)) result = { ...run, failed: true };
      } finally {
        client.close();
        await anvil.stop();
      }
    }
    result.stalledAttempts = tries;
    out.push(result);
  }
  return out;
}

function brief2(r) {
  return {
    finalized: r.finalized,
    accepted: r.accepted,
    submitted: r.submitted,
    seconds: r.seconds,
    rejected: r.rejected,
    complete: r.complete,
    nudges: r.nudges,
  };
}

/**
 * Where the CPU goes: inclusive share of the shells' entry points and of known hot spots (indented
 * rows are inside the row above). Names follow the current code; a renamed function shows 0 and is
 * left out of the printout, the full top lists stay in the JSON.
 */
const PARTS = [
  ['edge: JSON-RPC batch, decode, signature checks (submitMany)', 'submitMany', 'incl'],
  ['table: admission (submit)', 'submit', 'incl'],
  ['table: block production, certify wait excluded (produceBlock)', 'produceBlock', 'incl'],
  ['   state transition (applyBlock)', 'applyBlock', 'incl'],
  ['   receipt batches and Merkle proofs (receiptBatches)', 'receiptBatches', 'incl'],
  ['   commit: read models (evolveBlock)', 'evolveBlock', 'incl'],
  ['   shadow accounts rebuilt after each block (rebuildShadow)', 'rebuildShadow', 'incl'],
  ['committee: PBFT round (certifyNow)', 'certifyNow', 'incl'],
  ['   replica snapshot as tagged JSON (toTaggedJson)', 'toTaggedJson', 'incl'],
  ['log appends, all objects (append)', 'append', 'incl'],
  ['zone: routing (route)', 'route', 'incl'],
  ['outbox delivery pumps, all objects (pump)', 'pump', 'incl'],
  ['table: receipt intake (deliver)', 'deliver', 'incl'],
  ['   envelope proofs and certificates (openEnvelope)', 'openEnvelope', 'incl'],
  ['hub: publish', 'publish', 'incl'],
  ['reads: getTransaction', 'getTransaction', 'incl'],
  ['self: SQLite exec', 'exec', 'self'],
  ['self: hex decoding (fromHex)', 'fromHex', 'self'],
  ['self: JSON.parse', 'parse', 'self'],
  ['self: SHA-256 compression (process)', 'process', 'self'],
  ['garbage collection', '(garbage collector)', 'self'],
  ['idle', '(idle)', 'self'],
];

/** Block and round statistics from the objects' logs, read in-process through Miniflare. */
async function logStats(mf, config) {
  const tables = await mf.getDurableObjectNamespace('TABLE');
  const committees = await mf.getDurableObjectNamespace('COMMITTEE');
  const out = {
    blocks: 0,
    txs: 0,
    receiptsIn: 0,
    receiptsOut: 0,
    acceptedBatches: 0,
    deliveries: 0,
    rounds: 0,
    certifiedBlocks: 0,
    messages: 0,
    perTable: [],
  };
  for (let t = 0; t < tableCount(config); t++) {
    const stub = tables.get(tables.idFromName(tableName(config, t)));
    let after = 0;
    const mine = { table: t, blocks: 0, txs: 0 };
    for (;;) {
      const evs = await stub.events(after, 1000);
      if (!evs.length) break;
      for (const e of evs) {
        after = e.seq;
        if (e.type === 'BlockCommitted' && e.body.height > 0) {
          mine.blocks++;
          mine.txs += e.body.results.length;
          out.receiptsIn += e.body.applied.length;
          out.receiptsOut += e.body.outgoing.length;
        } else if (e.type === 'TxsAccepted') out.acceptedBatches++;
        else if (e.type === 'ReceiptsDelivered') out.deliveries++;
      }
    }
    out.blocks += mine.blocks;
    out.txs += mine.txs;
    out.perTable.push(mine);
  }
  for (let g = 0; g < config.committeesPerZone * config.zones; g++) {
    const name = `${config.name}/committee/${Math.floor(g / config.committeesPerZone)}/${g % config.committeesPerZone}`;
    const stub = committees.get(committees.idFromName(name));
    let after = 0;
    // A round certifies the next block of several tables: one Certified event per block, one seq per round.
    const seqs = new Set();
    for (;;) {
      const evs = await stub.events(after, 5000);
      if (!evs.length) break;
      for (const e of evs) {
        after = e.seq;
        if (e.type === 'Certified') {
          out.certifiedBlocks++;
          seqs.add(e.body.seq);
        } else if (e.type === 'Message') out.messages++;
      }
    }
    out.rounds += seqs.size;
  }
  out.txsPerBlock = out.blocks ? Number((out.txs / out.blocks).toFixed(1)) : 0;
  out.messagesPerRound = out.rounds ? Number((out.messages / out.rounds).toFixed(1)) : 0;
  return out;
}

/**
 * A CPU profile of workerd (edge + every object share one isolate) under max load of `kind`
 * senders; the profiler runs exactly while the load is driven (not during set-up or checks).
 */
export async function runProfile(opts, runs, kind = 'ed25519') {
  const rate = opts.profileRate ?? 0;
  say(`\n== profile: topnet ${kind} under ${rate ? `${rate} tx/s paced` : 'max'} load, workerd inspector ==`);
  const net = await startProfiledNetwork({ name: `profile-${process.pid}`, network: opts.network });
  const client = createClient(net.url);
  const config = topnetConfig(opts.network);
  try {
    const senders = await fundedSenders(client, config, kind, opts.senders, FUND);
    const ed = runs.find((r) => r.system === 'topnet' && r.kind === kind);
    const n = rate
      ? clamp(rate * opts.halfSeconds, 100, opts.cap)
      : clamp((ed?.max.finalizedPerSecond ?? 100) * 20, 1000, opts.cap);
    const before = await logStats(net.mf, config);
    const insp = await inspect(net.inspectorPort);
    await insp.send('Profiler.enable');
    await insp.send('Profiler.setSamplingInterval', { interval: 500 });
    await insp.send('Profiler.start');
    let profile;
    const load = await topnetPhase(client, config, senders, n, {
      afterDrive: async () => {
        profile = (await insp.send('Profiler.stop')).profile;
      },
      // Paced like the ½ phase (4× the lanes, denser latency samples), else like the max phase.
      lanes: rate ? opts.lanes * 4 : opts.lanes,
      batch: opts.batch,
      rate,
      seed: 31,
      sampleEvery: rate ? 20 : 50,
      pollMs: rate ? 10 : 25,
      submitSeconds: 60,
      maxSeconds: 90,
      label: rate ? 'profiled paced' : 'profiled max',
    });
    insp.close();
    brief(rate ? `profiled paced (${rate}/s)` : 'profiled max', load);
    const after = await logStats(net.mf, config);
    const s = summarizeProfile(profile, 40);
    const byPart = PARTS.map(([part, name, how]) => ({
      part,
      fn: name,
      pct: how === 'incl' ? s.inclusivePct(name) : s.selfPct(name),
    }));
    const blocks = {
      blocks: after.blocks - before.blocks,
      txs: after.txs - before.txs,
      rounds: after.rounds - before.rounds,
      certifiedBlocks: after.certifiedBlocks - before.certifiedBlocks,
      messages: after.messages - before.messages,
      receiptsIn: after.receiptsIn - before.receiptsIn,
      receiptsOut: after.receiptsOut - before.receiptsOut,
      acceptedBatches: after.acceptedBatches - before.acceptedBatches,
      deliveries: after.deliveries - before.deliveries,
    };
    blocks.txsPerBlock = blocks.blocks ? Number((blocks.txs / blocks.blocks).toFixed(1)) : 0;
    blocks.messagesPerRound = blocks.rounds ? Number((blocks.messages / blocks.rounds).toFixed(1)) : 0;
    blocks.blocksPerRound = blocks.rounds ? Number((blocks.certifiedBlocks / blocks.rounds).toFixed(2)) : 0;
    blocks.blocksPerSecond = Number((blocks.blocks / load.seconds).toFixed(1));
    const cpuMsPerTx = Number(((s.totalMs - s.idleMs) / Math.max(1, load.finalized)).toFixed(2));
    const phases = ed?.half?.firstSeenMs ?? {};
    const p50 = (k) => phases[k]?.p50 ?? null;
    const top = byPart
      .filter((p) => !p.part.startsWith(' ') && p.fn !== '(idle)')
      .sort((x, y) => y.pct - x.pct)
      .slice(0, 6);
    const findings = [
      `workerd runs the edge and every Durable Object in one isolate, on one thread: it was ${s.busyPct}% busy for ${load.finalized} finalized transfers at ${load.finalizedPerSecond} tx/s, ${cpuMsPerTx} ms of CPU per transfer (its send, recv and confirm each ride in a certified table block).`,
      `blocks carried ${blocks.txsPerBlock} transactions on average (${blocks.blocks} blocks at ${blocks.blocksPerSecond}/s, ${blocks.rounds} PBFT rounds of ${blocks.messagesPerRound} logged messages, ${blocks.blocksPerRound} blocks certified per round): with blockIntervalMs ${config.blockIntervalMs} a table starts its next block ${config.blockIntervalMs ? `${config.blockIntervalMs} ms after` : 'as soon as'} the last commits, so blocks stay small and per-block costs (a PBFT round, receipt batches, routing, log appends) are paid every few transactions.`,
      `largest CPU shares: ${top.map((p) => `${p.part.replace(/ \(.*\)$/, '')} ${p.pct}%`).join('; ')}.`,
      `hottest functions by self time: ${s.selfTop
        .filter((f) => !f.name.startsWith('(idle)'))
        .slice(0, 6)
        .map((f) => `${f.name} ${f.pct}%`)
        .join('; ')}.`,
    ];
    if (p50('final') !== null)
      findings.push(
        `half load, p50 from submit to the first poll that saw each status: ${[
          'pending',
          'sent',
          'received',
          'final',
        ]
          .filter((k) => p50(k) !== null)
          .map((k) => `${k} ${p50(k)} ms`)
          .join(', ')}` +
          (p50('pending') === null && p50('sent') === null
            ? ' (no poll ever saw pending or sent: sendTransaction answers only after the block pipeline has run, see the sweep)'
            : '') +
          '.',
      );
    // Latency against offered load: one transfer at a time on the idle network, then paced loads.
    const sweep = [];
    const one = await topnetPhase(client, config, senders, 20, {
      lanes: 1,
      batch: 1,
      seed: 40,
      sampleEvery: 1,
      pollMs: 5,
      submitSeconds: 30,
      maxSeconds: 40,
      label: 'one at a time',
    });
    sweep.push({
      rate: 'one at a time',
      finalizedPerSecond: one.finalizedPerSecond,
      latencyMs: one.latencyMs,
      submitRttMs: one.submitRttMs,
    });
    for (const rate of [10, 25, 50]) {
      const r = await topnetPhase(client, config, senders, rate * 8, {
        lanes: opts.lanes * 4,
        batch: opts.batch,
        rate,
        seed: 40 + rate,
        sampleEvery: 5,
        pollMs: 10,
        submitSeconds: 20,
        maxSeconds: 50,
        label: `paced ${rate}/s`,
      });
      sweep.push({
        rate,
        finalizedPerSecond: r.finalizedPerSecond,
        complete: r.complete,
        latencyMs: r.latencyMs,
        submitRttMs: r.submitRttMs,
      });
      say(
        `  paced ${rate}/s: p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms (submit answered after p50 ${r.submitRttMs.p50} ms)`,
      );
    }
    findings.push(
      `latency against offered load: one transfer at a time p50 ${sweep[0].latencyMs.p50} ms; ` +
        sweep
          .slice(1)
          .map((x) => `${x.rate}/s p50 ${x.latencyMs.p50} ms`)
          .join(', ') +
        '. sendTransaction itself answers late: the edge, the table and the block pipeline share the one isolate, so the answer waits behind block production and certification.',
    );
    const raw = `${net.stateDir}/../profile-${process.pid}.cpuprofile`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(raw, JSON.stringify(profile));
    return {
      kind,
      load: { ...load, state: undefined },
      cpu: {
        totalMs: s.totalMs,
        busyPct: s.busyPct,
        idleMs: s.idleMs,
        gcMs: s.gcMs,
        cpuMsPerTx,
        byPart,
        selfTop: s.selfTop,
        inclusiveTop: s.inclusiveTop,
      },
      blocks,
      latencyPhases: { halfLoad: phases, maxLoad: ed?.max.firstSeenMs ?? {} },
      latencySweep: sweep,
      findings,
      rawProfile: raw,
    };
  } finally {
    client.close();
    await net.stop();
  }
}
