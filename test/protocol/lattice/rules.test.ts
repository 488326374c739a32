/**
 * The transaction rules, one by one: each bad transaction is rejected with its own code and changes
 * nothing; a same-table and a cross-table transfer go through send → recv → confirm, with receipts
 * that prove their place in the source block.
 */
import { describe, expect, it } from 'vitest';
import { checkTxFields, checkTxSignature, checkTxSignatureAsync } from '../../../protocol/tx/checkTx.ts';
import { signTx } from '../../../protocol/tx/signTx.ts';
import { txHash } from '../../../protocol/tx/txHash.ts';
import { TxType, type Tx } from '../../../protocol/tx/types.ts';
import { receiptProof, verifyReceiptInBlock } from '../../../protocol/lattice/receipt.ts';
import { accountStateHash } from '../../../protocol/lattice/accountState.ts';
import { EntryKind } from '../../../protocol/lattice/types.ts';
import { UTOP_PER_TOP } from '../../../protocol/amount.ts';
import { FREE_TGAS_PER_DAY } from '../../../protocol/gas/tgas.ts';
import { bytesEqual } from '../../../protocol/bytes.ts';
import { CHAIN_ID, MiniNet, T0, testSigner } from './miniNet.ts';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

const [a, b, c] = [testSigner(10), testSigner(11, 'secp256k1'), testSigner(12)];

describe('stateless rules', () => {
  const net = new MiniNet(2, [a, b, c], 1000n * UTOP_PER_TOP);
  const tx = net.transfer(a, b.address, 5n);
  const ctx = { chainId: CHAIN_ID, now: T0 };

  it('accepts a good transfer and both signature kinds', async () => {
    expect(() => checkTxFields(tx, ctx)).not.toThrow();
    checkTxSignature(tx);
    await checkTxSignatureAsync(tx);
    const fromB = net.transfer(b, a.address, 5n);
    checkTxSignature(fromB);
    await checkTxSignatureAsync(fromB);
  });

  it('rejects each bad field with its own code', async () => {
    expect(codeOf(() => checkTxFields({ ...tx, chainId: 7 }, ctx))).toBe('WRONG_CHAIN');
    expect(codeOf(() => checkTxFields(tx, { ...ctx, now: tx.expiry + 1 }))).toBe('EXPIRED');
    expect(codeOf(() => checkTxFields({ ...tx, timestamp: T0 - 400 }, ctx))).toBe('TIMESTAMP_SKEW');
    expect(codeOf(() => checkTxFields({ ...tx, receiver: a.address }, ctx))).toBe('SELF_TRANSFER');
    expect(codeOf(() => checkTxFields({ ...tx, amount: 0n }, ctx))).toBe('BAD_AMOUNT');
    expect(codeOf(() => checkTxFields({ ...tx, expiry: T0 + 90_000 }, ctx))).toBe('OUT_OF_RANGE');
    const forged: Tx = { ...tx, amount: 6n };
    expect(codeOf(() => checkTxSignature(forged))).toBe('BAD_SIGNATURE');
    await expect(checkTxSignatureAsync(forged)).rejects.toMatchObject({ code: 'BAD_SIGNATURE' });
    const otherSigner: Tx = { ...tx, signature: signTx({ ...tx, sender: c.address }, c).signature };
    expect(codeOf(() => checkTxSignature(otherSigner))).toBe('BAD_SIGNATURE');
    expect(codeOf(() => signTx(tx, c))).toBe('SIGNER_MISMATCH');
  });
});

