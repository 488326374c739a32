/**
 * Natural logarithm in binary fixed point on bigint, defined step by step (every division floors)
 * so that any language with big integers reproduces the exact same bits. Sortition compares
 * -ln(u) / stake across candidates; Math.log would differ between engines, this never does.
 *
 * Precision: results carry LN_FRAC_BITS = 160 fractional bits; the series runs with 32 guard bits
 * more and is floored once at the end, so each result is within 1 unit of 2^-160 of the true value,
 * far below anything that could move a selection probability.
 */

export const LN_FRAC_BITS = 160;
const F = BigInt(LN_FRAC_BITS);
export const LN_ONE = 1n << F;
const GUARD = 32n;
const W = F + GUARD;

/**
 * floor(ln(m / 2^160) × 2^160), up to one unit, for m in [2^160, 2^161], via
 * ln(m) = 2·atanh(z), z = (m−1)/(m+1) ≤ 1/3, at W = 192 fractional bits:
 *   z = floor((m − 2^160)·2^W / (m + 2^160)), z2 = floor(z²/2^W), t_0 = z, t_{j+1} = floor(t_j·z2/2^W),
 *   S = Σ floor(t_j / (2j+1)) while t_j > 0 (≤ 61 terms), result = floor(2·S / 2^32).
 * Monotone non-decreasing in m because every step is.
 */
export function lnFixed(m: bigint): bigint {
  if (m < LN_ONE || m > 2n * LN_ONE) throw new RangeError('lnFixed: argument outside [1, 2]');
  const z = ((m - LN_ONE) << W) / (m + LN_ONE);
  const z2 = (z * z) >> W;
  let sum = 0n;
  let t = z;
  for (let j = 1n; t > 0n; j += 2n) {
    sum += t / j;
    t = (t * z2) >> W;
  }
  return (2n * sum) >> GUARD;
}

/** ln 2 in the same fixed point, by the same procedure, so ln(2^k · m) splits exactly. */
export const LN2_FIXED = lnFixed(2n * LN_ONE);

const TICKET_BITS = 512;

/**
 * -ln(u) × 2^160 for u = (T + 1) / 2^512, T a 512-bit ticket: u is in (0, 1], so the result is
 * ≥ 0, and 0 only when T = 2^512 − 1. With X = T + 1 = 2^n · (m / 2^160), m in [1, 2):
 * -ln(u) = (512 − n)·ln 2 − ln(m).
 */
export function negLnUnit(ticket: bigint): bigint {
  if (ticket < 0n || ticket >> BigInt(TICKET_BITS) !== 0n)
    throw new RangeError('negLnUnit: ticket is not 512 bits');
  const x = ticket + 1n;
  const n = x.toString(2).length - 1;
  const m = n >= LN_FRAC_BITS ? x >> BigInt(n - LN_FRAC_BITS) : x << BigInt(LN_FRAC_BITS - n);
  return BigInt(TICKET_BITS - n) * LN2_FIXED - lnFixed(m);
}
