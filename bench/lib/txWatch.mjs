// Finality as a subscribed client hears it: a few WebSockets to topnet's /ws (the hub) carry one
// `tx` subscription per sampled transfer, made just before the transfer is sent, and each
// subscription's `final` (or `rejected`) event is timed on arrival. The hub pushes the status from
// the block that made it final, so this measures the network, not how soon a poll comes round and
// how long its answer waits; the sampler's polls still run beside it (drive.mjs).
const MAX_SUBSCRIPTIONS_PER_SOCKET = 100; // the hub's limit (docs/durable-objects.md, Hub)

export async function txWatcher(baseUrl, { sockets = 8 } = {}) {
  const url = new URL('/ws', baseUrl);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
    throw new Error(`benches talk to 127.0.0.1 only, not ${url.hostname}`);
  url.protocol = 'ws:';
  const pool = await Promise.all(
    Array.from(
      { length: sockets },
      () =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(url);
          const s = { ws, open: 0, pending: new Map() };
          ws.onopen = () => resolve(s);
          ws.onerror = (e) => reject(new Error(`watch socket: ${e.message ?? 'error'}`));
        }),
    ),
  );
  const subs = new Map(); // subscription id → { cb, s }
  let id = 0;
  let turn = 0;
  let refused = 0;
  for (const s of pool)
    s.ws.onmessage = (ev) => {
      const at = performance.now();
      const m = JSON.parse(typeof ev.data === 'string' ? ev.data : Buffer.from(ev.data).toString('utf8'));
      if (m.method === 'subscription') {
        const sub = subs.get(m.params.subscription);
        const status = m.params.result?.status;
        if (!sub || !status) return;
        sub.cb(status, at);
        if (status === 'final' || status === 'rejected') {
          subs.delete(m.params.subscription);
          sub.s.open--;
          // No id: the hub answers nothing.
          s.ws.send(
            JSON.stringify({ jsonrpc: '2.0', method: 'unsubscribe', params: [m.params.subscription] }),
          );
        }
        return;
      }
      const cb = s.pending.get(m.id);
      if (!cb) return;
      s.pending.delete(m.id);
      if (m.result) subs.set(m.result, { cb, s });
      else {
        // Refused (e.g. the per-socket limit): the sampler's polls still time this one.
        refused++;
        s.open--;
      }
    };
  return {
    /** Calls cb(status, at) for each status the hub pushes for this transfer, until final. */
    watch(hash, cb) {
      for (let k = 0; k < pool.length; k++) {
        const s = pool[turn++ % pool.length];
        if (s.open >= MAX_SUBSCRIPTIONS_PER_SOCKET || s.ws.readyState !== WebSocket.OPEN) continue;
        s.open++;
        const req = ++id;
        s.pending.set(req, cb);
        s.ws.send(
          JSON.stringify({ jsonrpc: '2.0', id: req, method: 'subscribe', params: [{ kind: 'tx', hash }] }),
        );
        return true;
      }
      refused++;
      return false;
    },
    stats: () => ({ open: subs.size, refused }),
    close() {
      for (const s of pool) s.ws.close();
    },
  };
}
