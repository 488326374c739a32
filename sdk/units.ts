/**
 * TOP amounts: bigint uTOP everywhere (1 TOP = 10^6 uTOP), parsed from and formatted to decimal
 * TOP strings exactly, never through a JS number. Ethereum tools see wei = uTOP × 10^12.
 */
import { formatTop, parseTop as parseTopStrict, UTOP_PER_TOP } from '../protocol/amount.ts';
import { local } from './errors.ts';

export { formatTop, UTOP_PER_TOP };

/** "1.5" → 1_500_000n uTOP; InvalidInputError (BAD_AMOUNT) past 6 decimals or for non-numbers. */
export function parseTop(value: string): bigint {
  return local(() => parseTopStrict(String(value).trim()));
}
