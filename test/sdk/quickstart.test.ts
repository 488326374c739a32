/**
 * docs/quickstart.md, executed: every fenced snippet runs in order, as a reader would run it —
 * `npm start` in the background (on a free port, fresh state), shell snippets with bash under the
 * system's Node 20 when there is one, each `js` snippet saved under the file name on its first line
 * and run by a later `node <file>` snippet — and each `text` block is output the snippet before it
 * must print (… matches anything).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { deadUrl } from './accounts.ts';

const ROOT = join(import.meta.dirname, '../..');
const DOC = readFileSync(join(ROOT, 'docs/quickstart.md'), 'utf8');
// Inside the repository, so `import … from 'topnet/sdk'` resolves as in a user's checkout.
const work = join(ROOT, '.state', `quickstart-${process.pid}`);
const home = mkdtempSync(join(tmpdir(), 'topnet-qs-'));
const state = mkdtempSync(join(tmpdir(), 'topnet-qs-state-'));
const PATH = existsSync('/usr/bin/node') ? `/usr/bin:/bin:${process.env.PATH}` : process.env.PATH!;

interface Block {
  lang: string;
  body: string;
}
const blocks: Block[] = [...DOC.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({
  lang: m[1]!,
  body: m[2]!,
}));

let server: ChildProcess | null = null;
afterAll(async () => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  rmSync(work, { recursive: true, force: true });
});

function sh(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = spawn('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd: work, env });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('exit', (code) => resolve({ code: code ?? -1, out }));
  });
}

it('has the snippets it promises', () => {
  expect(blocks.filter((b) => b.lang === 'sh').length).toBeGreaterThanOrEqual(4);
  expect(blocks.filter((b) => b.lang === 'js').map((b) => b.body.split('\n')[0])).toEqual([
    '// transfer.mjs',
    '// viem.mjs',
  ]);
});

it('every snippet of docs/quickstart.md runs and prints what the page says', async () => {
  mkdirSync(work, { recursive: true });
  const port = Number(new URL(await deadUrl()).port);
  const env = {
    ...process.env,
    PATH,
    NODE_OPTIONS: '',
    TOPNET_URL: `http://127.0.0.1:${port}`,
    TOPNET_HOME: home,
  };
  let last = '';
  for (const b of blocks) {
    if (b.lang === 'js') {
      const name = /^\/\/ (\S+\.mjs)\n/.exec(b.body)?.[1];
      expect(name, 'a js snippet names its file on its first line').toBeTruthy();
      writeFileSync(join(work, name!), b.body);
    } else if (b.lang === 'sh' && b.body.trim() === 'npm start') {
      server = spawn('bash', ['-c', 'npm start'], {
        cwd: work,
        detached: true,
        env: { ...process.env, PORT: String(port), TOPNET_STATE: state },
      });
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start did not come up: ${out}`)), 45_000);
        server!.stdout!.on('data', (d) => {
          out += d;
          if (out.includes('Ctrl-C to stop')) {
            clearTimeout(timer);
            resolve();
          }
        });
        server!.stderr!.on('data', (d) => (out += d));
      });
      expect(out).toContain('T80000f39fd6e51aad88f6f4ce6ab8827279cfffb92266');
    } else if (b.lang === 'sh') {
      const r = await sh(b.body, env);
      expect(r.code, `${b.body}\n${r.out}`).toBe(0);
      last = r.out;
    } else if (b.lang === 'text') {
      for (const line of b.body.trim().split('\n')) {
        const re = new RegExp(
          line
            .split('…')
            .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*'),
        );
        expect(last, `expected a line like "${line}"`).toMatch(re);
      }
    }
  }
}, 120_000);
