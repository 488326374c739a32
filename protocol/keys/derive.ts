/**
 * Deterministic secret keys from a network seed, so that a network's genesis members (and their
 * addresses) follow from its config alone. A candidate is a tagged SHA-256 of seed || label (and a
 * counter after the first try); the first candidate that is a valid secp256k1 scalar is the secret.
 * Every 32 bytes are a valid ed25519 secret, so one rule serves both kinds.
 */
import { concatBytes, u32be, utf8 } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { taggedHash } from '../hash.ts';
import { isValidSecp256k1Secret } from './secp256k1.ts';

export const DERIVE_TAG = 'topnet/derive/v1';

/** Candidate `counter`: taggedHash(tag, seed || utf8(label)) for 0, then taggedHash(tag, seed || utf8(label) || u32be(counter)). */
export function deriveCandidate(seed: Uint8Array, label: string, counter: number): Uint8Array {
  if (!(seed instanceof Uint8Array)) fail(ErrorCode.BAD_TYPE, 'expected the seed as bytes', 'seed');
  if (typeof label !== 'string')
    fail(ErrorCode.BAD_TYPE, `expected a string label, got ${typeof label}`, 'label');
  const base = concatBytes(seed, utf8(label));
  return taggedHash(DERIVE_TAG, counter === 0 ? base : concatBytes(base, u32be(counter)));
}

/** The first candidate that `accept` takes; exposed so the retry rule itself can be tested. */
export function deriveSecretUntil(
  seed: Uint8Array,
  label: string,
  accept: (c: Uint8Array) => boolean,
): Uint8Array {
  for (let counter = 0; counter <= 0xffffffff; counter++) {
    const c = deriveCandidate(seed, label, counter);
    if (accept(c)) return c;
  }
  return fail(ErrorCode.BAD_KEY, 'no valid key among 2^32 candidates', 'seed');
}

/** A 32-byte secret valid for both secp256k1 (in [1, n)) and ed25519. */
export function deriveSecret(seed: Uint8Array, label: string): Uint8Array {
  return deriveSecretUntil(seed, label, isValidSecp256k1Secret);
}
