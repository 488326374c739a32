/**
 * The event-log contract every Durable Object keeps: records, the hash chain rule, and the
 * canonical JSON of bodies. Kept apart from the DO base class so verifiers and the explorer can
 * re-check a log they fetched through `events(afterSeq, limit)`.
 */
import { Writer } from '../protocol/codec/writer.ts';
import { Domain, taggedHash } from '../protocol/hash.ts';
import { toHex } from '../protocol/bytes.ts';

/**
 * Event bodies are JSON objects; their exact shapes are in schema/events.ts per event type. `any`
 * here because Durable Object RPC typing cannot carry `unknown` (it maps it to never).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventBody = Record<string, any>;

export interface EventRecord<B = EventBody> {
  seq: number;
  type: string;
  body: B;
  /** 0x-hex of H(prevHash, seq, type, body, time). */
  hash: string;
  time: number;
}

/**
 * A page of one log's events of some types (`eventsOf`): the matching events after the cursor, and
 * `through`, the seq the scan reached, to which a follower that folds only those types moves its
 * cursor (every event up to it that is not in `events` was of another type).
 */
export interface EventsPage {
  events: EventRecord[];
  through: number;
}

/** hash_n = taggedHash(event, prev_hash || u64 seq || type || body || u64 time); prev of seq 1 is 32 zero bytes. */
export function eventHash(
  prev: Uint8Array,
  seq: number,
  type: string,
  body: string,
  time: number,
): Uint8Array {
  const w = new Writer();
  w.fixed(prev, 32, 'prevHash')
    .u64(seq, 'seq')
    .string(type, 256, 'type')
    .string(body, 1 << 26, 'body')
    .u64(time, 'time');
  return taggedHash(Domain.event, w.finish());
}

/** Recomputes a fetched log's chain; returns the first seq that breaks it, or null. */
export function firstBrokenLink(
  records: readonly EventRecord[],
  prevHash: Uint8Array = new Uint8Array(32),
  prevSeq = 0,
): number | null {
  let prev: Uint8Array = prevHash;
  let seq = prevSeq;
  for (const r of records) {
    const h = eventHash(prev, r.seq, r.type, JSON.stringify(r.body), r.time);
    if (r.seq !== seq + 1 || '0x' + toHex(h) !== r.hash) return r.seq;
    prev = h;
    seq = r.seq;
  }
  return null;
}
