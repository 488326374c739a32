/**
 * View change received. A valid one for a view above this replica's is stored (at most two views per
 * sender). Two rules follow, as in the paper: a replica that sees f+1 replicas asking for views above
 * its own joins the smallest view at least f+1 of them are heading for (it cannot be only faulty
 * replicas); and the primary of the target view, holding a quorum, sends the new view. A view change
 * for a view this replica already runs (or ran) comes from a replica that missed the new view: it
 * gets the latest new-view message back (re-sent at most once per resend interval, links lose).
 */
import { emit, currentTimeout, isPrimary, resendInterval, send } from './context.ts';
import type { Ctx } from './context.ts';
import type { SignedMessage, ViewChange } from './messages.ts';
import { validViewChange } from './validateViewChange.ts';
import { startViewChange } from './startViewChange.ts';
import { sendNewView } from './onNewView.ts';

const VIEWS_PER_SENDER = 2;

export function onViewChange(ctx: Ctx, m: SignedMessage<ViewChange>): void {
  const st = ctx.st;
  const view = m.body.view;
  if (view < st.view || (view === st.view && st.normal)) {
    // It missed the new view: hand it over, at most once per resend interval per replica.
    const last = st.newViewSentTo[m.sender];
    if (st.newView && st.newView.body.view >= view && (last === undefined || st.now - last >= resendInterval(ctx))) {
      st.newViewSentTo[m.sender] = st.now;
      send(ctx, m.sender, st.newView);
    }
    emit(ctx, { type: 'ignored', reason: 'stale', kind: 'view-change', from: m.sender, view, seq: m.body.stableSeq });
    return;
  }
  if (st.viewChanges[view]?.[m.sender]) {
    emit(ctx, { type: 'ignored', reason: 'duplicate', kind: 'view-change', from: m.sender, view, seq: m.body.stableSeq });
    return;
  }
  if (!validViewChange(ctx, m)) {
    emit(ctx, { type: 'ignored', reason: 'invalid-view-change', kind: 'view-change', from: m.sender, view });
    return;
  }
  (st.viewChanges[view] ??= {})[m.sender] = m;
  const views = Object.keys(st.viewChanges)
    .map(Number)
    .filter((v) => st.viewChanges[v]![m.sender])
    .sort((a, b) => a - b);
  for (const v of views.slice(0, Math.max(0, views.length - VIEWS_PER_SENDER))) delete st.viewChanges[v]![m.sender];
  emit(ctx, { type: 'accepted', kind: 'view-change', from: m.sender, view, seq: m.body.stableSeq });
  joinIfBehind(ctx);
  onViewChangeQuorum(ctx);
}

/** f+1 other replicas want views above ours: move to the highest view at least f+1 of them want. */
function joinIfBehind(ctx: Ctx): void {
  const st = ctx.st;
  const highest = new Map<number, number>();
  for (const k in st.viewChanges) {
    const v = Number(k);
    if (v <= st.view) continue;
    for (const s in st.viewChanges[k]) {
      const sender = Number(s);
      if (sender === ctx.cfg.id) continue;
      if ((highest.get(sender) ?? -1) < v) highest.set(sender, v);
    }
  }
  if (highest.size < ctx.f + 1) return;
  const views = [...highest.values()].sort((a, b) => b - a);
  startViewChange(ctx, views[ctx.f]!, 'joined');
}

/** While changing views: start the timer on a quorum for the target view; the new primary acts. */
export function onViewChangeQuorum(ctx: Ctx): void {
  const st = ctx.st;
  if (st.normal) return;
  const vcs = st.viewChanges[st.view];
  if (!vcs) return;
  const count = Object.keys(vcs).length;
  if (count < ctx.q) return;
  if (st.viewChangeQuorumAt === null) {
    st.viewChangeQuorumAt = st.now;
    st.deadline = st.now + currentTimeout(ctx);
  }
  if (isPrimary(ctx) && vcs[ctx.cfg.id]) sendNewView(ctx);
}
