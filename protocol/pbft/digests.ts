/**
 * The two content hashes of PBFT besides signatures: the digest that names a proposed value, and
 * the state digest that checkpoints agree on (a hash chain over every executed digest, so two
 * replicas with equal state digests at seq s executed the same values at every seq up to s).
 * Each preimage starts with its own kind byte, disjoint from message type bytes 1..6.
 */
import { Domain, taggedHash } from '../hash.ts';
import { bytesEqual, concatBytes, u64be, ZERO32 } from '../bytes.ts';

const VALUE_KIND = 0x11;
const STATE_KIND = 0x10;

/** digest(value) = taggedHash(pbft, 0x11 || value). The null request is the empty value. */
export function valueDigest(value: Uint8Array): Uint8Array {
  return taggedHash(Domain.pbft, concatBytes(Uint8Array.of(VALUE_KIND), value));
}

// A pre-prepare is one immutable object handed to many receivers (and nested in view changes):
// whether its digest matches its value is computed once per object.
const matchCache = new WeakMap<object, boolean>();

/** True when `m.digest` is the digest of `m.value` (cached per message body). */
export function digestMatchesValue(m: { digest: Uint8Array; value: Uint8Array }): boolean {
  let ok = matchCache.get(m);
  if (ok === undefined) {
    ok =
      m.digest instanceof Uint8Array &&
      m.value instanceof Uint8Array &&
      bytesEqual(valueDigest(m.value), m.digest);
    matchCache.set(m, ok);
  }
  return ok;
}

export const NULL_VALUE = new Uint8Array(0);
export const NULL_DIGEST = valueDigest(NULL_VALUE);

/** State digest before anything is executed. */
export const GENESIS_STATE = ZERO32;

/** state(s) = taggedHash(pbft, 0x10 || state(s-1) || u64 s || digest(s)). */
export function nextStateDigest(prev: Uint8Array, seq: number, digest: Uint8Array): Uint8Array {
  return taggedHash(Domain.pbft, concatBytes(Uint8Array.of(STATE_KIND), prev, u64be(BigInt(seq)), digest));
}
