/**
 * JSON that keeps bytes, bigints, Maps and Sets: how snapshots of plain protocol state (a PBFT
 * replica, say) are stored. Tags are single-key objects ($b hex, $n decimal, $m entries, $s values).
 */
import { fromHex, toHex } from '../../protocol/bytes.ts';

export function toTaggedJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string) {
    const v = this[key];
    if (v instanceof Uint8Array) return { $b: toHex(v) };
    if (typeof v === 'bigint') return { $n: v.toString() };
    if (v instanceof Map) return { $m: [...v.entries()] };
    if (v instanceof Set) return { $s: [...v.values()] };
    return v;
  });
}

export function fromTaggedJson<T>(text: string): T {
  return JSON.parse(text, (_k, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1) {
        if (keys[0] === '$b') return fromHex(v.$b);
        if (keys[0] === '$n') return BigInt(v.$n);
        if (keys[0] === '$m') return new Map(v.$m);
        if (keys[0] === '$s') return new Set(v.$s);
      }
    }
    return v;
  }) as T;
}
