/**
 * Prepare: a backup's vote that it accepted the primary's pre-prepare. With the pre-prepare and
 * quorum-1 matching prepares from distinct backups the replica is "prepared": no other digest can be
 * prepared at this (view, seq) by any honest replica. It then multicasts its commit and keeps the
 * prepared proof for view changes.
 */
import { bytesEqual } from '../bytes.ts';
import { emit, send, sign } from './context.ts';
import type { Ctx } from './context.ts';
import type { Prepare, SignedMessage } from './messages.ts';
import { primaryOf } from './quorum.ts';
import { recordVote } from './slots.ts';
import type { Slot } from './state.ts';
import { checkCommitted } from './onCommit.ts';

export function onPrepare(ctx: Ctx, m: SignedMessage<Prepare>): void {
  const { view, seq } = m.body;
  if (m.sender === primaryOf(view, ctx.n)) {
    emit(ctx, { type: 'ignored', reason: 'primary-prepare', kind: 'prepare', from: m.sender, view, seq });
    return;
  }
  const slot = recordVote(ctx, m);
  if (!slot) return;
  checkPrepared(ctx, slot);
}

export function checkPrepared(ctx: Ctx, slot: Slot): void {
  const st = ctx.st;
  const pp = slot.prePrepare;
  if (slot.prepared || !st.normal || !pp || slot.ppView !== st.view || slot.votesView !== st.view) return;
  if (slot.prepareCount < ctx.q - 1) return;
  const { view, seq, digest } = pp.body;
  const primary = primaryOf(view, ctx.n);
  const matching: SignedMessage<Prepare>[] = [];
  for (const k in slot.prepares) {
    const p = slot.prepares[k]!;
    if (p.sender !== primary && bytesEqual(p.body.digest, digest)) matching.push(p);
  }
  if (matching.length < ctx.q - 1) return;
  matching.sort((a, b) => a.sender - b.sender);
  slot.prepared = true;
  slot.proof = { prePrepare: pp, prepares: matching.slice(0, ctx.q - 1) };
  emit(ctx, { type: 'prepared', view, seq, digest });
  const commit = sign(ctx, { type: 'commit', view, seq, digest });
  slot.commits[ctx.cfg.id] = commit;
  slot.commitCount++;
  send(ctx, 'all', commit);
  checkCommitted(ctx, slot);
}
