// Block certificates: one PBFT round's commit certificate over the list of the block hashes it
// certified. Round-trips, binds each listed block and no other, fails on a list that is not the
// round's value, and every malformed encoding is a typed ProtocolError.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '../../../protocol/hash.ts';
import { utf8 } from '../../../protocol/bytes.ts';
import { isProtocolError } from '../../../protocol/errors.ts';
import { buildCertificate, signMessage, valueDigest } from '../../../protocol/pbft/index.ts';
import {
  decodeBlockCertificate,
  encodeBlockCertificate,
  roundValue,
  verifyBlockCertificate,
  type BlockCertificate,
} from '../../../protocol/lattice/blockCertificate.ts';
import { simSecret } from '../../../protocol/pbft/sim/index.ts';
import { newVerifyCache, nodeKey } from '../pbft/nodeCrypto.ts';

const N = 4;
const keys = Array.from({ length: N }, (_, i) => nodeKey(simSecret(7, i), newVerifyCache()));
const publicKeys = keys.map((k) => k.publicKey);
const hashOf = (s: string) => sha256(utf8(s));

function certify(blocks: Uint8Array[], signers = [0, 1, 2]): BlockCertificate {
  const digest = valueDigest(roundValue(blocks));
  const commits = signers.map((i) =>
    signMessage(keys[i]!.crypto, i, { type: 'commit', view: 0, seq: 5, digest }),
  );
  return { round: buildCertificate(N, commits), blocks };
}

describe('block certificates', () => {
  const blocks = ['t0/h1', 't2/h7', 't5/h3'].map(hashOf);
  const cert = certify(blocks);

  test('certify every listed block, and only those', () => {
    for (const b of blocks) expect(verifyBlockCertificate(b, cert, publicKeys)).toBe(true);
    expect(verifyBlockCertificate(hashOf('t0/h2'), cert, publicKeys)).toBe(false);
  });

  test('a list that is not the round value, too few signers, or other keys fail', () => {
    expect(verifyBlockCertificate(blocks[0]!, { ...cert, blocks: blocks.slice(0, 2) }, publicKeys)).toBe(
      false,
    );
    expect(verifyBlockCertificate(blocks[0]!, { ...cert, blocks: [...blocks].reverse() }, publicKeys)).toBe(
      false,
    );
    expect(verifyBlockCertificate(blocks[0]!, certify(blocks, [0, 1]), publicKeys)).toBe(false);
    const others = Array.from({ length: N }, (_, i) => nodeKey(simSecret(8, i), newVerifyCache()).publicKey);
    expect(verifyBlockCertificate(blocks[0]!, cert, others)).toBe(false);
  });

  test('round-trips, and any single changed byte stops it from verifying', () => {
    const bytes = encodeBlockCertificate(cert);
    expect(decodeBlockCertificate(bytes)).toEqual(cert);
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const bad = bytes.slice();
        bad[at]! ^= x;
        let ok: boolean;
        try {
          ok = verifyBlockCertificate(blocks[1]!, decodeBlockCertificate(bad), publicKeys);
        } catch (e) {
          expect(isProtocolError(e)).toBe(true);
          ok = false;
        }
        expect(ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  test('random bytes decode to a certificate or a typed error, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => {
        try {
          decodeBlockCertificate(b);
        } catch (e) {
          expect(isProtocolError(e)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    expect(() => roundValue([])).toThrow(expect.objectContaining({ code: 'BAD_LENGTH' }));
  });
});
