/**
 * The commit certificate: proof that a quorum of replicas committed `digest` at (view, seq). It
 * travels with each committed block, so anyone holding the committee's public keys can check a
 * block without replaying the round. Signers are a bitmap (bit i = replica i, LSB first within each
 * byte, ceil(n/8) bytes) and the signatures follow in ascending signer order.
 */
import { ErrorCode, fail } from '../errors.ts';
import { Writer } from '../codec/writer.ts';
import { Reader } from '../codec/reader.ts';
import { MAX_REPLICAS } from './limits.ts';
import type { Commit, SignedMessage } from './messages.ts';

export interface CommitCertificate {
  view: number;
  seq: number;
  digest: Uint8Array;
  signers: Uint8Array;
  signatures: Uint8Array[];
}

export function bitmapBytes(n: number): number {
  return Math.ceil(n / 8);
}

export function bitSet(bitmap: Uint8Array, i: number): boolean {
  return ((bitmap[i >> 3] ?? 0) & (1 << (i & 7))) !== 0;
}

export function popcount(bitmap: Uint8Array): number {
  let c = 0;
  for (const b of bitmap) for (let x = b; x; x &= x - 1) c++;
  return c;
}

/** Builds a certificate from matching commits (any order, distinct senders). */
export function buildCertificate(n: number, commits: readonly SignedMessage<Commit>[]): CommitCertificate {
  const sorted = [...commits].sort((a, b) => a.sender - b.sender);
  const first = sorted[0];
  if (!first) fail(ErrorCode.BAD_CERTIFICATE, 'no commits', 'commits');
  const signers = new Uint8Array(bitmapBytes(n));
  for (const c of sorted) signers[c.sender >> 3]! |= 1 << (c.sender & 7);
  return {
    view: first.body.view,
    seq: first.body.seq,
    digest: first.body.digest,
    signers,
    signatures: sorted.map((c) => c.signature),
  };
}

export function writeCertificate(w: Writer, c: CommitCertificate): void {
  w.u64(c.view, 'view').u64(c.seq, 'seq').fixed(c.digest, 32, 'digest');
  w.bytes(c.signers, bitmapBytes(MAX_REPLICAS), 'signers');
  w.list(c.signatures, MAX_REPLICAS, (w, s) => w.fixed(s, 64, 'signature'), 'signatures');
}

export function readCertificate(r: Reader): CommitCertificate {
  const view = r.u64n('view');
  const seq = r.u64n('seq');
  const digest = r.fixed(32, 'digest');
  const signers = r.bytes(bitmapBytes(MAX_REPLICAS), 'signers');
  const signatures = r.list(MAX_REPLICAS, (r) => r.fixed(64, 'signature'), 'signatures');
  if (popcount(signers) !== signatures.length)
    fail(ErrorCode.BAD_CERTIFICATE, 'signer bitmap and signature count differ', 'signers');
  return { view, seq, digest, signers, signatures };
}

/** `u64 view || u64 seq || digest[32] || bytes(signers) || list(sig[64])`. */
export function encodeCertificate(c: CommitCertificate): Uint8Array {
  const w = new Writer();
  writeCertificate(w, c);
  return w.finish();
}

export function decodeCertificate(bytes: Uint8Array): CommitCertificate {
  const r = new Reader(bytes);
  const c = readCertificate(r);
  r.end('certificate');
  return c;
}
