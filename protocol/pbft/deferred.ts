/**
 * Messages that arrive early — for a view this replica has not installed yet, or for a sequence
 * number just above its high watermark — are kept (already signature-checked) and replayed when the
 * view is installed or the watermarks move. Links reorder freely, so without this a replica that
 * installs a view a moment after its peers would lose their first votes in it. Bounded per sender.
 */
import { emit, highWatermark } from './context.ts';
import type { Ctx } from './context.ts';
import type { SignedMessage } from './messages.ts';

export function deferCap(ctx: Ctx): number {
  return 4 * ctx.cfg.watermarkWindow + 8;
}

export function defer(
  ctx: Ctx,
  m: SignedMessage,
  reason: 'future-view' | 'above-watermark',
  view: number,
  seq: number,
): void {
  const st = ctx.st;
  let count = 0;
  let oldest = -1;
  for (let i = 0; i < st.deferred.length; i++) {
    if (st.deferred[i]!.sender !== m.sender) continue;
    if (oldest < 0) oldest = i;
    count++;
  }
  if (count >= deferCap(ctx) && oldest >= 0) {
    st.deferred.splice(oldest, 1);
    emit(ctx, { type: 'ignored', reason: 'deferred-overflow', from: m.sender });
  }
  st.deferred.push(m);
  if (!ctx.replaying) emit(ctx, { type: 'deferred', reason, kind: m.body.type, from: m.sender, view, seq });
}

/**
 * Admits a three-phase message (pre-prepare, prepare, commit) for processing now, or defers or
 * ignores it: only the current view in normal operation, only h < seq <= h + window.
 */
export function admit(ctx: Ctx, m: SignedMessage, view: number, seq: number): boolean {
  const st = ctx.st;
  const kind = m.body.type;
  if (view > st.view || (view === st.view && !st.normal)) {
    defer(ctx, m, 'future-view', view, seq);
    return false;
  }
  if (view < st.view) {
    emit(ctx, { type: 'ignored', reason: 'wrong-view', kind, from: m.sender, view, seq });
    return false;
  }
  if (seq <= st.low) {
    emit(ctx, { type: 'ignored', reason: 'stale', kind, from: m.sender, view, seq });
    return false;
  }
  const high = highWatermark(ctx);
  if (seq > high) {
    if (seq <= high + ctx.cfg.watermarkWindow) defer(ctx, m, 'above-watermark', view, seq);
    else emit(ctx, { type: 'ignored', reason: 'outside-watermarks', kind, from: m.sender, view, seq });
    return false;
  }
  return true;
}
