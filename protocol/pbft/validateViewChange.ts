/**
 * Checks everything a view-change message claims, signature by signature: its stable checkpoint is
 * proven by a quorum of checkpoint messages (or is genesis), and each prepared proof is a primary's
 * pre-prepare from an earlier view plus quorum-1 matching prepares from distinct backups, for a
 * sequence number inside the sender's watermarks. Lists must be strictly ordered (one encoding).
 */
import { bytesEqual } from '../bytes.ts';
import type { Ctx } from './context.ts';
import { GENESIS_STATE, digestMatchesValue } from './digests.ts';
import { verifySignature } from './messages.ts';
import type { Checkpoint, SignedMessage, ViewChange } from './messages.ts';
import { primaryOf } from './quorum.ts';

/**
 * A stable checkpoint claim: genesis (seq 0, zero digest, no proof) or at least a quorum of
 * checkpoint messages for exactly (seq, digest) from distinct replicas in ascending order.
 */
export function validCheckpointProof(
  ctx: Ctx,
  seq: number,
  digest: Uint8Array,
  proof: readonly SignedMessage<Checkpoint>[],
): boolean {
  const { n, q } = ctx;
  if (seq % ctx.cfg.checkpointInterval !== 0) return false;
  if (seq === 0) return proof.length === 0 && bytesEqual(digest, GENESIS_STATE);
  if (proof.length < q) return false;
  let prev = -1;
  for (const cp of proof) {
    if (cp.body.type !== 'checkpoint' || cp.sender <= prev || cp.sender >= n) return false;
    if (cp.body.seq !== seq || !bytesEqual(cp.body.digest, digest)) return false;
    if (!verifySignature(ctx.cfg.crypto, ctx.cfg.publicKeys, cp)) return false;
    prev = cp.sender;
  }
  return true;
}

export function validViewChange(ctx: Ctx, m: SignedMessage<ViewChange>): boolean {
  const { n, q } = ctx;
  const { crypto, publicKeys, watermarkWindow } = ctx.cfg;
  const b = m.body;
  if (b?.type !== 'view-change' || !Number.isInteger(m.sender) || m.sender < 0 || m.sender >= n) return false;
  if (!verifySignature(crypto, publicKeys, m)) return false;
  if (b.view < 1) return false;
  if (!validCheckpointProof(ctx, b.stableSeq, b.stableDigest, b.checkpointProof)) return false;
  let prevSeq = b.stableSeq;
  for (const p of b.prepared) {
    const pp = p.prePrepare;
    const { view, seq, digest } = pp.body;
    if (pp.body.type !== 'pre-prepare' || seq <= prevSeq || seq > b.stableSeq + watermarkWindow) return false;
    if (view >= b.view || pp.sender !== primaryOf(view, n)) return false;
    if (!digestMatchesValue(pp.body) || !verifySignature(crypto, publicKeys, pp)) return false;
    if (p.prepares.length < q - 1) return false;
    let prev = -1;
    for (const pr of p.prepares) {
      const pb = pr.body;
      if (pb.type !== 'prepare' || pr.sender <= prev || pr.sender >= n || pr.sender === pp.sender)
        return false;
      if (pb.view !== view || pb.seq !== seq || !bytesEqual(pb.digest, digest)) return false;
      if (!verifySignature(crypto, publicKeys, pr)) return false;
      prev = pr.sender;
    }
    prevSeq = seq;
  }
  return true;
}
