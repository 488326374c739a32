/**
 * The caller's side of a gate (Gate.ts): in a split local network, `GATED` names the namespaces
 * this process reaches through the other process's gate, and `withGates` replaces each of those
 * bindings by an object of the namespace's shape whose `getByName(name)` answers a proxy: calling
 * `m(...args)` on it is `gate.call(name, m, args)`. No cloudflare:* import: the edge and every
 * object's constructor call it.
 */
import type { Env } from '../../schema/env.ts';

/** Each object kind (the path segment its names carry after the network's name) and its binding. */
const BINDINGS = {
  table: 'TABLE',
  committee: 'COMMITTEE',
  zone: 'ZONE',
  beacon: 'BEACON',
  hub: 'HUB',
  faucet: 'FAUCET',
  index: 'INDEX',
} as const;

export type ObjectBinding = (typeof BINDINGS)[keyof typeof BINDINGS];

/** Handlers the runtime calls (not callers): the gate refuses them. */
export const LIFECYCLE_METHODS = new Set([
  'fetch',
  'alarm',
  'webSocketMessage',
  'webSocketClose',
  'webSocketError',
]);

export function bindingOfName(net: string, name: string): ObjectBinding | undefined {
  if (!name.startsWith(net + '/')) return undefined;
  const kind = name.slice(net.length + 1).split('/')[0]!;
  return Object.hasOwn(BINDINGS, kind) ? BINDINGS[kind as keyof typeof BINDINGS] : undefined;
}

interface GateBinding {
  call(name: string, method: string, args: unknown[]): Promise<unknown>;
}

/** Symbol.dispose (workerd has it; the Node-side type library of this project does not declare it). */
const DISPOSE = (Symbol as unknown as { dispose?: symbol }).dispose;

/**
 * An RPC result is data here, but it arrives with a disposer that workerd expects to be called
 * (and warns about when garbage collection gets there first): call it, keep the data.
 */
export function settled<T>(result: T): T {
  const dispose = DISPOSE && (result as Record<symbol, unknown> | null)?.[DISPOSE];
  if (typeof dispose === 'function') dispose.call(result);
  return result;
}

function remoteNamespace(gate: GateBinding): unknown {
  return {
    getByName: (name: string) =>
      new Proxy(
        {},
        {
          // Not a thenable, not disposable: only string names are methods.
          get: (_, method) =>
            typeof method === 'string' && method !== 'then'
              ? async (...args: unknown[]) => settled(await gate.call(name, method, args))
              : undefined,
        },
      ),
  };
}

/** The bindings `GATED` lists: reached through the other process's gate, not hosted here. */
export function gatedBindings(env: Pick<Env, 'GATED'>): ObjectBinding[] {
  return (env.GATED ?? '')
    .split(',')
    .map((b) => b.trim() as ObjectBinding)
    .filter(Boolean);
}

const wrapped = new WeakMap<object, Env>();

/** `env` with every binding `GATED` lists reached through its gate (the same env when none is). */
export function withGates(env: Env): Env {
  if (!env.GATED) return env;
  let out = wrapped.get(env);
  if (!out) {
    out = { ...env };
    for (const binding of gatedBindings(env)) {
      (out as unknown as Record<string, unknown>)[binding] = remoteNamespace(
        env[binding] as unknown as GateBinding,
      );
    }
    wrapped.set(env, out);
  }
  return out;
}
