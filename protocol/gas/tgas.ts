/**
 * "Zero fees": Tgas, the resource a transaction consumes. An account holding at least
 * FREE_TGAS_MIN_BALANCE gets a free daily quota; staking TOP for gas adds to it; only the part of a
 * transaction's Tgas beyond the quota is paid, by burning uTOP at TGAS_PRICE_UTOP per Tgas.
 * Days are block-time days (floor(time / 86400)); usage resets when the day changes.
 */
import { UTOP_PER_TOP } from '../amount.ts';

export const FREE_TGAS_MIN_BALANCE = 100n * UTOP_PER_TOP;
export const FREE_TGAS_PER_DAY = 25_000n;
/** Daily Tgas bought by each whole TOP staked for gas. */
export const TGAS_PER_STAKED_TOP = 1_000n;
/** uTOP burned per Tgas used beyond the quota. */
export const TGAS_PRICE_UTOP = 1n;
export const SECONDS_PER_DAY = 86_400;

export interface GasAccount {
  balance: bigint;
  gasStaked: bigint;
  tgasUsed: bigint;
  tgasDay: number;
}

/** Tgas a transaction of `encodedBytes` signed bytes costs: one per byte. */
export function txTgas(encodedBytes: number): bigint {
  return BigInt(encodedBytes);
}

export function dailyQuota(a: Pick<GasAccount, 'balance' | 'gasStaked'>): bigint {
  const free = a.balance >= FREE_TGAS_MIN_BALANCE ? FREE_TGAS_PER_DAY : 0n;
  return free + (a.gasStaked / UTOP_PER_TOP) * TGAS_PER_STAKED_TOP;
}

export function dayOf(time: number): number {
  return Math.floor(time / SECONDS_PER_DAY);
}

/** Tgas left today. */
export function tgasAvailable(a: GasAccount, time: number): bigint {
  const used = a.tgasDay === dayOf(time) ? a.tgasUsed : 0n;
  const q = dailyQuota(a);
  return q > used ? q - used : 0n;
}

export interface GasCharge {
  tgasUsed: bigint;
  tgasDay: number;
  /** uTOP to burn for the part beyond the quota. */
  burn: bigint;
}

/** What charging `cost` Tgas at `time` does to the account. The quota is judged before the charge. */
export function chargeTgas(a: GasAccount, cost: bigint, time: number): GasCharge {
  const day = dayOf(time);
  const used = a.tgasDay === day ? a.tgasUsed : 0n;
  const available = tgasAvailable(a, time);
  const free = cost <= available ? cost : available;
  return { tgasUsed: used + cost, tgasDay: day, burn: (cost - free) * TGAS_PRICE_UTOP };
}
