// Starts a topnet for a bench through scripts/network.mjs, in this process, with its state in
// .state/bench/<name>; a "fresh" network wipes that dir's data first.
import { rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, freePort } from './util.mjs';
import { startNetwork } from '../../scripts/network.mjs';

export function benchStateDir(name) {
  return join(ROOT, '.state', 'bench', name);
}

/**
 * A local network on `port` (default: a free one) with its state in .state/bench/<name>. `fresh`
 * wipes the state first; `persist: false` keeps the Durable Objects in memory. Resolves
 * { mf, url, port, stateDir, startMs, stop({ keep }) }.
 */
export async function startLocalNetwork({
  name,
  fresh = true,
  persist = true,
  port,
  network = {},
  bindings = {},
}) {
  const stateDir = benchStateDir(name);
  if (fresh) rmSync(join(stateDir, 'data'), { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });
  port ??= await freePort();
  const t0 = performance.now();
  const { mf, url } = await startNetwork({
    port,
    host: '127.0.0.1',
    network,
    persist,
    bindings,
    state: stateDir,
  });
  return {
    mf,
    url,
    port,
    stateDir,
    startMs: Math.round(performance.now() - t0),
    async stop({ keep = false } = {}) {
      await mf.dispose().catch(() => {});
      if (!keep) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
