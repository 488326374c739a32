/**
 * Slot bookkeeping shared by the three-phase handlers: find or create the slot of a sequence
 * number, keep its prepare/commit votes scoped to one view so votes from an abandoned view can
 * never count toward a certificate in the next, and record one vote per sender.
 */
import { emit, type Ctx } from './context.ts';
import { admit } from './deferred.ts';
import type { Commit, Prepare, SignedMessage } from './messages.ts';
import { emptySlot } from './state.ts';
import type { Slot } from './state.ts';

export function slotOf(ctx: Ctx, seq: number): Slot {
  const slots = ctx.st.slots;
  let s = slots[seq];
  if (!s) {
    s = emptySlot(seq);
    slots[seq] = s;
  }
  return s;
}

/** Makes `slot`'s vote sets belong to `view`, dropping votes of any other view. */
export function scopeVotes(slot: Slot, view: number): void {
  if (slot.votesView === view) return;
  slot.votesView = view;
  slot.prepares = {};
  slot.commits = {};
  slot.prepareCount = 0;
  slot.commitCount = 0;
}

/**
 * Records a prepare or commit vote in its slot: admitted (view, watermarks), scoped to the vote's
 * view, one per sender. Returns the slot when the vote counted, null when it was ignored.
 */
export function recordVote(ctx: Ctx, m: SignedMessage<Prepare> | SignedMessage<Commit>): Slot | null {
  const { type: kind, view, seq } = m.body;
  if (!admit(ctx, m, view, seq)) return null;
  const slot = slotOf(ctx, seq);
  scopeVotes(slot, view);
  const votes = kind === 'prepare' ? slot.prepares : slot.commits;
  if (votes[m.sender]) {
    emit(ctx, { type: 'ignored', reason: 'duplicate', kind, from: m.sender, view, seq });
    return null;
  }
  if (kind === 'prepare') {
    slot.prepares[m.sender] = m as SignedMessage<Prepare>;
    slot.prepareCount++;
  } else {
    slot.commits[m.sender] = m as SignedMessage<Commit>;
    slot.commitCount++;
  }
  emit(ctx, { type: 'accepted', kind, from: m.sender, view, seq });
  return slot;
}
