/**
 * The gate between the two workerd processes of a split local network (scripts/network.mjs): one
 * process hosts the chain's objects (tables, committees, zones, beacon, faucet), the other the
 * edge, the hub and the explorer's index. Each binds the other's gate (this entrypoint, on the
 * other process's 127.0.0.1 socket, which workerd speaks Cap'n Proto RPC over) and lists the
 * namespaces behind it in `GATED`; `withGates` (gated.ts) gives those bindings the namespace shape,
 * so `env.TABLE.getByName(name).submit(…)` reads the same in both processes. Deployed, there is
 * one Worker and no gate: every namespace is bound directly.
 */
import { WorkerEntrypoint } from 'cloudflare:workers';
import type { Env } from '../../schema/env.ts';
import { networkConfig } from '../../durable-objects/base/config.ts';
import { bindingOfName, gatedBindings, LIFECYCLE_METHODS, settled } from './gated.ts';

export class Gate extends WorkerEntrypoint<Env> {
  /**
   * Calls `method` on the object `name` hosted here and answers its result. Object stubs cannot
   * cross processes (workerd seals them with a per-process key), so the gate answers data only.
   */
  async call(name: string, method: string, args: unknown[]): Promise<unknown> {
    const binding = bindingOfName(networkConfig(this.env).name, name);
    if (!binding) throw new Error(`gate: no object kind in name "${name}"`);
    const ns = this.env[binding] as unknown as DurableObjectNamespace | undefined;
    if (!ns || gatedBindings(this.env).includes(binding))
      throw new Error(`gate: ${binding} objects are not hosted in this process`);
    if (LIFECYCLE_METHODS.has(method)) throw new Error(`gate: ${method} is not callable through the gate`);
    const stub = ns.getByName(name) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    return settled(await stub[method]!(...args));
  }
}
