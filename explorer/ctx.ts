/** The edge's method context (workers/edge/methods.ts) from a Hono request: the explorer reads through the same functions as JSON-RPC. */
import type { Context } from 'hono';
import { networkConfig } from '../durable-objects/base/config.ts';
import type { Env } from '../schema/env.ts';
import type { Ctx } from '../workers/edge/methods.ts';

export type C = Context<{ Bindings: Env }>;

export function ctxOf(c: C): Ctx {
  return {
    env: c.env,
    config: networkConfig(c.env),
    ip: c.req.header('cf-connecting-ip') ?? c.req.header('x-forwarded-for') ?? '127.0.0.1',
  };
}
