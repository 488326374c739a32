/**
 * The package surface as a consumer sees it: `topnet/sdk` resolves through package.json `exports`
 * to the built ESM and its declarations, and a strict TypeScript project (NodeNext resolution,
 * declarations checked too) type-checks against them — including a deliberate misuse it must flag.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const dir = join(ROOT, '.state', `consumer-${process.pid}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONSUMER = `import { TopnetClient, keyFromMnemonic, DEV_MNEMONIC, parseTop, InsufficientFundsError, type TxView } from 'topnet/sdk';
const client = new TopnetClient({ url: 'http://127.0.0.1:8787' });
const key = keyFromMnemonic(DEV_MNEMONIC);
export async function send(): Promise<TxView> {
  try {
    const { hash } = await client.transfer({ from: key, to: key.address, amount: parseTop('1') });
    return await client.waitForFinal(hash, { onPhase: (p) => console.log(p.phase, p.table) });
  } catch (e) {
    if (e instanceof InsufficientFundsError) console.log(e.code, e.field, e.rpcCode);
    throw e;
  }
}
`;

function tsc(project: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project],
      (err, stdout, stderr) => resolve({ code: err ? 1 : 0, out: stdout + stderr }),
    ),
  );
}

it('exports map topnet/sdk to the built module and its declarations', async () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.exports['./sdk']).toEqual({
    types: './sdk/dist/types/sdk/index.d.ts',
    import: './sdk/dist/index.js',
  });
  expect(pkg.bin.topnet).toBe('sdk/dist/cli.js');
  const sdk = await import('topnet/sdk' as string);
  expect(typeof sdk.TopnetClient).toBe('function');
  expect(sdk.keyFromMnemonic(sdk.DEV_MNEMONIC).address).toBe(
    'T80000f39fd6e51aad88f6f4ce6ab8827279cfffb92266',
  );
});

it('a strict TypeScript consumer type-checks against the declarations, and misuse is caught', async () => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        lib: ['ES2022', 'DOM'],
        types: [],
      },
      files: ['use.ts'],
    }),
  );
  writeFileSync(join(dir, 'use.ts'), CONSUMER);
  const ok = await tsc(dir);
  expect(ok.out).toBe('');
  expect(ok.code).toBe(0);
  writeFileSync(join(dir, 'use.ts'), CONSUMER + `client.transfer({ from: key, to: 'x', amount: 1 });\n`);
  const bad = await tsc(dir);
  expect(bad.code).toBe(1);
  expect(bad.out).toMatch(
    /use\.ts\(\d+,\d+\): error TS2322: Type 'number' is not assignable to type 'bigint'/,
  );
}, 60_000);
