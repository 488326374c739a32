// The load harness both chains share. Pre-signed items are split into lanes (one connection each;
// a lane owns its senders so their nonces arrive in order) and sent as JSON-RPC batches, either as
// fast as the server answers or paced to a target rate. Alongside, a progress poller counts
// finalized transactions through a cheap chain-specific counter, and a sampler polls a subset of
// transactions until each is final, for submit-to-final latency. Polling runs on its own
// connection and its cost (calls per second) is reported with the figures it produced.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { latencySummary, sleep } from './util.mjs';

/**
 * chain: {
 *   sendBatch(items, lane) → [{ ok, code? }] per item (accepted or not),
 *   progress() → finalized count (monotone, chain-wide),
 *   status(items) → [status] per item (one batch request): 'final' ends a sample; other names
 *     (e.g. topnet's pending/sent/received) are timed too, for a per-phase latency breakdown,
 *   watcher?() → { watch(item, cb(status, at)), close() }: pushed statuses (topnet's WebSocket
 *     subscriptions, txWatch.mjs); a sample is then final at whichever comes first, push or poll,
 *     and both are reported,
 * }
 * items: [{ lane, ... }] in global send order. opts: { lanes, batch, rate (tx/s, 0 = max), sampleEvery,
 * pollMs, maxPoll, progressMs, submitSeconds (stop sending after), maxSeconds (stop waiting after), label }. chain may also have counted(item) (does progress() count
 * this item? default yes) and complete() (a last check once every counted item is final, e.g. for
 * items progress() cannot see); the run ends when both hold, or at maxSeconds.
 */
