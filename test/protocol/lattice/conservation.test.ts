/**
 * Property: any batch of transfers across tables conserves total supply once every receipt is
 * applied, even when the router delivers receipts late, out of order and more than once; every
 * send is received and confirmed exactly once; replaying each unit chain reproduces its state.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accountHoldings, accountStateHash } from '../../../protocol/lattice/accountState.ts';
import { replayUnitChain } from '../../../protocol/lattice/unitBlock.ts';
import { UTOP_PER_TOP } from '../../../protocol/amount.ts';
import { bytesEqual } from '../../../protocol/bytes.ts';
import { MiniNet, testSigner } from './miniNet.ts';

const ACCOUNTS = 8;
const signers = Array.from({ length: ACCOUNTS }, (_, i) => testSigner(i));
const START = 150n * UTOP_PER_TOP;

const transferArb = fc.record({
  from: fc.nat({ max: ACCOUNTS - 1 }),
  to: fc.nat({ max: ACCOUNTS - 1 }),
  // Large enough that some transfers run out of funds and are rejected.
  amount: fc.bigInt({ min: 1n, max: 80n * UTOP_PER_TOP }),
});

const scenarioArb = fc.record({
  tableCount: fc.integer({ min: 1, max: 4 }),
  rounds: fc.array(fc.array(transferArb, { maxLength: 6 }), { minLength: 1, maxLength: 5 }),
  // Router behaviour per round: hold back, reorder and duplicate receipts.
  holdBack: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  duplicate: fc.boolean(),
});

function supply(net: MiniNet): bigint {
  let s = 0n;
  for (const t of net.tables) {
    s += t.burned;
    for (const a of t.accounts.values()) s += accountHoldings(a);
  }
  return s;
}

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function run(sc: Scenario): MiniNet {
  const net = new MiniNet(sc.tableCount, signers, START);
  sc.rounds.forEach((round, ri) => {
    const byTable = new Map<number, ReturnType<MiniNet['transfer']>[]>();
    const senders = new Set<number>();
    for (const tr of round) {
      // One transaction per sender per round: the client learns its next nonce from the block.
      if (tr.from === tr.to || senders.has(tr.from)) continue;
      senders.add(tr.from);
      const tx = net.transfer(signers[tr.from]!, signers[tr.to]!.address, tr.amount);
      const t = net.tableOf(tx.sender);
      byTable.set(t, [...(byTable.get(t) ?? []), tx]);
    }
    for (let t = 0; t < sc.tableCount; t++) {
      let receipts = net.inbox[t]!.splice(0);
      if (sc.holdBack[ri % 5]) {
        net.inbox[t]!.push(...receipts.slice(receipts.length >> 1));
        receipts = receipts.slice(0, receipts.length >> 1).reverse();
      }
      if (sc.duplicate) receipts = [...receipts, ...receipts];
      net.block(t, byTable.get(t) ?? [], receipts);
    }
  });
  net.drain();
  for (const blocks of net.blocks)
    for (const b of blocks) {
      seen.crossTable += b.outgoing.length;
      seen.rejected += b.results.filter((r) => !r.ok).length;
      seen.duplicatesSkipped += b.skipped.length;
    }
  return net;
}

const seen = { crossTable: 0, rejected: 0, duplicatesSkipped: 0 };

describe('lattice: conservation and exactly-once receipts', () => {
  it('conserves total supply over any batch of cross-table transfers (1,000 cases)', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const net = run(sc);
        expect(net.inFlight()).toBe(0);
        expect(supply(net)).toBe(START * BigInt(ACCOUNTS));
        for (const t of net.tables)
          for (const [peer, c] of t.peers) {
            expect(c.confirmed).toBe(c.sent);
            expect(net.tables[peer]!.peers.get(t.table)?.received ?? 0n).toBe(c.sent);
          }
      }),
      { numRuns: 1000 },
    );
    // The cases must actually exercise receipts, rejections and duplicate deliveries.
    expect(seen.crossTable).toBeGreaterThan(1000);
    expect(seen.rejected).toBeGreaterThan(10);
    expect(seen.duplicatesSkipped).toBeGreaterThan(100);
  });

  it('replaying every unit chain reproduces its state hash (1,000 cases)', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const net = run(sc);
        for (const [addr, units] of net.units) {
          const live = net.tables[net.tableOf(addr)]!.accounts.get(addr)!;
          const replayed = replayUnitChain(units);
          expect(bytesEqual(accountStateHash(replayed), accountStateHash(live))).toBe(true);
          expect(replayed.unitHeight).toBe(live.unitHeight);
          expect(bytesEqual(replayed.lastUnitHash, live.lastUnitHash)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
