/**
 * Pre-prepare: the primary of view v assigns a value to sequence number n. A backup accepts at most
 * one pre-prepare per (view, seq) — a second one with another digest is equivocation and is
 * ignored — and answers with a signed prepare to every replica. New-view pre-prepares enter here too.
 */
import { bytesEqual } from '../bytes.ts';
import { emit, isPrimary, send, sign } from './context.ts';
import type { Ctx } from './context.ts';
import { admit } from './deferred.ts';
import { digestMatchesValue } from './digests.ts';
import type { PrePrepare, SignedMessage } from './messages.ts';
import { primaryOf } from './quorum.ts';
import { scopeVotes, slotOf } from './slots.ts';
import { checkPrepared } from './onPrepare.ts';
import { armTimer } from './timer.ts';

export function onPrePrepare(ctx: Ctx, m: SignedMessage<PrePrepare>): void {
  const { view, seq } = m.body;
  if (m.sender !== primaryOf(view, ctx.n)) {
    emit(ctx, { type: 'ignored', reason: 'not-primary', kind: 'pre-prepare', from: m.sender, view, seq });
    return;
  }
  if (!digestMatchesValue(m.body)) {
    emit(ctx, { type: 'ignored', reason: 'digest-mismatch', kind: 'pre-prepare', from: m.sender, view, seq });
    return;
  }
  if (!admit(ctx, m, view, seq)) return;
  acceptPrePrepare(ctx, m);
}

/** Records a pre-prepare of the current view (already checked) and prepares it if a backup. */
export function acceptPrePrepare(ctx: Ctx, m: SignedMessage<PrePrepare>): void {
  const { view, seq, digest } = m.body;
  const slot = slotOf(ctx, seq);
  if (slot.ppView === view) {
    const same = slot.prePrepare !== null && bytesEqual(slot.prePrepare.body.digest, digest);
    emit(ctx, {
      type: 'ignored',
      reason: same ? 'duplicate' : 'conflicting-pre-prepare',
      kind: 'pre-prepare',
      from: m.sender,
      view,
      seq,
    });
    return;
  }
  slot.ppView = view;
  slot.prePrepare = m;
  slot.prepared = false;
  slot.committed = false;
  scopeVotes(slot, view);
  emit(ctx, { type: 'accepted', kind: 'pre-prepare', from: m.sender, view, seq });
  if (!isPrimary(ctx, view)) {
    const prepare = sign(ctx, { type: 'prepare', view, seq, digest });
    slot.prepares[ctx.cfg.id] = prepare;
    slot.prepareCount++;
    send(ctx, 'all', prepare);
  }
  armTimer(ctx);
  checkPrepared(ctx, slot);
}
