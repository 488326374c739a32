// JSON-RPC over HTTP for the benches: one keep-alive socket per lane, so a lane's requests reach the
// server in the order it sends them (a lane owns its senders, whose nonces must arrive in order),
// and lanes run side by side on separate connections. Bodies are built and parsed here; a transport
// failure rejects, a JSON-RPC error comes back in the response like any result.
import http from 'node:http';

/** Keep-alive connections to one http://127.0.0.1:port origin, one per lane (a number or a name). */
export function createClient(baseUrl, { path = '/rpc', timeoutMs = 60_000 } = {}) {
  const url = new URL(path, baseUrl);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
    throw new Error(`benches talk to 127.0.0.1 only, not ${url.hostname}`);
  const agents = new Map();
  const agentOf = (lane) => {
    let a = agents.get(lane);
    if (!a) agents.set(lane, (a = new http.Agent({ keepAlive: true, maxSockets: 1 })));
    return a;
  };
  let id = 0;
  let calls = 0;
  let requests = 0;

  function post(lane, payload) {
    const body = Buffer.from(JSON.stringify(payload));
    requests++;
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: 'POST',
          agent: agentOf(lane),
          headers: { 'content-type': 'application/json', 'content-length': body.length },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode === 204) return resolve(null);
            try {
              resolve(JSON.parse(text));
            } catch {
              reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`request timed out after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Calls [method, params] pairs as one batch; resolves with { result } | { error } in call order. */
  async function batch(pairs, lane = 0) {
    if (!pairs.length) return [];
    const base = id;
    id += pairs.length;
    calls += pairs.length;
    const res = await post(
      lane,
      pairs.map(([method, params], i) => ({ jsonrpc: '2.0', id: base + i, method, params })),
    );
    if (!Array.isArray(res)) throw new Error(`batch answered with ${JSON.stringify(res).slice(0, 300)}`);
    const byId = new Map(res.map((r) => [r.id, r]));
    return pairs.map(
      (_, i) => byId.get(base + i) ?? { error: { code: 0, message: 'no response for this call' } },
    );
  }

  /** One call; throws on a JSON-RPC error. */
  async function call(method, params = [], lane = 0) {
    const [r] = await batch([[method, params]], lane);
    if (r.error) throw Object.assign(new Error(`${method}: ${r.error.message}`), { rpc: r.error });
    return r.result;
  }

  return {
    batch,
    call,
    stats: () => ({ calls, requests }),
    close: () => agents.forEach((a) => a.destroy()),
    url: url.toString(),
  };
}
