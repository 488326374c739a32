/**
 * Twelve epochs of a pure beacon with 30 registered nodes of varied stake: every election is
 * re-verified from the log alone (proofs, stakes, sortition, seed chain, table deal, settlements),
 * committees never rotate more than the cap allows, credit follows participation, and any edit of
 * the log is caught.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBeaconLog, type LoggedEvent } from '../../../protocol/dpos/verifyBeaconLog.ts';
import type { Workload } from '../../../protocol/dpos/settleEpoch.ts';
import { NodeRole } from '../../../protocol/tx/types.ts';
import { Account, PureBeacon, TOP, account, smallConfig } from './fixtures.ts';

const config = smallConfig();
const beacon = new PureBeacon(config);
const nodes = Array.from({ length: 30 }, (_, i) => new Account(account(`node${i}`), config));
const voters = Array.from({ length: 5 }, (_, i) => new Account(account(`voter${i}`), config));
const others = [
  new Account(account('edge'), config),
  new Account(account('archive'), config),
  new Account(account('advance'), config),
];
const rounds: ReturnType<PureBeacon['advance']>[] = [];

/** Members sign 9 of 10 blocks, except the last member of committee 0, who signs 5. */
function workloadOf(committees: string[][]): Workload[] {
  return committees.flatMap((c, g) =>
    c.map((address, i) => ({ address, expected: 10, signed: g === 0 && i === c.length - 1 ? 5 : 9 })),
  );
}

beforeAll(() => {
  beacon.nodeTxs(
    nodes.map((n, i) =>
      n.register(BigInt(10_000 + i * 7_000) * TOP, {
        weight: 1 + ((i * 37) % 100),
        dividendPpm: (i * 33_333) % 1_000_001,
      }),
    ),
  );
  beacon.nodeTxs([
    others[0]!.register(1_000n * TOP, { role: NodeRole.edge }),
    others[1]!.register(10_000n * TOP, { role: NodeRole.archive }),
    others[2]!.register(100_000n * TOP, { role: NodeRole.advance }),
    ...voters.map((v, i) => v.vote(nodes[i * 3]!.address, BigInt(5_000 * (i + 1)) * TOP)),
  ]);
  for (let e = 1; e <= 12; e++) {
    if (e === 5)
      beacon.nodeTxs([
        voters[0]!.unvote(nodes[0]!.address, 1_000n * TOP),
        nodes[29]!.register(50_000n * TOP),
      ]);
    rounds.push(
      beacon.advance(e === 1 ? [] : workloadOf(rounds[rounds.length - 1]!.election.committees), [
        e,
        0,
        3 * e,
        1,
      ]),
    );
  }
}, 120_000);

describe('twelve epochs, thirty nodes', () => {
  it('re-verifies every proof, sortition and settlement from the log alone', () => {
    const r = verifyBeaconLog(beacon.log);
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({
      ok: true,
      elections: 12,
      sortitionsMatched: 12,
      settlementsMatched: 11,
      proofsVerified: 360,
    });
    expect(BigInt(r.issuedTotal)).toBe(11n * BigInt(beacon.params.issuance));
  });

  it('fills every committee with distinct elected nodes and rotates at most the cap', () => {
    for (const { election } of rounds) {
      expect(election.committees).toHaveLength(2);
      const all = election.committees.flat();
      expect(all).toHaveLength(8);
      expect(new Set(all).size).toBe(8);
    }
    for (let i = 1; i < rounds.length; i++) {
      const prev = rounds[i - 1]!.election.committees;
      rounds[i]!.election.committees.forEach((c, g) => {
        const newcomers = c.filter((a) => !prev[g]!.includes(a)).length;
        expect(newcomers).toBeLessThanOrEqual(1); // floor(4 × 25%) = 1, no vacancies here
      });
    }
  });

  it('moves credit by participation and pays exactly the issuance every epoch', () => {
    for (const { settlement } of rounds.slice(1)) {
      const s = settlement!;
      expect(s.rewards.reduce((a, l) => a + BigInt(l.amount), 0n)).toBe(BigInt(s.issuance));
      for (const c of s.credits) {
        const w = s.workload.find((x) => x.address === c.address)!;
        expect(c.after - c.before).toBe(
          w.signed * 10 >= w.expected * 8
            ? c.before === 1_000_000
              ? 0
              : 10_000
            : -Math.min(100_000, c.before - 100_000),
        );
      }
      expect(s.rewards.some((l) => l.kind === 'dividend')).toBe(true);
      expect(s.rewards.some((l) => l.kind === 'edge')).toBe(true);
    }
  });

  it('deals tables by load', () => {
    // loads [10, 0, 30, 1] weigh 11, 1, 31, 2: the heaviest alone, the rest together
    expect(rounds[9]!.election.loads).toEqual([10, 0, 30, 1]);
    expect(rounds[9]!.election.tables).toEqual([[2], [0, 1, 3]]);
  });

  /** Verifies the log up to election `upTo` after `f` edited it (a prefix of a log is a log). */
  const tampered = (upTo: number, f: (log: LoggedEvent[]) => void): string[] => {
    const all = JSON.parse(JSON.stringify(beacon.log)) as LoggedEvent[];
    const cut = all.filter((e) => e.type === 'EpochStarted')[upTo]!.seq;
    const log = all.filter((e) => e.seq <= cut);
    f(log);
    return verifyBeaconLog(log).errors;
  };
  const election = (log: LoggedEvent[], n: number) =>
    (
      log.filter((e) => e.type === 'EpochStarted')[n]!.body as {
        election: {
          candidates: { proof: string; stake: string }[];
          committees: string[][];
          nextSeed: string;
        };
      }
    ).election;

  it('catches a forged proof, a changed stake, swapped committees, a broken seed chain and a skimmed reward', () => {
    expect(
      tampered(1, (log) => {
        const c = election(log, 1).candidates[0]!;
        c.proof = c.proof.slice(0, -2) + (c.proof.endsWith('00') ? '01' : '00');
      }).join(),
    ).toMatch(/proof does not verify/);
    expect(tampered(2, (log) => (election(log, 2).candidates[1]!.stake = '4999')).join()).toMatch(
      /stake is 4999/,
    );
    expect(
      tampered(3, (log) => {
        const c = election(log, 3).committees;
        c.reverse();
      }).join(),
    ).toMatch(/committees differ/);
    expect(tampered(1, (log) => (election(log, 1).nextSeed = '0x' + '11'.repeat(32))).join()).toMatch(
      /next seed differs/,
    );
    expect(
      tampered(3, (log) => {
        const s = (
          log.filter((e) => e.type === 'EpochStarted')[3]!.body as {
            settlement: { rewards: { amount: string }[] };
          }
        ).settlement;
        s.rewards[0]!.amount = (BigInt(s.rewards[0]!.amount) - 1n).toString();
      }).join(),
    ).toMatch(/settlement differs/);
  });
});
