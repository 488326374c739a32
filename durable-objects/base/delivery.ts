/**
 * How an object paces its outbox deliveries: exponential backoff for a failing target, how many
 * queued effects go in one call (per-request overhead is the local bottleneck, so as many as fit),
 * and a timeout so one hung target cannot hold its queue forever.
 */

export const RETRY_BASE_MS = 250;
export const RETRY_MAX_MS = 60_000;
export const MAX_EFFECTS_PER_CALL = 64;
/** JSON bytes per call; well under the 32 MiB RPC message limit. */
export const MAX_BYTES_PER_CALL = 4 << 20;
export const DELIVERY_TIMEOUT_MS = 30_000;
/** While a delivery is in flight, the alarm stands this far ahead in case the object dies mid-call. */
export const IN_FLIGHT_ALARM_MS = 5_000;

/** Wait after the `attempts`-th failure in a row: 250 ms, 500 ms, 1 s, … capped at 60 s. */
export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/** The longest prefix of `rows` within `maxBytes` (always at least one row, so a big batch still moves). */
export function takeChunk<T extends { bytes: number }>(
  rows: readonly T[],
  maxBytes = MAX_BYTES_PER_CALL,
): T[] {
  let total = 0;
  let n = 0;
  for (const r of rows) {
    if (n > 0 && total + r.bytes > maxBytes) break;
    total += r.bytes;
    n++;
  }
  return rows.slice(0, n);
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
