/**
 * Which code recovers a secp256k1 point from a signature: noble (pure JS) unless the host injects
 * a faster one. The edge Worker and the objects inject libsecp256k1 compiled to WebAssembly
 * (durable-objects/base/nativeSecp256k1.ts), 1.5–2× faster in workerd, because one recovery per
 * Ethereum or T8 transaction is the Ethereum path's throughput limit. Only the curve arithmetic is
 * swappable: the canonical-form checks (lengths, r and s ranges, low s, v) stay in secp256k1.ts and
 * run first, so a backend only ever sees canonical signatures, and every answer is the same
 * whichever backend gives it.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesEqual, bytesToBigInt, fromHex } from '../bytes.ts';

/**
 * Recovers the signer of a 32-byte digest from a compact r || s (64 bytes, both already checked to
 * be in range) and recovery id v (0 or 1): the uncompressed point 0x04 || x || y (65 bytes), or
 * null when no point recovers (r is not an x-coordinate, or the result is the point at infinity).
 */
export type Secp256k1Recover = (digest32: Uint8Array, sig64: Uint8Array, v: number) => Uint8Array | null;

const nobleRecover: Secp256k1Recover = (digest32, sig64, v) => {
  try {
    const r = bytesToBigInt(sig64.subarray(0, 32));
    const s = bytesToBigInt(sig64.subarray(32, 64));
    return new secp256k1.Signature(r, s, v).recoverPublicKey(digest32).toBytes(false);
  } catch {
    return null;
  }
};

let current: Secp256k1Recover = nobleRecover;
let backend = 'noble';

// A candidate must recover this signature to this key (keccak256('abc') signed by the key
// keccak256('topnet/secp256k1-self-test')) and recover nothing when r = 5, which is not an
// x-coordinate on the curve (5³ + 7 has no square root mod p).
const SELF_TEST = {
  digest: fromHex('4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45'),
  sig: fromHex(
    'ac9f9afa6c57f59a7d1e24f3d4c608c40866de1e8572a937b33a1b4e43de6a25' +
      '1109b083025d31274e1b727ef797a41c823ea54ab7d462cdf62aff76b917e1a8',
  ),
  v: 0,
  point: fromHex(
    '04bbe0b3437a394c3da81198a511b5e9ce578f41de723480be843634577c9b0ca2' +
      'dc7a5f62f244305b05dbe596dedecf04efa22f524ab0efa33f71fb8bc4bcb6ac',
  ),
  notOnCurve: fromHex('05'.padStart(64, '0') + '01'.padStart(64, '0')),
};

/**
 * Hands point recovery to `recover` (reported as `name` by secp256k1Backend) after checking it on
 * a known signature and a non-recoverable one; a candidate that misses either is refused and the
 * current backend kept.
 *
 * @example useNativeSecp256k1Recover(wasmRecover, 'wasm');
 */
export function useNativeSecp256k1Recover(recover: Secp256k1Recover, name = 'native'): void {
  const good = recover(SELF_TEST.digest, SELF_TEST.sig, SELF_TEST.v);
  const bad = recover(SELF_TEST.digest, SELF_TEST.notOnCurve, 0);
  if (!(good instanceof Uint8Array) || !bytesEqual(good, SELF_TEST.point) || bad !== null)
    throw new Error('useNativeSecp256k1Recover: the candidate does not recover secp256k1 keys');
  current = recover;
  backend = name;
}

/** Back to noble (tests compare both). */
export function useNobleSecp256k1Recover(): void {
  current = nobleRecover;
  backend = 'noble';
}

/** The backend recoveries go through: 'noble', or the name the host registered (e.g. 'wasm'). */
export function secp256k1Backend(): string {
  return backend;
}

/** The current backend's recovery; inputs must already have passed secp256k1.ts's checks. */
export function recoverUncompressed(digest32: Uint8Array, sig64: Uint8Array, v: number): Uint8Array | null {
  return current(digest32, sig64, v);
}

/** noble's recovery, whatever the backend (the reference the tests compare the others with). */
export { nobleRecover as nobleSecp256k1Recover };
