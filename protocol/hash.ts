/**
 * Hash functions of the chain. SHA-256 names everything (transactions, blocks, receipts, events,
 * Merkle nodes); Keccak-256 only derives T8 account bodies, so they equal Ethereum addresses.
 * Every structural hash is domain-separated by a short ASCII tag so that no two kinds of object can
 * ever share a hash preimage.
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { concatBytes, utf8 } from './bytes.ts';

export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
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
  return nobleSha256(concatBytes(t, data));
}
