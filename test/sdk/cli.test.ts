/**
 * The `topnet` CLI as users run it: the built bin (sdk/dist/cli.js) under the system's Node 20 when
 * there is one, against the real local network, with a keystore in a temporary TOPNET_HOME. Every
 * command in human and --json form, and every failure a user can hit with its message, hint and
 * exit code (docs/cli.md).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { deadUrl, devKey } from './accounts.ts';

const url = inject('url');
const CLI = join(import.meta.dirname, '../../sdk/dist/cli.js');
// Node 20 is the oldest runtime the bin promises; the system node is one on the CI image.
const NODE = existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;
const home = mkdtempSync(join(tmpdir(), 'topnet-cli-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: () => Record<string, unknown> & { error?: { code: string; field?: string } };
}

function topnet(...args: string[]): Promise<Run> {
  return new Promise((resolve) =>
    execFile(
      NODE,
      [CLI, ...args],
      { env: { ...process.env, TOPNET_HOME: home, TOPNET_URL: url, NODE_OPTIONS: '' }, timeout: 60_000 },
      (err, stdout, stderr) =>
        resolve({
          code: err ? ((err as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
          json: () => JSON.parse(stdout),
        }),
    ),
  );
}

const dev3 = devKey(3);
const dev4 = devKey(4);

describe('keys', () => {
  it('new, import (mnemonic and hex), list — secrets never printed', async () => {
    const a = await topnet('keys', 'new', 'alice', '--json');
    expect(a.code).toBe(0);
    expect(a.json().address).toMatch(/^T80000/);
    expect(a.stdout).not.toContain('secretKey');
    const te = await topnet('keys', 'new', 'carol', '--kind', 'ed25519');
    expect(te.stdout).toMatch(/created carol\s+ed25519\s+TE0000/);
    const m = await topnet(
      'keys',
      'import',
      'test test test test test test test test test test test junk',
      '--index',
      '3',
      '--name',
      'dev3',
      '--json',
    );
    expect(m.json().address).toBe(dev3.address);
    const h = await topnet('keys', 'import', dev4.secretKey, '--name', 'dev4');
    expect(h.stdout).toContain(dev4.address);
    const list = await topnet('keys', 'list', '--json');
    expect((list.json().keys as { name: string }[]).map((k) => k.name)).toEqual([
      'alice',
      'carol',
      'dev3',
      'dev4',
    ]);
    expect(list.stdout).not.toContain(dev4.secretKey.slice(2));
    expect((await topnet('keys', 'list')).stdout).toContain('dev4');
    expect(statSync(join(home, 'keys.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(home, 'keys.json'), 'utf8')).keys[3].secretKey).toBe(dev4.secretKey);
  });
  it('bad key, bad mnemonic, duplicate name: exit 3 with a message naming the problem', async () => {
    const bad = await topnet('keys', 'import', '0x1234');
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(
      /error: secretKey: expected 32 bytes.*\[BAD_LENGTH\]\nhint: a secret key is 64 hex digits/,
    );
    const j = await topnet('keys', 'import', '0x1234', '--json');
    expect([j.code, j.json().error!.code, j.json().error!.field]).toEqual([3, 'BAD_LENGTH', 'secretKey']);
    const words = await topnet(
      'keys',
      'import',
      'one two three four five six seven eight nine ten eleven twelve',
    );
    expect([words.code, words.stderr]).toEqual([3, expect.stringContaining('[BAD_KEY]')]);
    expect((await topnet('keys', 'new', 'alice')).stderr).toContain('already exists');
  });
});

describe('network commands', () => {
  it('status', async () => {
    const j = await topnet('status', '--json');
    expect(j.code).toBe(0);
    expect((j.json().chain as { chainId: number }).chainId).toBe(1023);
    expect((await topnet('status')).stdout).toMatch(/devnet \(chain id 1023\).*\n.*4 tables/);
  });

  it('balance, faucet, send (native and --eth), tx — waits until final', async () => {
    const b = await topnet('balance', 'dev3', '--json');
    expect(b.json().balance).toBe('1000000000000000');
    expect((await topnet('balance', dev3.ethAddress!)).stdout).toContain('balance 1000000000 TOP');

    const f = await topnet('faucet', 'alice', '--json');
    expect([f.code, f.json().status, f.json().amount]).toEqual([0, 'final', '1000000000']);

    const s = await topnet('send', 'dev3', 'alice', '1.5', '--memo', 'cli test');
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/sent 1.5 TOP T80000.* → T80000.*\ntx 0x[0-9a-f]{64} final \(send t\d#\d+/);
    // Not a TTY: no spinner on stderr.
    expect(s.stderr).toBe('');
    const hash = /tx (0x[0-9a-f]{64})/.exec(s.stdout)![1]!;

    const e = await topnet('send', 'dev4', 'alice', '2', '--eth', '--json');
    expect(e.code).toBe(0);
    expect((e.json().view as { tx: { type: string } }).tx.type).toBe('ethTransfer');

    const t = await topnet('tx', hash, '--json');
    expect([t.json().status, (t.json().tx as { memo: string }).memo]).toEqual(['final', 'cli test']);
    expect((await topnet('tx', hash, '--wait')).stdout).toContain(`${hash} final`);
    expect((await topnet('balance', 'alice', '--json')).json().balance).toBe('1003500000');
  });

  it('no funds: exit 5 and a hint to use the faucet', async () => {
    await topnet('keys', 'new', 'poor');
    const r = await topnet('send', 'poor', 'alice', '1');
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/\[INSUFFICIENT_FUNDS\]\nhint: ask the faucet/);
  });

  it('bad address, bad amount, unknown key, unknown transaction', async () => {
    const a = await topnet('send', 'dev3', 'T8xyz', '1', '--json');
    expect([a.code, a.json().error!.code, a.json().error!.field]).toEqual([3, 'BAD_ADDRESS', 'to']);
    const amt = await topnet('send', 'dev3', 'alice', '1.1234567');
    expect([amt.code, amt.stderr]).toEqual([3, expect.stringContaining('[BAD_AMOUNT]')]);
    const k = await topnet('send', 'nobody', 'alice', '1');
    expect([k.code, k.stderr]).toEqual([6, expect.stringContaining('no key named "nobody"')]);
    const t = await topnet('tx', '0x' + 'cd'.repeat(32));
    expect([t.code, t.stderr]).toEqual([6, expect.stringContaining('[NOT_FOUND]')]);
    const bal = await topnet('balance', '0xnothex');
    expect(bal.code).toBe(3);
  });

  it('rate-limited faucet: exit 7', async () => {
    await topnet('keys', 'new', 'greedy');
    for (let i = 0; i < 3; i++) expect((await topnet('faucet', 'greedy', '--no-wait')).code).toBe(0);
    const r = await topnet('faucet', 'greedy', '--json');
    expect([r.code, r.json().error!.code]).toEqual([7, 'RATE_LIMITED']);
  });

  it('network down: exit 8 and a hint', async () => {
    const r = await topnet('--url', await deadUrl(), 'status');
    expect(r.code).toBe(8);
    expect(r.stderr).toMatch(/cannot reach .*ECONNREFUSED.*\nhint: is the network running\?/);
  });

  it('usage errors: exit 2', async () => {
    expect((await topnet('send', 'dev3')).code).toBe(2);
    expect((await topnet('frobnicate')).code).toBe(2);
    expect((await topnet('keys', 'new', '--kind', 'rsa')).code).toBe(2);
    expect((await topnet('--help')).code).toBe(0);
  });
});

/** Runs `watch …` and keeps sending dev3 → alice transfers until it exits (events before its subscription are missed). */
async function watchWhileSending(args: string[]): Promise<{ code: number; out: string; sent: string[] }> {
  const child = spawn(NODE, [CLI, 'watch', ...args], {
    env: { ...process.env, TOPNET_HOME: home, TOPNET_URL: url, NODE_OPTIONS: '' },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  let code: number | null = null;
  const exited = new Promise<number>((r) => child.on('exit', (c) => r((code = c ?? -1))));
  const sent: string[] = [];
  const end = Date.now() + 30_000;
  while (code === null && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 1000));
    if (code !== null) break;
    const s = await topnet('send', 'dev3', 'alice', '0.000001', '--json');
    expect(s.code).toBe(0);
    sent.push(s.json().hash as string);
  }
  if (code === null) child.kill();
  return { code: await exited, out, sent };
}

describe('watch', () => {
  it('streams account events as JSON lines and stops after --count', async () => {
    const { code, out, sent } = await watchWhileSending(['account', 'alice', '--count', '2', '--json']);
    expect(code).toBe(0);
    const events = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.kind === 'tx' && sent.includes(e.hash))).toBe(true);
  });
  it('blocks, and a timeout with no event exits 9', async () => {
    const blocks = await watchWhileSending(['blocks', '--count', '1']);
    expect([blocks.code, blocks.out]).toEqual([0, expect.stringMatching(/^block {2}table \d #\d+/)]);
    const quiet = await topnet('watch', 'tx', '0x' + 'ef'.repeat(32), '--timeout', '1');
    expect([quiet.code, quiet.stderr]).toEqual([9, expect.stringContaining('no event within 1 s')]);
    expect((await topnet('watch', 'tx')).code).toBe(3);
  });
});
