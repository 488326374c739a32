// Builds `topnet/sdk` and the `topnet` CLI for plain Node 20+ and bundlers: esbuild turns the
// TypeScript (sdk/, and the protocol/ code it uses) into ESM under sdk/dist/ with the npm
// dependencies left as imports; tsc emits the type declarations (skip with --no-types). Run by
// `npm install` (prepare) and by the tests before they use the built files.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'sdk/dist');

export async function buildSdk({ types = true } = {}) {
  const common = {
    bundle: true,
    format: 'esm',
    target: 'es2022',
    packages: 'external',
    logLevel: 'warning',
    legalComments: 'none',
  };
  await build({
    ...common,
    entryPoints: [join(ROOT, 'sdk/index.ts')],
    platform: 'neutral',
    outfile: join(DIST, 'index.js'),
  });
  await build({
    ...common,
    entryPoints: [join(ROOT, 'sdk/cli/main.ts')],
    platform: 'node',
    target: 'node20',
    outfile: join(DIST, 'cli.js'),
    banner: { js: '#!/usr/bin/env node' },
  });
  chmodSync(join(DIST, 'cli.js'), 0o755);
  if (types) {
    rmSync(join(DIST, 'types'), { recursive: true, force: true });
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'sdk/tsconfig.build.json')], {
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('tsc failed to emit the SDK declarations');
    // Declarations keep the sources' '.ts' specifiers; '.js' resolves to the .d.ts under every resolver.
    const walk = (d) =>
      readdirSync(d).forEach((f) => {
        const p = join(d, f);
        if (statSync(p).isDirectory()) return walk(p);
        if (p.endsWith('.d.ts'))
          writeFileSync(p, readFileSync(p, 'utf8').replace(/(from '\.{1,2}\/[^']*)\.ts'/g, "$1.js'"));
      });
    walk(join(DIST, 'types'));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  await buildSdk({ types: !process.argv.includes('--no-types') });