export async function drive(chain, items, opts) {
  const {
    lanes,
    batch,
    rate = 0,
    sampleEvery = 20,
    pollMs = 10,
    maxPoll = 100,
    progressMs = 200,
    maxSeconds = 120,
    label = '',
  } = opts;
  const submitSeconds = opts.submitSeconds ?? maxSeconds;
  const perLane = Array.from({ length: lanes }, () => []);
  items.forEach((it, order) => perLane[it.lane % lanes].push({ it, order }));
  // final: when the client first learned it (push or poll); polled / pushed: by each way alone.
  const state = items.map(() => ({
    sent: null,
    ok: null,
    code: null,
    final: null,
    polled: null,
    pushed: null,
  }));
  const push = chain.watcher ? await chain.watcher() : null;
  /** A sample's end (final or rejected) learned at `at`, by push or by poll: the earlier counts. */
  const learned = (s, at) => (s.final = s.final === null ? at : Math.min(s.final, at));
  const pushed = (o, status, at) => {
    if (status !== 'final' && status !== 'rejected') return;
    state[o].pushed ??= at;
    learned(state[o], at);
  };
  const seen = new Map(); // order → { status: first ms seen }
  const rtts = [];
  const rejected = new Map();
  const base = await chain.progress();
  // The driver's own event loop: a stall here (its GC, a long synchronous step) holds every lane
  // and the sampler back, and would be counted as the system's latency.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const t0 = performance.now();
  const deadline = t0 + submitSeconds * 1000;
  const lastCall = t0 + maxSeconds * 1000;
  let acceptedCount = 0;
  let submittedCount = 0;
  let lastSubmit = t0;
  let sendErrors = 0;
  const series = [];
  let done = false;

  // ---- load lanes ----
  const released = () =>
    rate > 0 ? Math.min(items.length, Math.floor((rate * (performance.now() - t0)) / 1000)) : items.length;
  const lane = async (k) => {
    const mine = perLane[k];
    let i = 0;
    while (i < mine.length && performance.now() < deadline) {
      const limit = released();
      let j = i;
      while (j < mine.length && j - i < batch && mine[j].order < limit) j++;
      if (j === i) {
        await sleep(Math.max(1, Math.min(20, rate > 0 ? 1000 / rate : 5)));
        continue;
      }
      const chunk = mine.slice(i, j);
      if (push)
        for (const c of chunk)
          if (c.order % sampleEvery === 0) push.watch(c.it, (status, at) => pushed(c.order, status, at));
      const at = performance.now();
      for (const c of chunk) state[c.order].sent = at;
      let res;
      try {
        res = await chain.sendBatch(
          chunk.map((c) => c.it),
          k,
        );
      } catch (e) {
        sendErrors++;
        res = chunk.map(() => ({ ok: false, code: `TRANSPORT: ${e.message}` }));
      }
      lastSubmit = performance.now();
      rtts.push([lastSubmit - at, chunk.length]);
      res.forEach((r, n) => {
        const s = state[chunk[n].order];
        s.ok = r.ok;
        if (r.ok) acceptedCount++;
        else {
          s.code = r.code;
          rejected.set(r.code, (rejected.get(r.code) ?? 0) + 1);
        }
      });
      submittedCount += chunk.length;
      i = j;
    }
  };

  // ---- latency sampler ----
  let pollCalls = 0;
  const sampler = async () => {
    while (!done) {
      // The oldest open samples first, at most maxPoll per poll, so polling stays bounded.
      const open = [];
      for (let o = 0; o < items.length && open.length < maxPoll; o += sampleEvery) {
        const s = state[o];
        if (s.ok && s.polled === null) open.push(o);
      }
      if (open.length) {
        pollCalls += open.length;
        try {
          const st = await chain.status(open.map((o) => items[o]));
          const at = performance.now();
          st.forEach((f, n) => {
            const o = open[n];
            let m = seen.get(o);
            if (!m) seen.set(o, (m = {}));
            m[f] ??= at;
            if (f === 'final' || f === 'rejected') {
              state[o].polled = at;
              learned(state[o], at);
            }
          });
        } catch (e) {
          console.warn(`${label} sampler: ${e.message}`);
        }
      }
      await sleep(pollMs);
    }
  };

  // ---- progress ----
  const countedAccepted = () =>
    state.reduce((n, s, o) => n + (s.ok && (!chain.counted || chain.counted(items[o])) ? 1 : 0), 0);
  let finalAt = null;
  let progressCalls = 0;
  const watcher = async () => {
    for (;;) {
      await sleep(progressMs);
      let n;
      try {
        n = (await chain.progress()) - base;
        progressCalls += chain.progressCalls ?? 1;
      } catch (e) {
        console.warn(`${label} progress: ${e.message}`);
        continue;
      }
      const t = performance.now();
      series.push([Math.round(t - t0), n, acceptedCount]);
      const sendingDone = submittedCount === items.length || t > deadline;
      if (
        sendingDone &&
        n >= countedAccepted() &&
        (!chain.complete || (await chain.complete(items.filter((_, o) => state[o].ok))))
      ) {
        finalAt = performance.now();
        return;
      }
      if (t > lastCall) return;
    }
  };

  const samplerRun = sampler();
  await Promise.all([...perLane.map((_, k) => lane(k)), watcher()]);
  // Let the sampler see the last samples through (bounded).
  const sampleEnd = performance.now() + 5000;
  while (
    performance.now() < sampleEnd &&
    state.some((s, o) => o % sampleEvery === 0 && s.ok && s.polled === null)
  )
    await sleep(pollMs);
  done = true;
  await samplerRun;
  const watched = push?.stats();
  push?.close();

  const end = finalAt ?? performance.now();
  const seconds = (end - t0) / 1000;
  // progress() may count only some items (topnet: cross-table ones); scale to all accepted items.
  const counted = countedAccepted();
  const scale = counted ? acceptedCount / counted : 1;
  for (const p of series) p[1] = Math.round(p[1] * scale);
  const final =
    finalAt !== null
      ? acceptedCount
      : series.length
        ? Math.min(acceptedCount, series[series.length - 1][1])
        : 0;
  // Paced load counts latency from when a transaction was due, not from when its lane got round to
  // sending it: a server that answers slowly holds the lanes back, and measuring from the request
  // would hide that wait (coordinated omission). At max load both are the request time.
  const due = (o) => (rate > 0 ? t0 + (o * 1000) / rate : state[o].sent);
  const lat = [];
  const latFromRequest = [];
  // Cross-table transfers alone (items that say whether they are): in a mix, same-table ones are
  // final after one block and cross-table ones after three, so the mix's median depends on the share.
  const latCross = [];
  const latPolled = [];
  const latPushed = [];
  let pushedFirst = 0;
  for (let o = 0; o < items.length; o += sampleEvery) {
    const s = state[o];
    const isFinal = seen.get(o)?.final !== undefined || s.pushed !== null;
    if (s.ok && s.final !== null && isFinal) {
      lat.push(s.final - due(o));
      latFromRequest.push(s.final - s.sent);
      if (items[o].cross) latCross.push(s.final - due(o));
      if (s.polled !== null) latPolled.push(s.polled - due(o));
      if (s.pushed !== null) latPushed.push(s.pushed - due(o));
      if (s.pushed !== null && (s.polled === null || s.pushed < s.polled)) pushedFirst++;
    }
  }
  // Per phase: from due time to the first poll that saw each status, over samples that reached final.
  const phases = {};
  for (const [o, m] of seen) {
    if (m.final === undefined) continue;
    for (const [k, t] of Object.entries(m)) (phases[k] ??= []).push(t - due(o));
  }
  const rttSorted = rtts.map(([ms]) => ms);
  // Sustained rate: finals between 10% and 90% of the total, over the time they took.
  const at = (frac) => series.find(([, n]) => n >= final * frac)?.[0];
  const t10 = at(0.1);
  const t90 = at(0.9);
  const sustained =
    t10 !== undefined && t90 !== undefined && t90 > t10 ? (0.8 * final) / ((t90 - t10) / 1000) : null;
  loopDelay.disable();
  return {
    label,
    driverLoopDelayMs: {
      p50: Number((loopDelay.percentile(50) / 1e6).toFixed(1)),
      p99: Number((loopDelay.percentile(99) / 1e6).toFixed(1)),
      max: Number((loopDelay.max / 1e6).toFixed(1)),
    },
    mode: rate > 0 ? 'paced' : 'max',
    targetRate: rate || null,
    txs: items.length,
    submitted: submittedCount,
    accepted: acceptedCount,
    rejected: Object.fromEntries(rejected),
    sendErrors,
    finalized: final,
    // Complete: every planned item was sent and answered, and every accepted one became final. A
    // request that failed in transport (a timeout: the server stopped answering) or items left
    // unsent at the deadline make the phase incomplete, whatever the accepted ones did.
    complete: finalAt !== null && sendErrors === 0 && submittedCount === items.length,
    seconds: Number(seconds.toFixed(3)),
    submitSeconds: Number(((lastSubmit - t0) / 1000).toFixed(3)),
    submitRate: Math.round(submittedCount / ((lastSubmit - t0) / 1000)),
    finalizedPerSecond: Math.round(final / seconds),
    sustainedPerSecond: sustained === null ? null : Math.round(sustained),
    latencyMs: latencySummary(lat),
    latencyFromRequestMs: latencySummary(latFromRequest),
    latencyCrossMs: items.some((i) => i.cross !== undefined) ? latencySummary(latCross) : null,
    // With pushed statuses: each way alone, and how many samples the push told first.
    ...(push
      ? {
          latencyPolledMs: latencySummary(latPolled),
          latencyPushedMs: latencySummary(latPushed),
          watched: { ...watched, pushedFirst, samples: lat.length },
        }
      : {}),
    firstSeenMs: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, latencySummary(v)])),
    submitRttMs: {
      ...latencySummary(rttSorted),
      meanBatch: rtts.length ? Math.round(rtts.reduce((a, [, n]) => a + n, 0) / rtts.length) : null,
    },
    sampleEvery,
    pollMs,
    pollCallsPerSecond: Math.round((pollCalls + progressCalls) / seconds),
    series,
    state,
  };
}
