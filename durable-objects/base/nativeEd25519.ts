/**
 * Ed25519 through the runtime's native crypto (node:crypto in workerd with nodejs_compat: BoringSSL,
 * synchronous): signing ~40× and verifying ~20× faster than pure-JS arithmetic here. Used by the
 * committee, whose replicas sign and check every consensus message synchronously inside a step,
 * by tables for receipt certificates, and, injected into protocol/keys, by the edge for transactions.
 * Keys are checked by protocol/keys first (canonical, not small-order), so answers match
 * protocol/keys' ed25519Verify on every input.
 */
// @ts-expect-error node:crypto is provided by workerd's nodejs_compat; the workers tsconfig has no Node types
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { decodeEd25519PublicKey, hasCanonicalS } from '../../protocol/keys/ed25519.ts';
import { BoundedLru } from '../../protocol/keys/lru.ts';
import { toHex } from '../../protocol/bytes.ts';
import { useNativeEd25519Verify } from '../../protocol/keys/ed25519Async.ts';

const PKCS8_PREFIX = Uint8Array.of(
  0x30,
  0x2e,
  0x02,
  0x01,
  0x00,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x70,
  0x04,
  0x22,
  0x04,
  0x20,
);
const SPKI_PREFIX = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00);

const publicKeys = new BoundedLru<string, KeyObject>(4096);

export function nativeSigner(secret: Uint8Array): (message: Uint8Array) => Uint8Array {
  const key = createPrivateKey({
    key: Buffer.from([...PKCS8_PREFIX, ...secret]),
    format: 'der',
    type: 'pkcs8',
  });
  return (message) => new Uint8Array(sign(null, message, key));
}

export function nativeVerify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64 || !decodeEd25519PublicKey(publicKey) || !hasCanonicalS(signature))
    return false;
  const id = toHex(publicKey);
  let key = publicKeys.get(id);
  if (!key) {
    key = createPublicKey({ key: Buffer.from([...SPKI_PREFIX, ...publicKey]), format: 'der', type: 'spki' });
    publicKeys.set(id, key);
  }
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

// Transactions' signatures at the edge go through the same native verifier (see ed25519Async.ts).
useNativeEd25519Verify(nativeVerify);
