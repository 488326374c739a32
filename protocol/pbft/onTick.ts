/**
 * Logical time. A tick advances the replica's clock (never backwards), fires the view-change timer
 * when due, and every half base-timeout re-sends this replica's own checkpoint votes above its low
 * watermark and, while changing views, its view change: links may have lost them, and without them
 * a checkpoint or a view change could wait forever after the network heals. Re-sending signs nothing.
 * A replica stuck behind a hole asks peers for certified values (onFetch.ts), backing off while
 * nobody has anything to give.
 */
import { resendInterval, send } from './context.ts';
import type { Ctx } from './context.ts';
import { startViewChange } from './startViewChange.ts';
import { behindReason, sendFetch } from './onFetch.ts';

export function onTick(ctx: Ctx, now: number): void {
  const st = ctx.st;
  if (Number.isFinite(now) && now > st.now) st.now = now;
  if (st.deadline !== null && st.now >= st.deadline) startViewChange(ctx, st.view + 1, 'timeout');
  const every = resendInterval(ctx);
  if (st.resendAt === null || st.resendAt > st.now + every) st.resendAt = st.now + every;
  else if (st.now >= st.resendAt) {
    st.resendAt = st.now + every;
    resendOwn(ctx);
  }
  // Catch up only when stuck for a while: a hole left by reordering usually fills within ticks.
  const fetchEvery = every * 2 ** Math.min(st.fetchBackoff, 4);
  const quiet =
    st.now - st.executedAt >= every && (st.fetchedAt === null || st.now - st.fetchedAt >= fetchEvery);
  const behind = quiet ? behindReason(ctx) : null;
  if (behind) sendFetch(ctx, behind);
  ctx.proposeSoon = true;
}

function resendOwn(ctx: Ctx): void {
  const st = ctx.st;
  const id = ctx.cfg.id;
  for (const k in st.checkpointVotes) {
    const own = st.checkpointVotes[k]![id];
    if (own) send(ctx, 'all', own);
  }
  if (!st.normal) {
    const vc = st.viewChanges[st.view]?.[id];
    if (vc) send(ctx, 'all', vc);
  }
}
