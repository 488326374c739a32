/** What the beacon accepts as table heads to checkpoint: tables of the network, heights, 32-byte hashes. */
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { ErrorCode, fail } from '../../protocol/errors.ts';
import { tableCount, type NetworkConfig } from '../../protocol/network/config.ts';
import type { TableHead } from '../../schema/rpc.ts';

export const MAX_HEADS_PER_CALL = 10_000;

function count(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    fail(ErrorCode.NOT_INTEGER, `expected a non-negative integer, got ${JSON.stringify(v)}`, field);
  return v;
}

/** Checks the heads and returns them canonical (lowercase 0x hash, only the contract's fields). */
export function checkHeads(config: NetworkConfig, heads: unknown): TableHead[] {
  if (!Array.isArray(heads)) fail(ErrorCode.BAD_TYPE, 'expected an array of table heads', 'heads');
  if (heads.length > MAX_HEADS_PER_CALL)
    fail(ErrorCode.OVERSIZED, `at most ${MAX_HEADS_PER_CALL} heads per call, got ${heads.length}`, 'heads');
  const tables = tableCount(config);
  return heads.map((h: unknown, i): TableHead => {
    const at = `heads[${i}]`;
    if (typeof h !== 'object' || h === null) fail(ErrorCode.BAD_TYPE, 'expected a table head object', at);
    const v = h as Record<string, unknown>;
    const table = count(v.table, `${at}.table`);
    if (table >= tables)
      fail(ErrorCode.OUT_OF_RANGE, `table ${table} is not in this network (0..${tables - 1})`, `${at}.table`);
    if (typeof v.hash !== 'string' || !v.hash.startsWith('0x'))
      fail(ErrorCode.BAD_HEX, 'expected a 0x-hex block hash', `${at}.hash`);
    const hash = '0x' + toHex(fromHex(v.hash, `${at}.hash`, 32));
    return { table, height: count(v.height, `${at}.height`), hash, time: count(v.time, `${at}.time`) };
  });
}
