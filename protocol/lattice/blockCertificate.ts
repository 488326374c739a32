/**
 * A table block's certificate. One PBFT round certifies the next block of several tables at once
 * (every table of a committee that has a block waiting): the round's value is the list of those
 * blocks' hashes, so each block carries the round's commit certificate plus that list, and anyone
 * holding the committee's keys checks (1) the block's hash is in the list, (2) the round's digest
 * is the digest of the list, (3) the commit signatures. Rounds are paid per committee, not per table.
 *
 * Encoding: `commit certificate || list(block hash[32])`, hashes in the order the round listed them.
 */
import { bytesEqual } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { Reader } from '../codec/reader.ts';
import { Writer } from '../codec/writer.ts';
import { readCertificate, writeCertificate, type CommitCertificate } from '../pbft/certificate.ts';
import { valueDigest } from '../pbft/digests.ts';
import { verifyCertificate } from '../pbft/verifyCertificate.ts';
import type { PbftVerifier } from '../pbft/crypto.ts';

/** Most blocks one round certifies: a committee never owns more tables than this. */
export const MAX_ROUND_BLOCKS = 1024;

export interface BlockCertificate {
  round: CommitCertificate;
  /** Hashes of every block the round certified. */
  blocks: Uint8Array[];
}

function writeBlocks(w: Writer, blocks: readonly Uint8Array[]): void {
  w.list(blocks, MAX_ROUND_BLOCKS, (w, h) => w.fixed(h, 32, 'blocks[]'), 'blocks');
}

/** The value a round agrees on: `list(block hash[32])`. */
export function roundValue(blocks: readonly Uint8Array[]): Uint8Array {
  if (blocks.length === 0) fail(ErrorCode.BAD_LENGTH, 'a round certifies at least one block', 'blocks');
  const w = new Writer();
  writeBlocks(w, blocks);
  return w.finish();
}

export function encodeBlockCertificate(c: BlockCertificate): Uint8Array {
  const w = new Writer();
  writeCertificate(w, c.round);
  writeBlocks(w, c.blocks);
  return w.finish();
}

export function decodeBlockCertificate(bytes: Uint8Array): BlockCertificate {
  const r = new Reader(bytes);
  const round = readCertificate(r);
  const blocks = r.list(MAX_ROUND_BLOCKS, (r) => r.fixed(32, 'blocks[]'), 'blocks');
  r.end('certificate');
  if (blocks.length === 0) fail(ErrorCode.BAD_CERTIFICATE, 'the round lists no block', 'blocks');
  return { round, blocks };
}

/**
 * True when `c` certifies the block whose hash is `hash` under the committee `publicKeys`. Checks
 * the cheap bindings before any signature; never throws.
 */
export function verifyBlockCertificate(
  hash: Uint8Array,
  c: BlockCertificate,
  publicKeys: readonly Uint8Array[],
  crypto?: PbftVerifier,
): boolean {
  try {
    if (!c.blocks.some((h) => bytesEqual(h, hash))) return false;
    if (!bytesEqual(c.round.digest, valueDigest(roundValue(c.blocks)))) return false;
    return verifyCertificate(c.round, publicKeys, crypto);
  } catch {
    return false;
  }
}
