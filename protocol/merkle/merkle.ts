/**
 * Binary Merkle tree over byte strings with inclusion proofs. Leaves and inner nodes are hashed
 * under different domain tags (no second-preimage trick between levels); an odd node is promoted,
 * not duplicated (so no two leaf lists share a root, unlike Bitcoin's tree); the root commits to
 * the leaf count, so a proof cannot be replayed against a different tree shape.
 */
import { Domain, taggedHash } from '../hash.ts';
import { concatBytes, bytesEqual, u32be } from '../bytes.ts';
import { Writer } from '../codec/writer.ts';
import type { Reader } from '../codec/reader.ts';
import { decodeAll } from '../codec/reader.ts';
import { ErrorCode, fail } from '../errors.ts';

export interface MerkleProof {
  index: number;
  leafCount: number;
  /** Sibling hashes from the leaf level up; promoted levels have none. */
  siblings: Uint8Array[];
}

export const MAX_MERKLE_LEAVES = 1 << 20;

export function merkleLeaf(data: Uint8Array): Uint8Array {
  return taggedHash(Domain.merkleLeaf, data);
}

function node(l: Uint8Array, r: Uint8Array): Uint8Array {
  return taggedHash(Domain.merkleNode, concatBytes(l, r));
}

function sealRoot(count: number, top: Uint8Array): Uint8Array {
  return taggedHash(Domain.merkleNode, concatBytes(u32be(count), top));
}

/** Root of the leaf hashes (already merkleLeaf-hashed). */
export function merkleRootOfLeaves(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sealRoot(0, new Uint8Array(32));
  let level = leaves.slice();
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? node(level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return sealRoot(leaves.length, level[0]!);
}

export function merkleRoot(items: readonly Uint8Array[]): Uint8Array {
  return merkleRootOfLeaves(items.map(merkleLeaf));
}

export function merkleProof(items: readonly Uint8Array[], index: number): MerkleProof {
  if (!Number.isInteger(index) || index < 0 || index >= items.length)
    fail(ErrorCode.OUT_OF_RANGE, `leaf ${index} is not in a tree of ${items.length}`, 'index');
  let level = items.map(merkleLeaf);
  const siblings: Uint8Array[] = [];
  let i = index;
  while (level.length > 1) {
    const sib = i ^ 1;
    if (sib < level.length) siblings.push(level[sib]!);
    const next: Uint8Array[] = [];
    for (let j = 0; j < level.length; j += 2)
      next.push(j + 1 < level.length ? node(level[j]!, level[j + 1]!) : level[j]!);
    level = next;
    i >>= 1;
  }
  return { index, leafCount: items.length, siblings };
}

/** Proofs for every leaf at once: the tree is built one time (a block proves all its receipts). */
export function merkleProofs(items: readonly Uint8Array[]): MerkleProof[] {
  const levels: Uint8Array[][] = [items.map(merkleLeaf)];
  while (levels[levels.length - 1]!.length > 1) {
    const level = levels[levels.length - 1]!;
    const next: Uint8Array[] = [];
    for (let j = 0; j < level.length; j += 2)
      next.push(j + 1 < level.length ? node(level[j]!, level[j + 1]!) : level[j]!);
    levels.push(next);
  }
  return items.map((_, index) => {
    const siblings: Uint8Array[] = [];
    let i = index;
    for (let l = 0; l < levels.length - 1; l++) {
      const sib = i ^ 1;
      if (sib < levels[l]!.length) siblings.push(levels[l]![sib]!);
      i >>= 1;
    }
    return { index, leafCount: items.length, siblings };
  });
}

/** True when `item` sits at `proof.index` of a tree whose root is `root`. Never throws on bad proofs. */
export function verifyMerkleProof(root: Uint8Array, item: Uint8Array, proof: MerkleProof): boolean {
  const { index, leafCount, siblings } = proof;
  if (!Number.isInteger(index) || !Number.isInteger(leafCount) || index < 0 || index >= leafCount)
    return false;
  let h = merkleLeaf(item);
  let i = index;
  let size = leafCount;
  let s = 0;
  while (size > 1) {
    const sib = i ^ 1;
    if (sib < size) {
      const other = siblings[s++];
      if (!other || other.length !== 32) return false;
      h = i & 1 ? node(other, h) : node(h, other);
    }
    i >>= 1;
    size = (size + 1) >> 1;
  }
  return s === siblings.length && bytesEqual(sealRoot(leafCount, h), root);
}

export function writeMerkleProof(w: Writer, p: MerkleProof): void {
  w.u32(p.index, 'proof.index');
  w.u32(p.leafCount, 'proof.leafCount');
  w.list(p.siblings, 32, (w, s) => w.fixed(s, 32, 'proof.siblings'), 'proof.siblings');
}

export function readMerkleProof(r: Reader): MerkleProof {
  const index = r.u32('proof.index');
  const leafCount = r.u32('proof.leafCount');
  if (leafCount > MAX_MERKLE_LEAVES)
    fail(ErrorCode.OVERSIZED, `${leafCount} leaves exceeds the limit`, 'proof.leafCount');
  if (index >= leafCount)
    fail(ErrorCode.OUT_OF_RANGE, `index ${index} is outside ${leafCount} leaves`, 'proof.index');
  const siblings = r.list(32, (r) => r.fixed(32, 'proof.siblings'), 'proof.siblings');
  return { index, leafCount, siblings };
}

export function encodeMerkleProof(p: MerkleProof): Uint8Array {
  const w = new Writer();
  writeMerkleProof(w, p);
  return w.finish();
}

export function decodeMerkleProof(b: Uint8Array): MerkleProof {
  return decodeAll(b, readMerkleProof, 'proof');
}