describe('stateful rules at inclusion', () => {
  it('rejects nonce reuse, nonce gaps, bad prevHash, insufficient funds, expiry, wrong table, and changes nothing', () => {
    const net = new MiniNet(1, [a, b, c], 10n * UTOP_PER_TOP);
    const first = net.transfer(a, b.address, UTOP_PER_TOP);
    expect(net.block(0, [first]).results[0]!.ok).toBe(true);
    const before = accountStateHash(net.tables[0]!.accounts.get(a.address)!);
    const gap = signTx({ ...net.transfer(a, b.address, 1n), nonce: 5n }, a);
    const badPrev = signTx({ ...net.transfer(a, b.address, 1n), prevHash: new Uint8Array(32) }, a);
    const tooMuch = net.transfer(a, b.address, 100n * UTOP_PER_TOP);
    const expired = signTx({ ...net.transfer(a, b.address, 1n), expiry: net.time }, a);
    const r = net.block(0, [first, gap, badPrev, tooMuch, expired]);
    expect(r.results.map((x) => x.code)).toEqual([
      'NONCE_TOO_LOW',
      'NONCE_GAP',
      'PREV_HASH_MISMATCH',
      'INSUFFICIENT_FUNDS',
      'EXPIRED',
    ]);
    expect(r.header.txCount).toBe(0);
    expect(accountStateHash(net.tables[0]!.accounts.get(a.address)!)).toEqual(before);

    const two = new MiniNet(2, [a, b, c], 10n * UTOP_PER_TOP);
    const wrong = two.transfer(a, b.address, 1n);
    const other = 1 - two.tableOf(a.address);
    expect(two.block(other, [wrong]).results[0]!.code).toBe('WRONG_TABLE');
  });

  it('same-table transfer: send, recv and confirm in one block', () => {
    const net = new MiniNet(1, [a, b], 10n * UTOP_PER_TOP);
    const tx = net.transfer(a, b.address, 3n * UTOP_PER_TOP);
    const r = net.block(0, [tx]);
    expect(r.outgoing).toHaveLength(0);
    const kinds = r.units.flatMap((u) => u.entries.map((e) => [u.account, e.kind]));
    expect(kinds).toEqual([
      [a.address, EntryKind.send],
      [a.address, EntryKind.confirm],
      [b.address, EntryKind.recv],
    ]);
    expect(net.tables[0]!.accounts.get(b.address)!.balance).toBe(13n * UTOP_PER_TOP);
  });

  it('cross-table transfer: send → receipt with proof → recv → confirm', () => {
    // Find a pair of accounts in different tables of a 4-table lattice.
    const signers = Array.from({ length: 8 }, (_, i) => testSigner(20 + i));
    const net = new MiniNet(4, signers, 10n * UTOP_PER_TOP);
    const from = signers[0]!;
    const to = signers.find((s) => net.tableOf(s.address) !== net.tableOf(from.address))!;
    const [ts, tr] = [net.tableOf(from.address), net.tableOf(to.address)];
    const tx = net.transfer(from, to.address, 2n * UTOP_PER_TOP);
    const send = net.block(ts, [tx]);
    expect(send.outgoing).toHaveLength(1);
    const receipt = send.outgoing[0]!;
    expect(receipt).toMatchObject({ kind: 0, fromTable: ts, toTable: tr, id: 1n, amount: 2n * UTOP_PER_TOP });
    expect(bytesEqual(receipt.txHash, txHash(tx))).toBe(true);
    verifyReceiptInBlock(receipt, receiptProof(send.outgoing, 0), send.header);
    expect(
      codeOf(() =>
        verifyReceiptInBlock({ ...receipt, amount: 1n }, receiptProof(send.outgoing, 0), send.header),
      ),
    ).toBe('BAD_PROOF');

    const recv = net.block(tr, []);
    expect(recv.applied).toHaveLength(1);
    expect(net.tables[tr]!.accounts.get(to.address)!.balance).toBe(12n * UTOP_PER_TOP);
    expect(recv.outgoing[0]).toMatchObject({ kind: 1, fromTable: tr, toTable: ts, id: 1n });
    // Delivering the same receipt again is skipped: exactly once.
    const again = net.block(tr, [], [receipt]);
    expect(again.skipped).toHaveLength(1);
    expect(net.tables[tr]!.accounts.get(to.address)!.balance).toBe(12n * UTOP_PER_TOP);

    const confirm = net.block(ts, []);
    expect(confirm.applied).toHaveLength(1);
    expect(confirm.units[0]!.entries[0]!.kind).toBe(EntryKind.confirm);
    expect(net.tables[ts]!.peers.get(tr)).toEqual({ sent: 1n, received: 0n, confirmed: 1n });
  });

  it('a receipt past a gap waits for the one before it', () => {
    const signers = Array.from({ length: 8 }, (_, i) => testSigner(20 + i));
    const net = new MiniNet(2, signers, 10n * UTOP_PER_TOP);
    const from = signers.find((s) => net.tableOf(s.address) === 0)!;
    const to = signers.find((s) => net.tableOf(s.address) === 1)!;
    const r1 = net.block(0, [net.transfer(from, to.address, 1n)]);
    const r2 = net.block(0, [net.transfer(from, to.address, 2n)]);
    net.inbox[1]!.length = 0;
    const early = net.block(1, [], [r2.outgoing[0]!]);
    expect(early.deferred).toHaveLength(1);
    expect(early.applied).toHaveLength(0);
    const both = net.block(1, [], [r2.outgoing[0]!, r1.outgoing[0]!]);
    expect(both.applied.map((x) => x.id)).toEqual([1n, 2n]);
  });
});

describe('Tgas: zero fees within the quota', () => {
  it('is free up to the daily quota, then burns; staking raises the quota', () => {
    const net = new MiniNet(1, [a, b], 1000n * UTOP_PER_TOP);
    let burned = 0n;
    let used = 0n;
    // Each transfer costs its signed size in Tgas; send until the free quota is passed.
    while (used <= FREE_TGAS_PER_DAY) {
      const r = net.block(0, [net.transfer(a, b.address, 1n)]);
      const e = r.units[0]!.entries[0]!;
      used += e.tgas;
      burned += e.burn;
      if (used <= FREE_TGAS_PER_DAY) expect(e.burn).toBe(0n);
    }
    expect(burned).toBeGreaterThan(0n);
    expect(net.tables[0]!.burned).toBe(burned);
    const stake = net.block(0, [net.transfer(a, a.address, 10n * UTOP_PER_TOP, TxType.stakeGas)]);
    expect(stake.results[0]!.ok).toBe(true);
    const after = net.block(0, [net.transfer(a, b.address, 1n)]);
    expect(after.units[0]!.entries[0]!.burn).toBe(0n);
  });
});
