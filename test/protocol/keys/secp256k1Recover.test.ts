// The injection contract of secp256k1 point recovery (protocol/keys/secp256k1Recover.ts): noble by
// default; a host's backend is accepted only if it passes the self-test; the canonical-form checks
// run before any backend sees a signature; a backend's null or throw is BAD_SIGNATURE. The wasm
// backend itself is compared with noble inside workerd (test/durable-objects/secp256k1Wasm.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import {
  nobleSecp256k1Recover,
  secp256k1Backend,
  useNativeSecp256k1Recover,
  useNobleSecp256k1Recover,
  type Secp256k1Recover,
} from '../../../protocol/keys/secp256k1Recover.ts';
import { recoverSecp256k1PublicKey, secp256k1Sign } from '../../../protocol/keys/secp256k1.ts';
import { signerFromHex, verifySignature } from '../../../protocol/keys/signer.ts';
import { ErrorCode } from '../../../protocol/errors.ts';
import { toHex } from '../../../protocol/bytes.ts';

const signer = signerFromHex('secp256k1', '07'.padStart(64, '0'));
const digest = new Uint8Array(32).fill(9);
const sig = secp256k1Sign(signer.secretKey, digest);

function err(f: () => unknown): { code?: string; message?: string } {
  try {
    f();
  } catch (e) {
    return { code: (e as { code?: string }).code, message: (e as Error).message };
  }
  throw new Error('expected a throw');
}

describe('secp256k1 recovery backends', () => {
  afterEach(useNobleSecp256k1Recover);

  it('is noble unless a host installs another', () => {
    expect(secp256k1Backend()).toBe('noble');
    expect(toHex(recoverSecp256k1PublicKey(digest, sig))).toBe(toHex(signer.publicKey));
  });

  it('refuses candidates that miss the self-test, keeping the current backend', () => {
    const wrongKey: Secp256k1Recover = (d, s, v) => nobleSecp256k1Recover(d, s, v ^ 1);
    const lax: Secp256k1Recover = (d, s, v) => nobleSecp256k1Recover(d, s, v) ?? new Uint8Array(65);
    const compressed: Secp256k1Recover = (d, s, v) => nobleSecp256k1Recover(d, s, v)?.subarray(0, 33) ?? null;
    for (const bad of [() => null, wrongKey, lax, compressed])
      expect(() => useNativeSecp256k1Recover(bad, 'bad')).toThrow(/does not recover secp256k1 keys/);
    expect(() =>
      useNativeSecp256k1Recover(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(secp256k1Backend()).toBe('noble');
  });

  it('sends only canonical signatures to an installed backend, and goes back to noble', () => {
    const seen: number[] = [];
    useNativeSecp256k1Recover((d, s, v) => (seen.push(v), nobleSecp256k1Recover(d, s, v)), 'counting');
    expect(secp256k1Backend()).toBe('counting');
    seen.length = 0;
    expect(verifySignature(signer.address, digest, sig)).toBe(true);
    expect(seen).toEqual([sig[64]]);
    const v2 = sig.slice();
    v2[64] = 2;
    const zeroR = sig.slice().fill(0, 0, 32);
    for (const bad of [v2, zeroR, sig.subarray(0, 64)])
      expect(err(() => recoverSecp256k1PublicKey(digest, bad)).code).toBe(ErrorCode.BAD_SIGNATURE);
    expect(seen).toHaveLength(1);
    useNobleSecp256k1Recover();
    expect(secp256k1Backend()).toBe('noble');
  });

  it("turns a backend's null or throw into BAD_SIGNATURE", () => {
    let mode: 'null' | 'throw' | 'noble' = 'noble';
    useNativeSecp256k1Recover((d, s, v) => {
      if (mode === 'null') return null;
      if (mode === 'throw') throw new Error('wasm trap');
      return nobleSecp256k1Recover(d, s, v);
    }, 'flaky');
    for (mode of ['null', 'throw'] as const)
      expect(err(() => recoverSecp256k1PublicKey(digest, sig))).toEqual({
        code: ErrorCode.BAD_SIGNATURE,
        message: 'signature: no public key recovers from this signature',
      });
    expect(verifySignature(signer.address, digest, sig)).toBe(false);
  });
});
