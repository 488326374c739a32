/**
 * Commit: a replica's vote that it is prepared. Prepared plus a quorum of matching commits makes the
 * slot committed-local; the quorum's signatures become the commit certificate, and execution runs
 * in sequence order. A certificate, once formed, survives later views: it proves the digest is the
 * only one that can ever be committed at this seq.
 */
import { bytesEqual } from '../bytes.ts';
import { emit } from './context.ts';
import type { Ctx } from './context.ts';
import type { Commit, SignedMessage } from './messages.ts';
import { recordVote } from './slots.ts';
import type { Slot } from './state.ts';
import { buildCertificate } from './certificate.ts';
import { execute } from './execute.ts';

export function onCommit(ctx: Ctx, m: SignedMessage<Commit>): void {
  const slot = recordVote(ctx, m);
  if (!slot) return;
  checkCommitted(ctx, slot);
}

export function checkCommitted(ctx: Ctx, slot: Slot): void {
  const pp = slot.prePrepare;
  if (!slot.prepared || slot.committed || !pp || slot.votesView !== slot.ppView) return;
  if (slot.commitCount < ctx.q) return;
  const { view, seq, digest, value } = pp.body;
  const matching: SignedMessage<Commit>[] = [];
  for (const k in slot.commits) {
    const c = slot.commits[k]!;
    if (bytesEqual(c.body.digest, digest)) matching.push(c);
  }
  if (matching.length < ctx.q) return;
  matching.sort((a, b) => a.sender - b.sender);
  slot.committed = true;
  if (!slot.certificate) {
    slot.certificate = buildCertificate(ctx.n, matching.slice(0, ctx.q));
    slot.committedValue = value;
  }
  emit(ctx, { type: 'committed', view, seq, digest });
  execute(ctx);
}
