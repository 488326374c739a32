/**
 * Integer square root on bigint by Newton's method: floor(sqrt(n)) for any n >= 0, exact at every
 * size, so every implementation of the stake formula gets the same integer.
 */
import { ErrorCode, fail } from '../errors.ts';

export function isqrt(n: bigint): bigint {
  if (n < 0n) return fail(ErrorCode.NEGATIVE, 'square root of a negative number', 'n');
  if (n < 2n) return n;
  // Start above the root (2^ceil(bits/2) > sqrt(n)); Newton's iterates then fall monotonically to it.
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
