// The gate of a split local network (workers/gate/), inside workerd: Gate.call reached as a real
// entrypoint (ctx.exports' loopback binding, the same RPC a gate socket carries between processes)
// calls the hosted object and answers its data; withGates makes a gated binding look like a
// namespace; names of no kind and lifecycle handlers are refused.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { networkConfig } from '../../durable-objects/base/config.ts';
import { tableName } from '../../protocol/network/config.ts';
import { withGates } from '../../workers/gate/gated.ts';
import type { Env } from '../../schema/env.ts';

interface GateRpc {
  call(name: string, method: string, args: unknown[]): Promise<unknown>;
}
const gate = (exports as unknown as { Gate: GateRpc }).Gate;
const config = networkConfig(env as unknown as Env);

describe('gate', () => {
  it('calls a hosted object and answers what a direct call answers', async () => {
    const name = tableName(config, 1);
    const direct = await env.TABLE.getByName(name).stats();
    expect(await gate.call(name, 'stats', [])).toEqual(direct);
    // Arguments cross too: the log's first page, by both ways.
    expect(await gate.call(name, 'events', [0, 5])).toEqual(await env.TABLE.getByName(name).events(0, 5));
  });

  it('withGates gives a gated binding the namespace shape', async () => {
    const e = withGates({ ...(env as unknown as Env), GATED: 'TABLE', TABLE: gate } as unknown as Env);
    const name = tableName(config, 0);
    expect(await e.TABLE.getByName(name).head()).toEqual(await env.TABLE.getByName(name).head());
    // Bindings it does not list stay as they were, and the same env is wrapped once.
    expect(e.BEACON).toBe(env.BEACON);
    expect(withGates(env as unknown as Env)).toBe(env);
  });

  it('refuses names of no kind and lifecycle handlers', async () => {
    // The error each call is refused with (an RPC promise's rejection, awaited where it is made).
    const refusal = async (name: string, method: string): Promise<string> => {
      try {
        await gate.call(name, method, []);
        return 'answered';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(await refusal('elsewhere/table/0/0', 'stats')).toMatch(/no object kind/);
    expect(await refusal(`${config.name}/nothing/0`, 'stats')).toMatch(/no object kind/);
    expect(await refusal(tableName(config, 0), 'alarm')).toMatch(/not callable/);
    expect(await refusal(tableName(config, 0), 'fetch')).toMatch(/not callable/);
  });
});
