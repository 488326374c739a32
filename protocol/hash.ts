/**
 * Hash functions of the chain. SHA-256 names everything (transactions, blocks, receipts, events,
 * Merkle nodes); Keccak-256 only derives T8 account bodies, so they equal Ethereum addresses.
 * Every structural hash is domain-separated by a short ASCII tag so that no two kinds of object can
 * ever share a hash preimage.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesEqual, concatBytes, fromHex, utf8 } from './bytes.ts';
import { sha256Small } from './sha256Small.ts';

/** SHA-256 over the concatenation of `parts` (so tagged hashes need no copy). */
export type Sha256Parts = (parts: readonly Uint8Array[]) => Uint8Array;

const nobleParts: Sha256Parts = (parts) => {
  if (parts.length === 1) return nobleSha256(parts[0]!);
  const h = nobleSha256.create();
  for (const p of parts) h.update(p);
  return h.digest();
};

let longParts: Sha256Parts = nobleParts;

/** Below this many bytes the one-function hasher beats any call out (measured in workerd). */
const SMALL_INPUT = 256;

function sha256Parts(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  return n < SMALL_INPUT ? sha256Small(parts) : longParts(parts);
}

/**
 * Lets a runtime shell supply a native SHA-256: the same function, several times faster than pure
 * JS, and hashing is a tenth of a busy network's CPU. protocol/ stays pure because the shell passes
 * it in. The candidate must reproduce FIPS 180-2's "abc" vector, also split in parts, or it is refused.
 */
export function useSha256(candidate: Sha256Parts): void {
  const abc = fromHex('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  const whole = candidate([utf8('abc')]);
  const split = candidate([utf8('a'), new Uint8Array(0), utf8('bc')]);
  if (!bytesEqual(whole, abc) || !bytesEqual(split, abc))
    throw new Error('useSha256: the candidate does not compute SHA-256');
  longParts = candidate;
}

/** Back to the pure-JS implementation (tests compare both). */
export function usePureSha256(): void {
  longParts = nobleParts;
}

export function sha256(data: Uint8Array): Uint8Array {
  return sha256Parts([data]);
}

export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

/** Domain tags: the first bytes of every structural preimage. Listed in docs/protocol.md. */
export const Domain = {
  tx: 'topnet/tx/v1',
  unit: 'topnet/unit/v1',
  tableBlock: 'topnet/table-block/v1',
  receipt: 'topnet/receipt/v1',
  event: 'topnet/event/v1',
  merkleLeaf: 'topnet/merkle-leaf/v1',
  merkleNode: 'topnet/merkle-node/v1',
  pbft: 'topnet/pbft/v1',
  state: 'topnet/state/v1',
} as const;

const domainBytes = new Map<string, Uint8Array>();

/** sha256(len(tag) || tag || data): the one way structural hashes are taken. */
export function taggedHash(tag: string, data: Uint8Array): Uint8Array {
  let t = domainBytes.get(tag);
  if (!t) {
    const b = utf8(tag);
    t = concatBytes(Uint8Array.of(b.length), b);
    domainBytes.set(tag, t);
  }
  return sha256Parts([t, data]);
}
