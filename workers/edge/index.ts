/**
 * The Worker entry: the network edge. It holds no ledger — it validates (size, schema, chain id,
 * time window, signature) and routes to Durable Objects. Endpoints: JSON-RPC at POST /rpc, REST at
 * /api/v1/…, WebSocket subscriptions at /ws, the explorer at /. Also exports every Durable Object class.
 */
import '../../durable-objects/base/nativeSha256.ts';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Env } from '../../schema/env.ts';
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

const app = new Hono<{ Bindings: Env }>();

app.use('/rpc', cors());
app.use('/api/*', cors());

function rpcError(code: number, message: string, data?: unknown, status: 200 | 413 = 200) {
  return Response.json(
    { jsonrpc: '2.0', id: null, error: { code, message, ...(data ? { data } : {}) } },
    { status },
  );
}

app.post('/rpc', async (c) => {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES)
    return rpcError(
      RpcCode.limit,
      `request body of ${declared} bytes exceeds ${MAX_BODY_BYTES}`,
      { code: 'OVERSIZED', message: 'body too large', field: 'body' },
      413,
    );
  const text = await c.req.text();
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
  const ip = c.req.header('cf-connecting-ip') ?? c.req.header('x-forwarded-for') ?? '127.0.0.1';
  const res = await handleRpc(c.env, networkConfig(c.env), ip, body);
  return res === null ? c.body(null, 204) : c.json(res);
});

app.route('/api/v1', rest);
app.get('/ws', (c) => handleWebSocket(c.req.raw, c.env));
app.route('/', explorer);
app.notFound((c) =>
  c.json({ error: { code: 'NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}` } }, 404),
);

export default app;
