/**
 * Amounts: bigint uTOP (1 TOP = 10^6 uTOP), bounded by u64. Parsing accepts only exact integers
 * (bigint, or a decimal string of uTOP) so an amount never passes through a JS number; TOP-denominated
 * strings ("1.5") are parsed exactly with at most six decimals.
 */
import { ErrorCode, fail } from './errors.ts';
import { U64_MAX } from './codec/writer.ts';

export const UTOP_PER_TOP = 1_000_000n;
export const MAX_AMOUNT = U64_MAX;

/** An amount in uTOP from a bigint or a base-10 integer string; numbers are refused (they lose precision). */
export function parseAmount(value: unknown, field = 'amount'): bigint {
  let v: bigint;
  if (typeof value === 'bigint') v = value;
  else if (typeof value === 'string') {
    if (!/^-?[0-9]+$/.test(value)) {
      if (/^-?[0-9]*\.[0-9]*$/.test(value))
        fail(ErrorCode.NOT_INTEGER, `"${value}" is not an integer number of uTOP`, field);
      fail(ErrorCode.BAD_AMOUNT, `"${value.slice(0, 40)}" is not a decimal integer`, field);
    }
    if (value.replace(/^-/, '').length > 20) fail(ErrorCode.OUT_OF_RANGE, 'amount exceeds u64', field);
    v = BigInt(value);
  } else if (typeof value === 'number') {
    if (!Number.isInteger(value))
      fail(ErrorCode.NOT_INTEGER, `${value} is not an integer number of uTOP`, field);
    fail(ErrorCode.BAD_TYPE, 'amounts must be decimal strings of uTOP, not JSON numbers', field);
  } else
    fail(
      ErrorCode.BAD_TYPE,
      `expected a decimal string, got ${value === null ? 'null' : typeof value}`,
      field,
    );
  if (v < 0n) fail(ErrorCode.NEGATIVE, 'amount is negative', field);
  if (v > MAX_AMOUNT) fail(ErrorCode.OUT_OF_RANGE, 'amount exceeds u64', field);
  return v;
}

/** "12.5" TOP → 12_500_000n uTOP, exactly. */
export function parseTop(value: string, field = 'amount'): bigint {
  const m = /^([0-9]+)(?:\.([0-9]{1,6}))?$/.exec(typeof value === 'string' ? value : '');
  if (!m)
    fail(
      ErrorCode.BAD_AMOUNT,
      `"${String(value).slice(0, 40)}" is not a TOP amount with at most 6 decimals`,
      field,
    );
  const v = BigInt(m[1]!) * UTOP_PER_TOP + BigInt((m[2] ?? '').padEnd(6, '0'));
  if (v > MAX_AMOUNT) fail(ErrorCode.OUT_OF_RANGE, 'amount exceeds u64', field);
  return v;
}

/** 12_500_000n → "12.5" */
export function formatTop(utop: bigint): string {
  const neg = utop < 0n;
  const a = neg ? -utop : utop;
  const whole = a / UTOP_PER_TOP;
  const frac = (a % UTOP_PER_TOP).toString().padStart(6, '0').replace(/0+$/, '');
  return (neg ? '-' : '') + whole.toString() + (frac ? '.' + frac : '');
}
