// Builds the Worker with esbuild and serves it with Miniflare's own API (no wrangler dev proxy,
// no trace collector): the same code and Durable Object classes wrangler.toml names, with SQLite
// storage persisted under .state/. Shared by `npm start`, the benches and the crash test.
import { build } from 'esbuild';
import { Miniflare, convertV4MiniflareOptions } from 'miniflare';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const STATE = process.env.TOPNET_STATE ?? join(ROOT, '.state');

const DO_CLASSES = {
  TABLE: 'TableDO',
  COMMITTEE: 'CommitteeDO',
  ZONE: 'ZoneDO',
  BEACON: 'BeaconDO',
  HUB: 'HubDO',
  FAUCET: 'FaucetDO',
  INDEX: 'IndexDO',
};

/**
 * Bundles the Worker into `outdir`; resolves with the Miniflare module list: the bundle, then each
 * WebAssembly file it imports (libsecp256k1, durable-objects/base/nativeSecp256k1.ts). esbuild's
 * copy loader copies a .wasm import beside the bundle and rewrites the import to that file; it is
 * handed to Miniflare as a CompiledWasm module, which workerd gives the importer as a
 * WebAssembly.Module (workerd cannot compile WebAssembly from bytes at run time).
 */
export async function bundle(outdir = join(STATE, 'build')) {
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'index.js');
  const { metafile } = await build({
    // Paths in the metafile are relative to this.
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, 'workers/edge/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    external: ['cloudflare:*', 'node:*'],
    loader: { '.wasm': 'copy' },
    assetNames: '[name]-[hash]',
    metafile: true,
    outfile,
    logLevel: 'warning',
  });
  const wasm = Object.keys(metafile.outputs)
    .filter((f) => f.endsWith('.wasm'))
    .map((f) => ({ type: 'CompiledWasm', path: join(ROOT, f) }));
  return [{ type: 'ESModule', path: outfile, contents: readFileSync(outfile, 'utf8') }, ...wasm];
}

function wranglerCompat() {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  const date = /compatibility_date\s*=\s*"([^"]+)"/.exec(toml)?.[1];
  const flags =
    /compatibility_flags\s*=\s*\[([^\]]*)\]/
      .exec(toml)?.[1]
      ?.match(/"([^"]+)"/g)
      ?.map((s) => s.slice(1, -1)) ?? [];
  return { date, flags };
}

/**
 * The objects of each process when the network is split (`split`): the chain's in one, the edge's
 * companions (the hub it serves WebSockets from, the explorer's index it reads) in the other.
 */
const CHAIN_SIDE = ['TABLE', 'COMMITTEE', 'ZONE', 'BEACON', 'FAUCET'];
const EDGE_SIDE = ['HUB', 'INDEX'];

/** A free TCP port on `host` (asked of the OS, then released for workerd to take). */
export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a local network; resolves with { mf, url }. `state` is where the bundle and the Durable
 * Objects' SQLite live; `extra` goes to Miniflare as is (e.g. { inspectorPort } for CPU profiles;
 * split, to the chain's process only).
 *
 * `split` (default: on, unless TOPNET_SPLIT=0) runs it as two workerd processes, because one
 * workerd runs every object and the edge on one thread, which tops out at one core: the chain's
 * objects in one, the edge, hub and explorer index in the other, each binding the other's
 * namespaces through its `Gate` entrypoint (workers/gate/Gate.ts) over Cap'n Proto. `mf` then
 * answers `getDurableObjectNamespace` from whichever process hosts the binding.
 */
export async function startNetwork({
  port = Number(process.env.PORT ?? 8787),
  host = '127.0.0.1',
  network = {},
  persist = true,
  bindings = {},
  state = STATE,
  extra = {},
  split = process.env.TOPNET_SPLIT !== '0',
} = {}) {
  const modules = await bundle(join(state, 'build'));
  const scriptPath = modules[0].path;
  const { date, flags } = wranglerCompat();
  const base = (hosted, remote, sockets) =>
    convertV4MiniflareOptions({
      // Miniflare's own entry socket (a JS proxy Worker in front of ours) costs ~0.35 ms of CPU per
      // request; the network is served on a direct socket to the edge Worker instead, and the entry
      // listens on a free port of its own.
      host,
      port: 0,
      unsafeDirectSockets: sockets,
      cf: false,
      // Module names are paths relative to this root (index.js, secp256k1-….wasm), whatever the
      // working directory or state dir is.
      modules,
      modulesRoot: dirname(scriptPath),
      compatibilityDate: date,
      compatibilityFlags: flags,
      durableObjects: Object.fromEntries(
        hosted.map((b) => [b, { className: DO_CLASSES[b], useSQLite: true }]),
      ),
      ...(remote
        ? {
            serviceBindings: Object.fromEntries(
              remote.bindings.map((b) => [b, { external: { address: remote.address, http: {} } }]),
            ),
          }
        : {}),
      bindings: {
        NETWORK_CONFIG: JSON.stringify(network),
        ...(remote ? { GATED: remote.bindings.join(',') } : {}),
        ...bindings,
      },
      ...(persist ? { resourcePersistencePath: join(state, 'data') } : {}),
      unsafeObservability: false,
      telemetry: { enabled: false },
      ...(hosted.includes('TABLE') ? extra : {}),
    });
  if (!split) {
    const mf = new Miniflare(base(Object.keys(DO_CLASSES), null, [{ host, port }]));
    await mf.ready;
    const url = await mf.unsafeGetDirectURL();
    return { mf, url: url.toString().replace(/\/$/, '') };
  }
  const chainGate = await freePort(host);
  let edgeGate = await freePort(host);
  while (edgeGate === chainGate || edgeGate === port) edgeGate = await freePort(host);
  const chainOpts = base(CHAIN_SIDE, { bindings: EDGE_SIDE, address: `${host}:${edgeGate}` }, [
    { host, port: chainGate, entrypoint: 'Gate' },
  ]);
  // Miniflare keeps the Cache API's store in one SQLite file under the persistence root, which two
  // processes cannot both hold open (SQLITE_BUSY at start-up); topnet does not use the Cache API,
  // and the edge's process keeps it.
  for (const w of chainOpts.workers) w.dev = { ...w.dev, cacheAPI: false };
  const chain = new Miniflare(chainOpts);
  const edge = new Miniflare(
    base(EDGE_SIDE, { bindings: CHAIN_SIDE, address: `${host}:${chainGate}` }, [
      { host, port },
      { host, port: edgeGate, entrypoint: 'Gate' },
    ]),
  );
  await Promise.all([chain.ready, edge.ready]);
  const url = await edge.unsafeGetDirectURL();
  const mf = {
    chain,
    edge,
    getDurableObjectNamespace: (b) => (EDGE_SIDE.includes(b) ? edge : chain).getDurableObjectNamespace(b),
    dispose: async () => {
      await Promise.all([edge.dispose(), chain.dispose()]);
    },
  };
  return { mf, url: url.toString().replace(/\/$/, '') };
}
