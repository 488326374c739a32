/**
 * Test-side PbftCrypto on node:crypto ed25519 (real signatures, native speed) with a shared
 * verified-signature cache: a broadcast message is checked by every receiver, so each
 * (signer key, signing hash, signature) is verified once. Lookup is by signature object first (the
 * simulator hands the same message object to all receivers), then by content for decoded copies.
 */
import crypto from 'node:crypto';
import { bytesEqual } from '../../../protocol/bytes.ts';
import type { KeyFactory } from '../../../protocol/pbft/sim/index.ts';
import type { PbftCrypto } from '../../../protocol/pbft/index.ts';

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface VerifyCache {
  byObject: WeakMap<Uint8Array, { key: Uint8Array; message: Uint8Array; ok: boolean }>;
  byContent: Map<string, boolean>;
  publicKeys: Map<string, crypto.KeyObject>;
  stats: { verified: number; hits: number; signed: number };
}

export function newVerifyCache(): VerifyCache {
  return {
    byObject: new WeakMap(),
    byContent: new Map(),
    publicKeys: new Map(),
    stats: { verified: 0, hits: 0, signed: 0 },
  };
}

function publicKeyObject(cache: VerifyCache, raw: Uint8Array): crypto.KeyObject {
  const hex = Buffer.from(raw).toString('hex');
  let k = cache.publicKeys.get(hex);
  if (!k) {
    k = crypto.createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    cache.publicKeys.set(hex, k);
  }
  return k;
}

export function cachedVerify(
  cache: VerifyCache,
  key: Uint8Array,
  message: Uint8Array,
  sig: Uint8Array,
): boolean {
  const hit = cache.byObject.get(sig);
  if (
    hit &&
    (hit.key === key || bytesEqual(hit.key, key)) &&
    (hit.message === message || bytesEqual(hit.message, message))
  ) {
    cache.stats.hits++;
    return hit.ok;
  }
  const content = Buffer.concat([key, message, sig]).toString('latin1');
  let ok = cache.byContent.get(content);
  if (ok === undefined) {
    if (key.length !== 32 || sig.length !== 64) ok = false;
    else {
      cache.stats.verified++;
      try {
        ok = crypto.verify(null, message, publicKeyObject(cache, key), sig);
      } catch {
        ok = false;
      }
    }
    if (cache.byContent.size > 500_000) cache.byContent.clear();
    cache.byContent.set(content, ok);
  } else cache.stats.hits++;
  cache.byObject.set(sig, { key, message, ok });
  return ok;
}

/**
 * With `trustOwn`, each signature this factory creates is recorded as valid for (its public key, the
 * signed hash): ed25519 signing is deterministic and correct, so that is exactly what verify would
 * answer for that triple. Any other triple — tampered message, other key, forged or corrupted
 * signature — misses the cache and is verified for real.
 */
export function nodeKey(
  secret: Uint8Array,
  cache: VerifyCache,
  trustOwn = false,
): { publicKey: Uint8Array; crypto: PbftCrypto } {
  const priv = crypto.createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, secret]),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = crypto.createPublicKey(priv).export({ format: 'jwk' });
  const publicKey = new Uint8Array(Buffer.from(jwk.x!, 'base64url'));
  return {
    publicKey,
    crypto: {
      sign: (message) => {
        cache.stats.signed++;
        const sig = new Uint8Array(crypto.sign(null, message, priv));
        if (trustOwn) cache.byObject.set(sig, { key: publicKey, message, ok: true });
        return sig;
      },
      verify: (key, message, sig) => cachedVerify(cache, key, message, sig),
    },
  };
}

/** A KeyFactory for the simulator; all replicas of a run share `cache`. */
export function nodeKeys(cache: VerifyCache = newVerifyCache(), trustOwn = false): KeyFactory {
  return (secret) => nodeKey(secret, cache, trustOwn);
}
