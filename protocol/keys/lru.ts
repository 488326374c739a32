/**
 * A small bounded least-recently-used map. Verification caches (decoded points, imported CryptoKeys)
 * must not grow with the number of distinct senders an adversary can invent, so they keep only the
 * most recently used entries; a Map's insertion order is the recency order.
 */
export class BoundedLru<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  /** Removes the entry only if it still holds `value` (a later set wins over a stale delete). */
  deleteIf(key: K, value: V): void {
    if (this.map.get(key) === value) this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}
