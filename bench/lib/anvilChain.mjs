// Anvil as the bench's peer: starts the Anvil binary from @foundry-rs/anvil (what `npx anvil` runs)
// in a process group of its own, pre-signs EIP-1559 ETH transfers from its dev accounts with viem
// (explicit nonces, on every core, through ethPlan.mjs), and adapts it to drive.mjs: eth_sendRawTransaction batches,
// mined transactions counted through the senders' `latest` nonces, and receipts for latency samples.
// Anvil automines: a transaction is in a block (final on a dev chain) as soon as it is mined.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { privateKeyToAccount } from 'viem/accounts';
import { HDKey } from '@scure/bip32';
import { DEV_MNEMONIC, mnemonicSeed } from '../../protocol/keys/mnemonic.ts';
import { toHex } from '../../protocol/bytes.ts';
import { ROOT, freePort, sleep } from './util.mjs';
import { signEthPlan } from './ethPlan.mjs';
import { createClient } from './rpc.mjs';

function anvilBinary() {
  const require = createRequire(join(ROOT, 'package.json'));
  try {
    const bin = join(
      dirname(
        require.resolve(
          `@foundry-rs/anvil-${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}/package.json`,
        ),
      ),
      'bin',
      'anvil',
    );
    if (existsSync(bin)) return { cmd: bin, args: [] };
  } catch {
    // fall through to npx
  }
  return { cmd: 'npx', args: ['anvil'] };
}

/** Starts Anvil on a free port; resolves { url, port, version, stop }. */
export async function startAnvil({ accounts = 10, extraArgs = [] } = {}) {
  const port = await freePort();
  const { cmd, args } = anvilBinary();
  const child = spawn(
    cmd,
    [
      ...args,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--silent',
      '--accounts',
      String(accounts),
      ...extraArgs,
    ],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  const client = createClient(url, { path: '/' });
  const stop = async () => {
    client.close();
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const end = Date.now() + 30_000;
  for (;;) {
    try {
      const version = await client.call('web3_clientVersion');
      return { url, port, version, stop, cmd: [cmd, ...args].join(' ') };
    } catch (e) {
      if (child.exitCode !== null || Date.now() > end) {
        await stop();
        throw new Error(`anvil did not start (${e.message}): ${stderr.slice(0, 500)}`, { cause: e });
      }
      await sleep(100);
    }
  }
}

/** Private keys of Anvil's first `count` dev accounts (m/44'/60'/0'/0/i of the test mnemonic, as topnet's). */
const keyCache = [];
export function anvilKeys(count = 10) {
  if (keyCache.length < count) {
    const root = HDKey.fromMasterSeed(mnemonicSeed(DEV_MNEMONIC));
    for (let i = keyCache.length; i < count; i++)
      keyCache.push(`0x${toHex(root.derive(`m/44'/60'/0'/0/${i}`).privateKey)}`);
  }
  return keyCache.slice(0, count);
}

export function anvilAccounts(count = 10) {
  return anvilKeys(count).map((k) => privateKeyToAccount(k));
}

/**
 * `n` transfers round-robin over the dev accounts (from their current nonces) to random other dev
 * accounts; lane = sender index mod lanes. Resolves items { raw, hash, from, nonce, lane } in order.
 */
export async function signAnvilPlan(client, n, { lanes = 4, seed = 1, count = 10 } = {}) {
  const accounts = anvilAccounts(count);
  const chainId = Number(await client.call('eth_chainId'));
  const nonces = [];
  for (const r of await client.batch(
    accounts.map((a) => ['eth_getTransactionCount', [a.address, 'pending']]),
  ))
    nonces.push(Number(r.result));
  const plan = await signEthPlan({
    chainId,
    keys: anvilKeys(count),
    addresses: accounts.map((a) => a.address),
    nonces,
    n,
    lanes,
    seed,
  });
  return plan.map((p) => ({
    raw: p.raw,
    hash: p.hash,
    from: accounts[p.k].address,
    nonce: p.nonce,
    lane: p.lane,
  }));
}

/**
 * The drive.mjs adapter. Anvil's automine can strand a ready transaction that arrives while a block
 * is being mined (foundry-rs/foundry#10122); when the count stalls for `nudgeMs` with transactions
 * outstanding, the adapter mines a block with evm_mine and counts the nudge, so a stranded
 * transaction costs the run up to `nudgeMs` rather than never finishing.
 */
export function anvilTarget(client, count = 10, { nudgeMs = 1000 } = {}) {
  const accounts = anvilAccounts(count);
  let accepted = 0;
  let base = null;
  let last = { n: -1, at: 0 };
  const t = {
    nudges: 0,
    progressCalls: accounts.length,
    async sendBatch(items, lane) {
      const res = await client.batch(
        items.map((t) => ['eth_sendRawTransaction', [t.raw]]),
        lane,
      );
      return res.map((r) => {
        if (r.error) return { ok: false, code: `RPC ${r.error.code}: ${r.error.message}` };
        accepted++;
        return { ok: true };
      });
    },
    /** Mined transactions of the dev accounts: the sum of their `latest` nonces. */
    async progress() {
      const res = await client.batch(
        accounts.map((a) => ['eth_getTransactionCount', [a.address, 'latest']]),
        'progress',
      );
      const n = res.reduce((n, r) => {
        if (r.error) throw new Error(`eth_getTransactionCount: ${r.error.message}`);
        return n + Number(r.result);
      }, 0);
      base ??= n;
      const now = performance.now();
      if (n !== last.n) last = { n, at: now };
      else if (now - last.at > nudgeMs && n - base < accepted) {
        t.nudges++;
        last.at = now;
        await client.call('evm_mine', [], 'progress');
      }
      return n;
    },
    async status(items) {
      const res = await client.batch(
        items.map((t) => ['eth_getTransactionReceipt', [t.hash]]),
        'sampler',
      );
      return res.map((r) =>
        r.error ? 'missing' : r.result ? (r.result.status === '0x1' ? 'final' : 'rejected') : 'pending',
      );
    },
  };
  return t;
}
