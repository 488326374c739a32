// The sync (noble) and async (WebCrypto) ed25519 paths must agree on every input, adversarial ones
// included: signatures valid only under the cofactored equation, small-order and mixed-order keys,
// non-canonical S. Each case also shows why it matters — some other verifier answers differently.
import { verify as nodeVerify, createPublicKey } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { concatBytes, fromHex } from '../../../protocol/bytes.ts';
import { ED25519_L, ed25519Sign, ed25519Verify } from '../../../protocol/keys/ed25519.ts';
import { ed25519VerifyAsync, setEd25519Backend } from '../../../protocol/keys/ed25519Async.ts';

type Point = ReturnType<typeof ed25519.Point.fromBytes>;
const P = ed25519.Point;
// A point of order 8 (torsion), from the list of Ed25519 small-order encodings.
const T8 = P.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');

const le = (b: Uint8Array) => BigInt('0x' + Buffer.from(b).reverse().toString('hex'));
const toLe32 = (n: bigint) => Uint8Array.from(Buffer.from(n.toString(16).padStart(64, '0'), 'hex').reverse());
const hk = (R: Uint8Array, A: Uint8Array, m: Uint8Array) => le(sha512(concatBytes(R, A, m))) % ED25519_L;

function node(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(pub).toString('base64url') },
      format: 'jwk',
    });
    return nodeVerify(null, msg, key, sig);
  } catch {
    return false;
  }
}

async function paths(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array) {
  setEd25519Backend('webcrypto');
  const web = await ed25519VerifyAsync(pub, msg, sig);
  setEd25519Backend('noble');
  const noble = await ed25519VerifyAsync(pub, msg, sig);
  return { sync: ed25519Verify(pub, msg, sig), web, noble };
}

afterEach(() => setEd25519Backend('auto'));

/** Signs with scalar a for the (possibly tampered) key bytes A and nonce point R. */
function forge(a: bigint, A: Uint8Array, r: bigint, R: Point, msg: Uint8Array): Uint8Array {
  const Rb = R.toBytes();
  return concatBytes(Rb, toLe32((r + hk(Rb, A, msg) * a) % ED25519_L));
}

const secret = fromHex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
const { scalar: a, pointBytes: A, point: Apt } = ed25519.utils.getExtendedPublicKey(secret);
const msg = new TextEncoder().encode('agreement');

describe('adversarial ed25519 inputs', () => {
  it('T8 really has order 8', () => {
    expect(T8.isSmallOrder()).toBe(true);
    expect(T8.double().double().is0()).toBe(false);
    expect(T8.multiplyUnsafe(8n).is0()).toBe(true);
  });

  it('a nonce with a torsion component: cofactored-only valid → rejected by every path', async () => {
    const r = 12345678901234567890n;
    const sig = forge(a, A, r, P.BASE.multiplyUnsafe(r).add(T8), msg);
    expect(ed25519.verify(sig, msg, A)).toBe(true); // noble's own (cofactored) verify would accept
    expect(await paths(A, msg, sig)).toEqual({ sync: false, web: false, noble: false });
    expect(node(A, msg, sig)).toBe(false);
  });

  it('a mixed-order public key: all paths agree whichever way k falls', async () => {
    const Amixed = Apt.add(T8).toBytes();
    let seenTrue = 0;
    let seenFalse = 0;
    for (let i = 0n; i < 40n; i++) {
      const r = 1000n + i;
      const sig = forge(a, Amixed, r, P.BASE.multiplyUnsafe(r), msg);
      const k = hk(sig.subarray(0, 32), Amixed, msg);
      const expected = k % 8n === 0n; // [S]B - [k]A' = R - [k]T, which is R exactly when 8 | k
      expect(await paths(Amixed, msg, sig)).toEqual({ sync: expected, web: expected, noble: expected });
      expect(node(Amixed, msg, sig)).toBe(expected);
      if (expected) seenTrue++;
      else seenFalse++;
    }
    expect(seenTrue).toBeGreaterThan(0);
    expect(seenFalse).toBeGreaterThan(0);
  });

  it('a small-order public key is rejected even where OpenSSL would accept', async () => {
    const identity = P.ZERO.toBytes();
    const sig = concatBytes(identity, new Uint8Array(32)); // R = identity, S = 0
    expect(node(identity, msg, sig)).toBe(true);
    expect(await paths(identity, msg, sig)).toEqual({ sync: false, web: false, noble: false });
    const t8 = T8.toBytes();
    const sig8 = concatBytes(t8, new Uint8Array(32));
    expect(await paths(t8, msg, sig8)).toEqual({ sync: false, web: false, noble: false });
  });

  it('S + L (non-canonical S) is rejected', async () => {
    const sig = ed25519Sign(secret, msg);
    const big = concatBytes(sig.subarray(0, 32), toLe32(le(sig.subarray(32)) + ED25519_L));
    expect(await paths(A, msg, big)).toEqual({ sync: false, web: false, noble: false });
    expect(await paths(A, msg, sig)).toEqual({ sync: true, web: true, noble: true });
  });

  it('a non-canonical key encoding (y >= p) is rejected', async () => {
    // y = p + 1 encodes the same point as y = 1 (the identity) but is not canonical
    const p = 2n ** 255n - 19n;
    const nonCanonical = toLe32(p + 1n);
    const sig = concatBytes(P.ZERO.toBytes(), new Uint8Array(32));
    expect(await paths(nonCanonical, msg, sig)).toEqual({ sync: false, web: false, noble: false });
  });

  it('random and mutated signatures: sync, WebCrypto and noble agree (property)', async () => {
    const good = ed25519Sign(secret, msg);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 64, maxLength: 64 }),
          fc.tuple(fc.nat(63), fc.integer({ min: 1, max: 255 })).map(([i, d]) => {
            const s = good.slice();
            s[i] = s[i]! ^ d;
            return s;
          }),
          fc.constant(good),
        ),
        fc.boolean(),
        async (sig, sameMessage) => {
          const m = sameMessage ? msg : new Uint8Array([...msg, 1]);
          const res = await paths(A, m, sig);
          expect(res.web).toBe(res.sync);
          expect(res.noble).toBe(res.sync);
          expect(node(A, m, sig)).toBe(res.sync);
        },
      ),
      { numRuns: 300 },
    );
  });
});
