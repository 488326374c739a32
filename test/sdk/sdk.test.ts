/**
 * The SDK against a real local network: keys of both kinds, reads of every kind, every transaction
 * type built, signed, submitted and final, single and batched submission, the three phases of a
 * cross-table transfer reported in order, live events that survive a dropped connection, and each
 * error a user can hit arriving as its typed class with the server's code and field.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  DEV_MNEMONIC,
  generateKey,
  generateMnemonic,
  InsufficientFundsError,
  InvalidInputError,
  keyFromHex,
  keyFromMnemonic,
  MethodNotFoundError,
  NetworkError,
  NonceError,
  NotFoundError,
  parseTop,
  RateLimitedError,
  signTransaction,
  buildTx,
  TimeoutError,
  TopnetClient,
  TransactionRejectedError,
  transactionHex,
  transactionJson,
  type HubEvent,
  type PhaseEvent,
  type WebSocketCtor,
} from '../../sdk/index.ts';
import { deadUrl, devKey, keyIn, relay, tableOf } from './accounts.ts';

const url = inject('url');
const client = new TopnetClient({ url });
const alice = devKey(1);
const bob = devKey(2);

afterAll(() => client.close());

async function expectError<T extends Error>(
  p: Promise<unknown> | (() => unknown),
  cls: new (...a: never[]) => T,
) {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(cls);
    return e as T & { code: string; field?: string; rpcCode?: number };
  }
  throw new Error(`expected ${cls.name}`);
}

describe('keys', () => {
  it('generates and imports both account kinds', () => {
    const t8 = generateKey('secp256k1');
    expect(t8.address).toMatch(/^T80000[0-9a-f]{40}$/);
    expect(t8.ethAddress!.toLowerCase()).toBe('0x' + t8.address.slice(6));
    expect(keyFromHex(t8.secretKey).address).toBe(t8.address);
    const te = generateKey('ed25519');
    expect(te.address).toMatch(/^TE0000[0-9a-f]{64}$/);
    expect(keyFromHex(te.secretKey.slice(2), 'ed25519').address).toBe(te.address);
    expect(keyFromMnemonic(DEV_MNEMONIC).address).toBe('T80000f39fd6e51aad88f6f4ce6ab8827279cfffb92266');
    expect(keyFromMnemonic(DEV_MNEMONIC, { index: 1, kind: 'ed25519' }).address).toMatch(/^TE0000/);
    const words = generateMnemonic();
    expect(words.split(' ')).toHaveLength(12);
    expect(keyFromMnemonic(words).address).toBe(keyFromMnemonic(words).address);
  });
  it('refuses bad keys with the field at fault', async () => {
    expect((await expectError(() => keyFromHex('0x1234'), InvalidInputError)).code).toBe('BAD_LENGTH');
    expect((await expectError(() => keyFromHex('zz'.repeat(32)), InvalidInputError)).code).toBe('BAD_HEX');
    expect((await expectError(() => keyFromHex('00'.repeat(32)), InvalidInputError)).code).toBe('BAD_KEY');
    const m = await expectError(() => keyFromMnemonic('not a mnemonic at all'), InvalidInputError);
    expect([m.code, m.field]).toEqual(['BAD_KEY', 'mnemonic']);
    expect((await expectError(() => generateKey('rsa' as never), InvalidInputError)).code).toBe(
      'BAD_ADDRESS_TYPE',
    );
  });
});

describe('reads', () => {
  it('chain, tables, blocks, committees, stats, accounts', async () => {
    const info = await client.getChainInfo();
    expect(info.chainId).toBe(1023);
    expect(info.tables).toBe(4);
    expect(await client.chainId()).toBe(1023);
    const heads = await client.getTables();
    expect(heads.map((h) => h.table)).toEqual([0, 1, 2, 3]);
    const genesis = await client.getBlock(0, 0);
    expect(genesis.height).toBe(0);
    expect((await client.getBlock(0, genesis.hash)).hash).toBe(genesis.hash);
    expect((await client.getLatestBlock(1)).table).toBe(1);
    const committees = await client.getCommittees();
    expect(committees).toHaveLength(2);
    expect(await client.getCommittees(0)).toHaveLength(1);
    expect(await client.getTableStats()).toHaveLength(4);
    const a = await client.getAccount(alice.address);
    expect(a.address).toBe(alice.address);
    expect(await client.getBalance(alice.ethAddress!)).toBe(BigInt(a.balance));
  });
});

describe('transactions', () => {
  it('a cross-table transfer reports send, recv and confirm in order, and moves exactly the amount', async () => {
    const to = keyIn(tableOf(alice.address), { not: true });
    const { hash } = await client.transfer({
      from: alice,
      to: to.address,
      amount: parseTop('2.5'),
      memo: 'sdk',
    });
    const phases: PhaseEvent[] = [];
    const v = await client.waitForFinal(hash, { onPhase: (p) => phases.push(p) });
    expect(v.status).toBe('final');
    expect(phases.map((p) => p.phase)).toEqual(['send', 'recv', 'confirm']);
    expect(phases[1]!.table).toBe(tableOf(to.address));
    expect(await client.getBalance(to.address)).toBe(2_500_000n);
  });

  it('an ed25519 (TE) account receives and sends', async () => {
    const te = generateKey('ed25519');
    await client.waitForFinal(
      (await client.transfer({ from: alice, to: te.address, amount: parseTop('10') })).hash,
    );
    const back = await client.transfer({ from: te, to: bob.address, amount: parseTop('1') });
    expect((await client.waitForFinal(back.hash)).tx.sender).toBe(te.address);
  });

  it('every transaction type: stakeGas, unstakeGas, registerNode, vote, unvote', async () => {
    const node = generateKey('ed25519');
    await client.waitForFinal(
      (await client.transfer({ from: bob, to: node.address, amount: parseTop('100') })).hash,
    );
    const steps = [
      { key: node, intent: { type: 'stakeGas', amount: parseTop('5') } },
      { key: node, intent: { type: 'unstakeGas', amount: parseTop('2') } },
      {
        key: node,
        intent: {
          type: 'registerNode',
          deposit: parseTop('10'),
          node: {
            role: 'validator',
            consensusKey: generateKey('ed25519').publicKey,
            vrfKey: generateKey('ed25519').publicKey,
            computeWeight: 10,
            dividendRatePpm: 100_000,
          },
        },
      },
      { key: bob, intent: { type: 'vote', node: node.address, amount: parseTop('3') } },
      { key: bob, intent: { type: 'unvote', node: node.address, amount: parseTop('1') } },
    ] as const;
    for (const s of steps) {
      const { hash, tx } = await client.submit(s.key, s.intent);
      const v = await client.waitForFinal(hash);
      expect([v.status, v.tx.type]).toEqual(['final', s.intent.type]);
      expect(tx.type).toBeGreaterThan(0);
    }
    const a = await client.getAccount(node.address);
    expect(a.gasStaked).toBe('3000000');
    expect(a.deposit).toBe('10000000');
    expect((await client.getAccount(bob.address)).votes[node.address]).toBe('2000000');
  });

  it('a batch: each item succeeds or fails alone', async () => {
    const to = generateKey();
    const txs = await client.prepareBatch(
      alice,
      [1n, 2n, 3n].map((n) => ({ type: 'transfer', to: to.address, amount: n })),
    );
    const forged = { ...txs[0]!, signature: txs[0]!.signature.slice() };
    forged.signature[5]! ^= 1;
    const other = signTransaction(
      buildTx(
        bob.address,
        { type: 'transfer', to: to.address, amount: 1n },
        { chainId: 1023, nonce: 999n, prevHash: '0x' + '00'.repeat(32) },
      ),
      bob,
    );
    const res = await client.sendTransactions([...txs, other]);
    expect(res.slice(0, 3).every((r) => r.ok)).toBe(true);
    const last = res[3]!;
    expect(last.ok).toBe(false);
    if (!last.ok) expect(last.error).toBeInstanceOf(NonceError);
    await Promise.all(res.slice(0, 3).map((r) => r.ok && client.waitForFinal(r.result.hash)));
    expect(await client.getBalance(to.address)).toBe(6n);
    // The binary form is accepted too: a repeat of an admitted transaction is refused.
    const dup = await expectError(
      client.rpc('sendTransaction', [transactionHex(txs[0]!)]),
      TransactionRejectedError,
    );
    expect([dup.code, dup.message]).toEqual(['DUPLICATE_TX', 'transaction: transaction already known']);
    const bad = await expectError(
      client.rpc('sendTransaction', [transactionJson(forged)]),
      TransactionRejectedError,
    );
    expect([bad.code, bad.field]).toEqual(['BAD_SIGNATURE', 'signature']);
  });

  it('an Ethereum-signed transfer through the SDK', async () => {
    const to = generateKey();
    const { hash } = await client.sendEthTransfer(bob, { to: to.ethAddress!, amount: 7n, txType: 'legacy' });
    expect((await client.waitForFinal(hash)).tx.type).toBe('ethTransfer');
    expect(await client.getBalance(to.address)).toBe(7n);
  });
});

describe('errors a user can hit', () => {
  it('no funds', async () => {
    const poor = generateKey();
    const e = await expectError(
      client.transfer({ from: poor, to: alice.address, amount: 1n }),
      InsufficientFundsError,
    );
    expect([e.code, e.field, e.rpcCode]).toEqual(['INSUFFICIENT_FUNDS', 'amount', -32003]);
  });
  it('bad address, locally and from the server', async () => {
    const local = await expectError(
      client.transfer({ from: alice, to: 'T8nope', amount: 1n }),
      InvalidInputError,
    );
    expect([local.code, local.field]).toEqual(['BAD_ADDRESS', 'to']);
    const remote = await expectError(client.rpc('getAccount', ['T8nope']), InvalidInputError);
    expect([remote.code, remote.field, remote.rpcCode]).toEqual(['BAD_ADDRESS', 'address', -32602]);
    const sum = await expectError(
      client.getAccount('0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266'),
      InvalidInputError,
    );
    expect(sum.code).toBe('BAD_ADDRESS_CHECKSUM');
  });
  it('a reused nonce', async () => {
    const tx = signTransaction(
      buildTx(
        alice.address,
        { type: 'transfer', to: bob.address, amount: 1n },
        { chainId: 1023, nonce: 0n, prevHash: '0x' + '00'.repeat(32) },
      ),
      alice,
    );
    const e = await expectError(client.sendTransaction(tx), NonceError);
    expect(e.code).toBe('NONCE_TOO_LOW');
  });
  it('network down', async () => {
    const down = new TopnetClient({ url: await deadUrl() });
    const e = await expectError(down.getChainInfo(), NetworkError);
    expect(e.code).toBe('NETWORK');
    expect(e.message).toMatch(/ECONNREFUSED/);
  });
  it('rate-limited faucet', async () => {
    // Its own client IP, so the per-IP limit does not touch the other test files.
    const fetchFrom: typeof fetch = (input, init) =>
      fetch(input, { ...init, headers: { ...(init?.headers as object), 'x-forwarded-for': '10.0.0.7' } });
    const c = new TopnetClient({ url, fetch: fetchFrom });
    const who = generateKey();
    const paid = [];
    for (let i = 0; i < 3; i++) paid.push(await c.requestFaucet(who.address));
    expect(paid.every((p) => p.amount === parseTop('1000'))).toBe(true);
    const e = await expectError(c.requestFaucet(who.address), RateLimitedError);
    expect([e.code, e.field, e.rpcCode]).toEqual(['RATE_LIMITED', 'address', -32005]);
    await c.waitForFinal(paid[2]!.hash);
    expect(await c.getBalance(who.address)).toBe(parseTop('3000'));
  });
  it('not found, unknown method, timeout', async () => {
    const h = '0x' + 'ab'.repeat(32);
    expect((await expectError(client.getTransaction(h), NotFoundError)).code).toBe('NOT_FOUND');
    await expectError(client.rpc('noSuchMethod'), MethodNotFoundError);
    const t = await expectError(client.waitForFinal(h, { timeoutMs: 300, pollMs: 100 }), TimeoutError);
    expect(t.code).toBe('TIMEOUT');
  });
});

describe('live events', () => {
  it('blocks, a transaction and an account; resubscribed after the connection drops', async () => {
    const r = await relay(url);
    // An injected constructor, as on Node 20 (the `ws` package).
    const { WebSocket: Ws } = (await import('ws' as string)) as { WebSocket: WebSocketCtor };
    const live = new TopnetClient({ url: r.url, WebSocket: Ws });
    const blocks: HubEvent[] = [];
    const mine: HubEvent[] = [];
    try {
      live.subscribe({ kind: 'blocks' }, (e) => blocks.push(e));
      live.subscribe({ kind: 'account', address: bob.ethAddress! }, (e) => mine.push(e));
      await live.connection.whenOpen();
      await new Promise((res) => setTimeout(res, 200));
      const first = await client.transfer({ from: bob, to: alice.address, amount: 1n });
      const txEvents: HubEvent[] = [];
      live.subscribe({ kind: 'tx', hash: first.hash }, (e) => txEvents.push(e));
      await client.waitForFinal(first.hash);
      await waitUntil(() =>
        mine.some((e) => e.kind === 'tx' && e.hash === first.hash && e.status === 'final'),
      );
      expect(blocks.length).toBeGreaterThan(0);

      r.drop();
      await waitUntil(() => live.connection.reconnects >= 1 && live.connection.state === 'open');
      await new Promise((res) => setTimeout(res, 200));
      const before = blocks.length;
      const second = await client.transfer({ from: bob, to: alice.address, amount: 1n });
      await client.waitForFinal(second.hash);
      await waitUntil(() =>
        mine.some((e) => e.kind === 'tx' && e.hash === second.hash && e.status === 'final'),
      );
      expect(blocks.length).toBeGreaterThan(before);
    } finally {
      live.close();
      await r.close();
    }
  });
  it('a bad topic is a typed error, not a silent subscription', async () => {
    const c = new TopnetClient({ url });
    try {
      const err = await new Promise<Error>((resolve) =>
        c.subscribe({ kind: 'tx', hash: '0x1234' }, () => {}, resolve),
      );
      expect(err).toBeInstanceOf(InvalidInputError);
    } finally {
      c.close();
    }
  });
});

async function waitUntil(f: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
