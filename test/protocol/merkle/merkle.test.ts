/** Merkle proofs: every leaf's proof verifies; any one-byte change to the proof, leaf or root fails. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeMerkleProof,
  encodeMerkleProof,
  merkleProof,
  merkleRoot,
  verifyMerkleProof,
} from '../../../protocol/merkle/merkle.ts';
import { isProtocolError } from '../../../protocol/errors.ts';
import { bytesEqual } from '../../../protocol/bytes.ts';

const leavesArb = fc.array(fc.uint8Array({ minLength: 0, maxLength: 40 }), { minLength: 1, maxLength: 40 });
/**
 * Distinct leaves: with two equal leaves, a proof whose index byte is changed to the other one's
 * position is a true proof of the same leaf, and verifies (fast-check found [[], [], []]).
 */
const distinctLeavesArb = fc.uniqueArray(fc.uint8Array({ minLength: 0, maxLength: 40 }), {
  minLength: 1,
  maxLength: 40,
  selector: (a) => Array.from(a).join(','),
});

function verifiesEncoded(root: Uint8Array, leaf: Uint8Array, encoded: Uint8Array): boolean {
  try {
    return verifyMerkleProof(root, leaf, decodeMerkleProof(encoded));
  } catch (e) {
    if (isProtocolError(e)) return false;
    throw e;
  }
}

describe('merkle', () => {
  it('a proof verifies and any one-byte change to it fails (1,000 cases)', () => {
    fc.assert(
      fc.property(
        distinctLeavesArb,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (leaves, pick, at, delta) => {
          const i = pick % leaves.length;
          const root = merkleRoot(leaves);
          const enc = encodeMerkleProof(merkleProof(leaves, i));
          expect(verifiesEncoded(root, leaves[i]!, enc)).toBe(true);
          const bad = enc.slice();
          const pos = at % bad.length;
          bad[pos] = (bad[pos]! + delta) & 0xff;
          expect(verifiesEncoded(root, leaves[i]!, bad)).toBe(false);
          // A changed leaf or root fails too.
          const leaf = leaves[i]!;
          const otherLeaf = leaf.length
            ? leaf.map((b, k) => (k === at % leaf.length ? (b + delta) & 0xff : b))
            : Uint8Array.of(delta);
          expect(verifyMerkleProof(root, otherLeaf, merkleProof(leaves, i))).toBe(false);
          const badRoot = root.slice();
          badRoot[at % 32] = (badRoot[at % 32]! + delta) & 0xff;
          expect(verifyMerkleProof(badRoot, leaf, merkleProof(leaves, i))).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('roots differ when a leaf is duplicated at the end (no odd-leaf duplication ambiguity)', () => {
    const a = [Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)];
    expect(bytesEqual(merkleRoot(a), merkleRoot([...a, Uint8Array.of(3)]))).toBe(false);
    expect(bytesEqual(merkleRoot([]), merkleRoot([new Uint8Array(0)]))).toBe(false);
  });

  it('a proof does not verify for another index or tree size', () => {
    const leaves = Array.from({ length: 7 }, (_, i) => Uint8Array.of(i));
    const root = merkleRoot(leaves);
    const p = merkleProof(leaves, 2);
    expect(verifyMerkleProof(root, leaves[2]!, { ...p, index: 3 })).toBe(false);
    expect(verifyMerkleProof(root, leaves[2]!, { ...p, leafCount: 8 })).toBe(false);
    expect(verifyMerkleProof(root, leaves[2]!, { ...p, index: 7 })).toBe(false);
  });

  it('malformed proof bytes throw typed errors', () => {
    const enc = encodeMerkleProof(merkleProof([Uint8Array.of(1), Uint8Array.of(2)], 0));
    for (const [bytes, code] of [
      [enc.slice(0, enc.length - 1), 'TRUNCATED'],
      [Uint8Array.of(...enc, 0), 'TRAILING_BYTES'],
      [Uint8Array.of(0, 0, 0, 5, 0, 0, 0, 2, 0, 0, 0, 0), 'OUT_OF_RANGE'],
      [Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 1, 0), 'OVERSIZED'],
    ] as const) {
      expect(() => decodeMerkleProof(bytes)).toThrowError(expect.objectContaining({ code }));
    }
  });
});

describe('merkleProofs', () => {
  it('equals merkleProof leaf by leaf (200 cases)', async () => {
    const { merkleProofs } = await import('../../../protocol/merkle/merkle.ts');
    fc.assert(
      fc.property(leavesArb, (leaves) => {
        expect(merkleProofs(leaves)).toEqual(leaves.map((_, i) => merkleProof(leaves, i)));
      }),
      { numRuns: 200 },
    );
  });
});
