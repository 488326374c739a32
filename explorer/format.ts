/** Display formatting shared by the pages: hashes, amounts, times. Plain strings, so pages stay declarative. */
import { formatTop } from '../protocol/amount.ts';

/** 0x1234…abcd: enough to tell hashes apart at a glance; the full value stays in the link and title. */
export function short(hex: string, keep = 6): string {
  return hex.length <= 2 + keep * 2 + 1 ? hex : `${hex.slice(0, 2 + keep)}…${hex.slice(-keep)}`;
}

/** uTOP decimal string → "12.5 TOP". */
export function top(utop: string): string {
  return `${formatTop(BigInt(utop))} TOP`;
}

/** Unix seconds → ISO 8601 in UTC, what `<time datetime>` wants. */
export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Unix seconds → "2026-11-25 10:34:12 UTC". */
export function showTime(seconds: number): string {
  return isoTime(seconds).replace('T', ' ').replace('Z', ' UTC');
}

export const txUrl = (hash: string): string => `/txs/${hash}`;
export const accountUrl = (address: string): string => `/accounts/${address}`;
export const tableUrl = (t: number): string => `/tables/${t}`;
export const blockUrl = (t: number, height: number): string => `/tables/${t}/blocks/${height}`;
/** `<net>/committee/<zone>/<g>` → its own page. */
export const committeeUrl = (name: string): string => `/committees/${name.split('/').slice(-2).join('/')}`;
