/**
 * A digest of read-model rows, for "a rebuild by replay equals the live state" checks: each query's
 * rows in the order it returns them (so queries that matter for order say ORDER BY), BLOBs as hex.
 */
import { toHex, utf8 } from '../../protocol/bytes.ts';
import { sha256 } from '../../protocol/hash.ts';

export function readModelDigest(sql: SqlStorage, queries: readonly string[]): string {
  const parts = queries.map((q) => {
    const rows = sql
      .exec(q)
      .toArray()
      .map((r) =>
        JSON.stringify(
          Object.entries(r).map(([k, v]) => [k, v instanceof ArrayBuffer ? toHex(new Uint8Array(v)) : v]),
        ),
      );
    return `${q}\n${rows.length}\n${rows.join('\n')}`;
  });
  return '0x' + toHex(sha256(utf8(parts.join('\n\n'))));
}
