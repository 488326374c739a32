/**
 * The Worker entry: the network edge. It holds no ledger — it validates (size, schema, chain id,
 * time window, signature) and routes to Durable Objects. Endpoints: JSON-RPC at POST /rpc, REST at
 * /api/v1/…, WebSocket subscriptions at /ws, the explorer at /. Also exports every Durable Object class.
 */
import '../../durable-objects/base/nativeSha256.ts';
import '../../durable-objects/base/nativeEd25519.ts';
import '../../durable-objects/base/nativeSecp256k1.ts';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Env } from '../../schema/env.ts';
import { withGates } from '../gate/gated.ts';
import { networkConfig } from '../../durable-objects/base/config.ts';
import { handleRpc, MAX_BODY_BYTES } from './rpc.ts';
import { rest } from './rest.ts';
import { RpcCode } from './rpcErrors.ts';
import { handleWebSocket } from './ws.ts';
import { explorer } from '../../explorer/index.tsx';

export { TableDO } from '../../durable-objects/table/TableDO.ts';
export { CommitteeDO } from '../../durable-objects/committee/CommitteeDO.ts';
export { ZoneDO } from '../../durable-objects/zone/ZoneDO.ts';
export { BeaconDO } from '../../durable-objects/beacon/BeaconDO.ts';
export { HubDO } from '../../durable-objects/hub/HubDO.ts';
export { FaucetDO } from '../../durable-objects/faucet/FaucetDO.ts';
export { IndexDO } from '../../durable-objects/index/IndexDO.ts';
export { Gate } from '../gate/Gate.ts';

const app = new Hono<{ Bindings: Env }>();

app.use('/rpc', cors());
app.use('/api/*', cors());

/** What hono/cors() adds to a simple (non-preflight) response: any origin may read JSON-RPC answers. */
const CORS = { 'access-control-allow-origin': '*' };

function rpcError(code: number, message: string, data?: unknown, status: 200 | 413 = 200) {
  return Response.json(
    { jsonrpc: '2.0', id: null, error: { code, message, ...(data ? { data } : {}) } },
    { status, headers: CORS },
  );
}

/**
 * POST /rpc without the router: JSON-RPC is nearly every request a busy network serves, and a
 * trip through the router and its middleware cost more CPU than the call itself.
 */
async function serveRpc(req: Request, env: Env): Promise<Response> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES)
    return rpcError(
      RpcCode.limit,
      `request body of ${declared} bytes exceeds ${MAX_BODY_BYTES}`,
      { code: 'OVERSIZED', message: 'body too large', field: 'body' },
      413,
    );
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES)
    return rpcError(
      RpcCode.limit,
      `request body exceeds ${MAX_BODY_BYTES} bytes`,
      { code: 'OVERSIZED', message: 'body too large', field: 'body' },
      413,
    );
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return rpcError(RpcCode.parse, 'parse error: the body is not valid JSON');
  }
  const ip = req.headers.get('cf-connecting-ip') ?? req.headers.get('x-forwarded-for') ?? '127.0.0.1';
  const res = await handleRpc(env, networkConfig(env), ip, body);
  return res === null
    ? new Response(null, { status: 204, headers: CORS })
    : Response.json(res, { headers: CORS });
}

app.route('/api/v1', rest);
app.get('/ws', (c) => handleWebSocket(c.req.raw, c.env));
app.route('/', explorer);
app.notFound((c) =>
  c.json({ error: { code: 'NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}` } }, 404),
);

// POST /rpc skips the router (its CORS preflight, an OPTIONS, still goes through it).
export default {
  fetch(req: Request, raw: Env, ctx: ExecutionContext): Response | Promise<Response> {
    const env = withGates(raw);
    if (req.method === 'POST' && new URL(req.url).pathname === '/rpc') return serveRpc(req, env);
    return app.fetch(req, env, ctx);
  },
} satisfies ExportedHandler<Env>;
