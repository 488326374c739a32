/**
 * Asynchronous Ed25519 verification through WebCrypto, the runtime's native code (workerd and
 * Node 20+ have it), with the noble path of ed25519.ts as the fallback. Which one is used is
 * detected once by a self-test on an RFC 8032 vector and cached. Imported CryptoKeys are kept per
 * public key in a bounded LRU, because verifying many transactions of one sender is the hot path.
 * Key checks that WebCrypto does not make (strict decoding, no small-order keys) and the S < L
 * check run first, so both paths accept exactly the same signatures.
 */
import { fromHex, toHex } from '../bytes.ts';
import { decodeEd25519PublicKey, ed25519Verify, hasCanonicalS } from './ed25519.ts';
import { BoundedLru } from './lru.ts';

export type Ed25519Backend = 'webcrypto' | 'noble';

const ALG = { name: 'Ed25519' } as const;

// RFC 8032 §7.1 TEST 2: a backend must accept it and reject it with the message changed.
const SELF_TEST = {
  publicKey: fromHex('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c'),
  message: Uint8Array.of(0x72),
  wrongMessage: Uint8Array.of(0x73),
  signature: fromHex(
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da' +
      '085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  ),
};

let mode: 'auto' | Ed25519Backend = 'auto';
/** A synchronous native verifier the host injects (workerd's node:crypto); preferred when set. */
let native: ((publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean) | undefined;

/**
 * Hands verification to a native synchronous verifier (the host's, e.g. BoringSSL through
 * node:crypto): no key import, no promise per signature. It must answer exactly as
 * ed25519Verify does once the checks below have passed.
 */
export function useNativeEd25519Verify(
  verify: (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean,
): void {
  native = verify;
}
let detected: Promise<Ed25519Backend> | undefined;
const cryptoKeys = new BoundedLru<string, Promise<CryptoKey>>(1024);

// WebCrypto wants ArrayBuffer-backed views; ours always are (SharedArrayBuffer is never used here).
const buf = (b: Uint8Array): Uint8Array<ArrayBuffer> => b as Uint8Array<ArrayBuffer>;

function subtle(): SubtleCrypto | undefined {
  return (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
}

async function detect(): Promise<Ed25519Backend> {
  const s = subtle();
  if (!s) return 'noble';
  try {
    const key = await s.importKey('raw', buf(SELF_TEST.publicKey), ALG, false, ['verify']);
    const good = await s.verify(ALG, key, buf(SELF_TEST.signature), buf(SELF_TEST.message));
    const bad = await s.verify(ALG, key, buf(SELF_TEST.signature), buf(SELF_TEST.wrongMessage));
    return good && !bad ? 'webcrypto' : 'noble';
  } catch {
    return 'noble';
  }
}

/** The backend verifyAsync uses: the forced one, else the detected one (detected once). */
export function ed25519Backend(): Promise<Ed25519Backend> {
  if (mode !== 'auto') return Promise.resolve(mode);
  detected ??= detect();
  return detected;
}

/** Forces a backend (tests, benchmarks) or returns to detection; clears the caches either way. */
export function setEd25519Backend(next: 'auto' | Ed25519Backend): void {
  mode = next;
  detected = undefined;
  cryptoKeys.clear();
}

function importKey(s: SubtleCrypto, publicKey: Uint8Array): Promise<CryptoKey> {
  const id = toHex(publicKey);
  let p = cryptoKeys.get(id);
  if (!p) {
    p = s.importKey('raw', buf(publicKey.slice()), ALG, false, ['verify']);
    cryptoKeys.set(id, p);
    // A failed import must not stay cached; the caller falls back to noble for this call.
    const mine = p;
    mine.catch(() => cryptoKeys.deleteIf(id, mine));
  }
  return p;
}

/** Same answer as ed25519Verify on every input; never rejects. */
export async function ed25519VerifyAsync(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (!(message instanceof Uint8Array) || !(signature instanceof Uint8Array) || signature.length !== 64)
    return false;
  if (!decodeEd25519PublicKey(publicKey) || !hasCanonicalS(signature)) return false;
  if (native && mode === 'auto') return native(publicKey, message, signature);
  const s = subtle();
  if (!s || (await ed25519Backend()) === 'noble') return ed25519Verify(publicKey, message, signature);
  try {
    const key = await importKey(s, publicKey);
    return await s.verify(ALG, key, buf(signature), buf(message));
  } catch {
    return ed25519Verify(publicKey, message, signature);
  }
}
