// `npm run bench [-- throughput|crash|all] [options]`: runs the named benches one after another, each
// in its own Node process (with the flags protocol/*.ts needs), and exits non-zero if any failed.
// Options after the name go to the bench: `npm run bench -- throughput --quick`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BENCH, TS_FLAGS, projectNode } from './lib/util.mjs';

const BENCHES = {
  throughput: 'throughput.mjs',
  crash: 'crash.mjs',
  explorer: 'explorer.mjs',
  'eth-throughput': 'eth-throughput.mjs',
  dpos: 'dpos.mjs',
  paced: 'paced.mjs',
};
const [which = 'all', ...rest] = process.argv.slice(2);
const names = which === 'all' ? Object.keys(BENCHES) : [which];
for (const n of names) {
  if (!BENCHES[n]) {
    console.error(`unknown bench "${n}"; one of: ${Object.keys(BENCHES).join(', ')}, all`);
    process.exit(2);
  }
}
let failed = 0;
for (const n of names) {
  console.log(`\n### bench ${n}`);
  const r = spawnSync(
    projectNode(),
    [...TS_FLAGS, join(BENCH, BENCHES[n]), ...(which === 'all' ? [] : rest)],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) {
    failed++;
    console.error(`bench ${n} exited with ${r.status ?? r.signal}`);
  }
}
process.exit(failed ? 1 : 0);
