/**
 * Slot bookkeeping shared by the three-phase handlers: find or create the slot of a sequence
 * number, and keep its prepare/commit votes scoped to one view so votes from an abandoned view can
 * never count toward a certificate in the next.
 */
import type { Ctx } from './context.ts';
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
