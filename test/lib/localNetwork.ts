/**
 * A real local network for the Node-side test projects (sdk, explorer): the Worker and its Durable
 * Objects on Miniflare via scripts/network.mjs, in memory, on a free port. Each caller names its own
 * state directory so test files that run side by side never share a bundle.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

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
  const { startNetwork } = (await import('../../scripts/network.mjs' as string)) as {
    startNetwork(o: object): Promise<{ mf: { dispose(): Promise<void> }; url: string }>;
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
