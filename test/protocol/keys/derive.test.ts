// deriveSecret: taggedHash('topnet/derive/v1', seed || utf8(label)), re-hashed with a u32 counter
// until it is a valid secp256k1 scalar. Checked against an independent SHA-256 (node:crypto).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../protocol/bytes.ts';
import { ErrorCode, ProtocolError } from '../../../protocol/errors.ts';
import {
  DERIVE_TAG,
  deriveCandidate,
  deriveSecret,
  deriveSecretUntil,
} from '../../../protocol/keys/derive.ts';
import { signerFromSecret } from '../../../protocol/keys/signer.ts';

/** sha256(u8(len(tag)) || tag || seed || label [|| u32be(counter)]) computed without the code under test. */
function reference(seed: Uint8Array, label: string, counter: number): string {
  const h = createHash('sha256')
    .update(Uint8Array.of(DERIVE_TAG.length))
    .update(DERIVE_TAG)
    .update(seed)
    .update(label, 'utf8');
  if (counter > 0) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    h.update(c);
  }
  return h.digest('hex');
}

const seed = new Uint8Array(32).map((_, i) => i);

describe('deriveSecret', () => {
  it('is the tagged hash of seed || label (first candidate)', () => {
    expect(DERIVE_TAG).toBe('topnet/derive/v1');
    for (const label of ['member/0', 'member/1', 'faucet', 'ünïcode'])
      expect(toHex(deriveSecret(seed, label))).toBe(reference(seed, label, 0));
  });

  it('retries with a big-endian u32 counter until the candidate is accepted', () => {
    let calls = 0;
    const got = deriveSecretUntil(seed, 'member/0', () => ++calls === 3);
    expect(calls).toBe(3);
    expect(toHex(got)).toBe(reference(seed, 'member/0', 2));
    expect(toHex(deriveCandidate(seed, 'x', 1))).toBe(reference(seed, 'x', 1));
    expect(toHex(deriveCandidate(seed, 'x', 0x01020304))).toBe(reference(seed, 'x', 0x01020304));
  });

  it('is deterministic, label- and seed-sensitive, and gives working keys of both kinds', () => {
    expect(toHex(deriveSecret(seed, 'a'))).toBe(toHex(deriveSecret(seed.slice(), 'a')));
    expect(toHex(deriveSecret(seed, 'a'))).not.toBe(toHex(deriveSecret(seed, 'b')));
    const other = seed.slice();
    other[0] = 1;
    expect(toHex(deriveSecret(other, 'a'))).not.toBe(toHex(deriveSecret(seed, 'a')));
    const digest = new Uint8Array(32).fill(5);
    for (const kind of ['secp256k1', 'ed25519'] as const) {
      const s = signerFromSecret(kind, deriveSecret(seed, `member/${kind}`));
      expect(s.sign(digest).length).toBe(kind === 'ed25519' ? 64 : 65);
    }
  });

  it('rejects a non-bytes seed or a non-string label', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof ProtocolError ? [e.code, e.field] : e;
      }
    };
    expect(code(() => deriveSecret('seed' as unknown as Uint8Array, 'a'))).toEqual([
      ErrorCode.BAD_TYPE,
      'seed',
    ]);
    expect(code(() => deriveSecret(seed, 7 as unknown as string))).toEqual([ErrorCode.BAD_TYPE, 'label']);
  });
});
