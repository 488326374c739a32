/**
 * The view-change timer. In normal operation it runs while the replica is waiting for something
 * the primary owes it: a value it was handed and has not executed, or a sequence number pre-prepared
 * in this view and not yet executed. It restarts on every execution (progress), so only a primary
 * that stops making progress is voted out. While changing views it runs only once a quorum of view
 * changes for the target view is known (so a lone replica never races ahead through views).
 */
import { currentTimeout } from './context.ts';
import type { Ctx } from './context.ts';

export function isWaiting(ctx: Ctx): boolean {
  const st = ctx.st;
  for (const _ in st.pending) return true;
  for (const k in st.slots) {
    const s = st.slots[k]!;
    if (s.ppView === st.view && !s.executed) return true;
  }
  return false;
}

/** Starts the timer if the replica now waits and it is not running; stops it if nothing is owed. */
export function armTimer(ctx: Ctx): void {
  const st = ctx.st;
  if (!st.normal) return;
  if (!isWaiting(ctx)) st.deadline = null;
  else if (st.deadline === null) st.deadline = st.now + currentTimeout(ctx);
}

/** After progress or a new view: a fresh full timeout if still waiting. */
export function restartTimer(ctx: Ctx): void {
  const st = ctx.st;
  if (!st.normal) return;
  st.deadline = isWaiting(ctx) ? st.now + currentTimeout(ctx) : null;
}
