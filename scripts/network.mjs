// Builds the Worker with esbuild and serves it with Miniflare's own API (no wrangler dev proxy,
// no trace collector): the same code and Durable Object classes wrangler.toml names, with SQLite
// storage persisted under .state/. Shared by `npm start`, the benches and the crash test.
import { build } from 'esbuild';
import { Miniflare, convertV4MiniflareOptions } from 'miniflare';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
 * Starts a local network; resolves with { mf, url }. `state` is where the bundle and the Durable
 * Objects' SQLite live; `extra` goes to Miniflare as is (e.g. { inspectorPort } for CPU profiles).
 */
export async function startNetwork({
  port = Number(process.env.PORT ?? 8787),
  host = '127.0.0.1',
  network = {},
  persist = true,
  bindings = {},
  state = STATE,
  extra = {},
} = {}) {
  const modules = await bundle(join(state, 'build'));
  const scriptPath = modules[0].path;
  const { date, flags } = wranglerCompat();
  const opts = convertV4MiniflareOptions({
    // Miniflare's own entry socket (a JS proxy Worker in front of ours) costs ~0.35 ms of CPU per
    // request; the network is served on a direct socket to the edge Worker instead, and the entry
    // listens on a free port of its own.
    host,
    port: 0,
    unsafeDirectSockets: [{ host, port }],
    cf: false,
    // Module names are paths relative to this root (index.js, secp256k1-….wasm), whatever the
    // working directory or state dir is.
    modules,
    modulesRoot: dirname(scriptPath),
    compatibilityDate: date,
    compatibilityFlags: flags,
    durableObjects: Object.fromEntries(
      Object.entries(DO_CLASSES).map(([b, className]) => [b, { className, useSQLite: true }]),
    ),
    bindings: { NETWORK_CONFIG: JSON.stringify(network), ...bindings },
    ...(persist ? { resourcePersistencePath: join(state, 'data') } : {}),
    unsafeObservability: false,
    telemetry: { enabled: false },
    ...extra,
  });
  const mf = new Miniflare(opts);
  await mf.ready;
  const url = await mf.unsafeGetDirectURL();
  return { mf, url: url.toString().replace(/\/$/, '') };
}
