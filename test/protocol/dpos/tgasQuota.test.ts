/**
 * Zero fees at the quota's edges: holders of at least 100 TOP get the free daily Tgas; staking for
 * gas adds 1,000 Tgas per whole TOP; only the part of a transaction beyond what is left is burned
 * (1 uTOP per Tgas), tested just under, at and just over the quota, and across a day change.
 */
import { describe, expect, it } from 'vitest';
import {
  FREE_TGAS_MIN_BALANCE,
  FREE_TGAS_PER_DAY,
  SECONDS_PER_DAY,
  TGAS_PER_STAKED_TOP,
  chargeTgas,
  dailyQuota,
} from '../../../protocol/gas/tgas.ts';
import { TOP } from './fixtures.ts';

const day = 20_000 * SECONDS_PER_DAY;
const acct = (balance: bigint, gasStaked = 0n, tgasUsed = 0n) => ({
  balance,
  gasStaked,
  tgasUsed,
  tgasDay: 20_000,
});

describe('Tgas quota edges', () => {
  it('gives the free quota from exactly 100 TOP, not from one uTOP less', () => {
    expect(FREE_TGAS_MIN_BALANCE).toBe(100n * TOP);
    expect(dailyQuota(acct(100n * TOP))).toBe(FREE_TGAS_PER_DAY);
    expect(dailyQuota(acct(100n * TOP - 1n))).toBe(0n);
    expect(chargeTgas(acct(100n * TOP - 1n), 200n, day).burn).toBe(200n);
    expect(chargeTgas(acct(100n * TOP), 200n, day).burn).toBe(0n);
  });

  it('burns nothing just under and at the quota, and exactly the excess just over it', () => {
    const q = FREE_TGAS_PER_DAY;
    expect(chargeTgas(acct(1_000n * TOP, 0n, q - 201n), 200n, day)).toEqual({
      tgasUsed: q - 1n,
      tgasDay: 20_000,
      burn: 0n,
    });
    expect(chargeTgas(acct(1_000n * TOP, 0n, q - 200n), 200n, day)).toEqual({
      tgasUsed: q,
      tgasDay: 20_000,
      burn: 0n,
    });
    expect(chargeTgas(acct(1_000n * TOP, 0n, q - 199n), 200n, day)).toEqual({
      tgasUsed: q + 1n,
      tgasDay: 20_000,
      burn: 1n,
    });
    expect(chargeTgas(acct(1_000n * TOP, 0n, q), 200n, day).burn).toBe(200n);
  });

  it('adds 1,000 Tgas per whole staked TOP, and staking moves the edge', () => {
    const q = FREE_TGAS_PER_DAY + 2n * TGAS_PER_STAKED_TOP;
    const staked = 2n * TOP + 999_999n; // fractions of a TOP buy nothing
    expect(dailyQuota(acct(1_000n * TOP, staked))).toBe(q);
    expect(chargeTgas(acct(1_000n * TOP, staked, q - 300n), 300n, day).burn).toBe(0n);
    expect(chargeTgas(acct(1_000n * TOP, staked, q - 300n), 301n, day).burn).toBe(1n);
    // staking alone, below 100 TOP of balance
    expect(dailyQuota(acct(5n * TOP, 1n * TOP))).toBe(TGAS_PER_STAKED_TOP);
  });

  it('resets usage when the day changes', () => {
    const spent = acct(1_000n * TOP, 0n, FREE_TGAS_PER_DAY);
    expect(chargeTgas(spent, 10n, day).burn).toBe(10n);
    expect(chargeTgas(spent, 10n, day + SECONDS_PER_DAY)).toEqual({
      tgasUsed: 10n,
      tgasDay: 20_001,
      burn: 0n,
    });
  });
});
