/** The REST mirror under /api/v1: the same method implementations as JSON-RPC, by resource. */
import { Hono, type Context } from 'hono';
import { networkConfig } from '../../durable-objects/base/config.ts';
import type { Env } from '../../schema/env.ts';
import { submitMany } from './admit.ts';
import * as m from './methods.ts';
import { faucet } from './faucet.ts';
import { fromErrorInfo, RpcCode, toRpcError } from './rpcErrors.ts';

type C = Context<{ Bindings: Env }>;

function ctx(c: C): m.Ctx {
  return {
    env: c.env,
    config: networkConfig(c.env),
    ip: c.req.header('cf-connecting-ip') ?? c.req.header('x-forwarded-for') ?? '127.0.0.1',
  };
}

function status(code: number): 400 | 404 | 409 | 429 | 500 {
  if (code === RpcCode.notFound) return 404;
  if (code === RpcCode.rejected) return 409;
  if (code === RpcCode.limit) return 429;
  if (code === RpcCode.internal) return 500;
  return 400;
}

async function answer(c: C, f: () => Promise<unknown>) {
  try {
    return c.json(await f());
  } catch (e) {
    const r = toRpcError(e);
    return c.json({ error: r.data ?? { code: 'INTERNAL', message: r.message } }, status(r.rpcCode));
  }
}

const num = (s: string): number | string => (/^\d+$/.test(s) ? Number(s) : s);

export const rest = new Hono<{ Bindings: Env }>()
  .get('/chain', (c) => answer(c, () => m.getGeneralInfos(ctx(c))))
  .get('/timer', (c) => answer(c, () => m.getTimerInfo(ctx(c))))
  .get('/tables', (c) => answer(c, () => m.getLatestTables(ctx(c))))
  .get('/tables/stats', (c) => answer(c, () => m.getTableStats(ctx(c))))
  .get('/tables/:t/blocks/latest', (c) => answer(c, () => m.getLatestBlock(ctx(c), [num(c.req.param('t'))])))
  .get('/tables/:t/blocks/:b', (c) =>
    answer(c, () => m.getBlock(ctx(c), [num(c.req.param('t')), num(c.req.param('b'))])),
  )
  .get('/tables/:t/receipt-ids', (c) =>
    answer(c, () => m.getCrossReceiptIds(ctx(c), [num(c.req.param('t'))])),
  )
  .get('/committees', (c) => answer(c, () => m.getConsensus(ctx(c), [])))
  .get('/accounts/:address', (c) => answer(c, () => m.getAccount(ctx(c), [c.req.param('address')])))
  .get('/txs/:hash', (c) =>
    answer(c, () => m.getTransaction(ctx(c), [c.req.param('hash'), c.req.query('account')])),
  )
  .post('/txs', (c) =>
    answer(c, async () => {
      const body = await c.req.json();
      const list = Array.isArray(body) ? body : [body];
      const out = await submitMany(c.env, networkConfig(c.env), list);
      const results = out.map((o) => {
        if (!o.ok) {
          const r = toRpcError(o.error);
          return { error: r.data ?? { code: 'INTERNAL', message: r.message } };
        }
        return o.result.status === 'rejected' ? { hash: o.result.hash, error: o.result.error } : o.result;
      });
      const first = results[0]!;
      if (!Array.isArray(body) && 'error' in first) throw fromErrorInfo(first.error);
      return Array.isArray(body) ? results : results[0];
    }),
  )
  .post('/faucet', (c) =>
    answer(c, async () => faucet(ctx(c), [(await c.req.json<{ address?: unknown }>()).address])),
  );
