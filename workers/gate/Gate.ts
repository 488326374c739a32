/**
 * The gate between the two workerd processes of a split local network (scripts/network.mjs): one
 * process hosts the chain's objects (tables, committees, zones, beacon, faucet), the other the
 * edge, the hub and the explorer's index. Each process binds the other's object namespaces as a
 * service binding to this entrypoint on the other process's socket, which workerd speaks Cap'n
 * Proto RPC over, so `env.TABLE.getByName(name).submit(…)` reads the same in both processes.
 * Deployed, there is one Worker and no gate: the namespaces are bound directly.
 */
import { RpcTarget, WorkerEntrypoint } from 'cloudflare:workers';
import type { Env } from '../../schema/env.ts';
import { networkConfig } from '../../durable-objects/base/config.ts';
import { TableDO } from '../../durable-objects/table/TableDO.ts';
import { CommitteeDO } from '../../durable-objects/committee/CommitteeDO.ts';
import { ZoneDO } from '../../durable-objects/zone/ZoneDO.ts';
import { BeaconDO } from '../../durable-objects/beacon/BeaconDO.ts';
import { HubDO } from '../../durable-objects/hub/HubDO.ts';
import { FaucetDO } from '../../durable-objects/faucet/FaucetDO.ts';
import { IndexDO } from '../../durable-objects/index/IndexDO.ts';

/** Each object kind (the path segment its names carry after the network's name): binding and class. */
const KINDS = {
  table: ['TABLE', TableDO],
  committee: ['COMMITTEE', CommitteeDO],
  zone: ['ZONE', ZoneDO],
  beacon: ['BEACON', BeaconDO],
  hub: ['HUB', HubDO],
  faucet: ['FAUCET', FaucetDO],
  index: ['INDEX', IndexDO],
} as const;

/** Handlers the runtime calls, not callers: a handle does not offer them. */
const LIFECYCLE = new Set(['fetch', 'alarm', 'webSocketMessage', 'webSocketClose', 'webSocketError']);

type Stub = Record<string, (...args: unknown[]) => unknown>;
type HandleClass = new (stub: Stub) => RpcTarget;

/**
 * An object's stub cannot cross processes (workerd seals stubs with a per-process key), so the
 * gate answers with a handle: an RpcTarget (passed by reference) whose methods are the object
 * class's public methods, each forwarding to the stub in the hosting process.
 */
function handleClass(cls: { prototype: object }): HandleClass {
  class Handle extends RpcTarget {
    constructor(readonly stub: Stub) {
      super();
    }
  }
  for (let p: object | null = cls.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p))
    for (const m of Object.getOwnPropertyNames(p)) {
      if (m === 'constructor' || LIFECYCLE.has(m) || m in Handle.prototype) continue;
      if (typeof Object.getOwnPropertyDescriptor(p, m)?.value !== 'function') continue;
      Object.defineProperty(Handle.prototype, m, {
        value(this: Handle, ...args: unknown[]) {
          return this.stub[m]!(...args);
        },
      });
    }
  return Handle;
}

const handles = new Map<string, HandleClass>();

export class Gate extends WorkerEntrypoint<Env> {
  getByName(name: string): RpcTarget {
    const net = networkConfig(this.env).name;
    const kind = name.startsWith(net + '/') ? name.slice(net.length + 1).split('/')[0]! : '';
    const entry = KINDS[kind as keyof typeof KINDS];
    if (!entry) throw new Error(`gate: no object kind in name "${name}"`);
    const [binding, cls] = entry;
    const ns = this.env[binding] as unknown as DurableObjectNamespace | undefined;
    if (!ns || typeof ns.getByName !== 'function')
      throw new Error(`gate: ${binding} objects are not hosted in this process`);
    let H = handles.get(binding);
    if (!H) handles.set(binding, (H = handleClass(cls)));
    return new H(ns.getByName(name) as unknown as Stub);
  }
}
