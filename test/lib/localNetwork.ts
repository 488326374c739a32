/**
 * A real local network for the Node-side test projects (sdk, explorer): the Worker and its Durable
 * Objects on Miniflare via scripts/network.mjs, in memory, on a free port. Each caller names its own
 * state directory so test files that run side by side never share a bundle.
 */
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

export interface LocalNetwork {
  url: string;
  stop(): Promise<void>;
}

/** Starts a network; `state` is a directory under .state/ for its bundle (nothing is persisted). */
export async function startLocalNetwork(o: {
  state: string;
  network: object;
  bindings?: Record<string, string>;
}): Promise<LocalNetwork> {
  const { startNetwork, freePort } = (await import('../../scripts/network.mjs' as string)) as {
    startNetwork(o: object): Promise<{ mf: { dispose(): Promise<void> }; url: string }>;
    freePort(): Promise<number>;
  };
  const net = await startNetwork({
    port: await freePort(),
    persist: false,
    state: join(ROOT, '.state', o.state),
    network: o.network,
    bindings: o.bindings ?? {},
  });
  return { url: net.url, stop: () => net.mf.dispose() };
}
