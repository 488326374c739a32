/**
 * View change received. A valid one for a view above this replica's is stored (at most two views per
 * sender). Two rules follow, as in the paper: a replica that sees f+1 replicas asking for views above
 * its own joins the highest view that at least f+1 of them ask for or exceed (so not only faulty
 * replicas want it); and the primary of the target view, holding a quorum, sends the new view. A view change
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
    if (
      st.newView &&
      st.newView.body.view >= view &&
      (last === undefined || st.now - last >= resendInterval(ctx))
    ) {
      st.newViewSentTo[m.sender] = st.now;
      send(ctx, m.sender, st.newView);
    }
    emit(ctx, {
      type: 'ignored',
      reason: 'stale',
      kind: 'view-change',
      from: m.sender,
      view,
      seq: m.body.stableSeq,
    });
    return;
  }
  if (st.viewChanges[view]?.[m.sender]) {
    emit(ctx, {
      type: 'ignored',
      reason: 'duplicate',
      kind: 'view-change',
      from: m.sender,
      view,
      seq: m.body.stableSeq,
    });
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
  for (const v of views.slice(0, Math.max(0, views.length - VIEWS_PER_SENDER)))
    delete st.viewChanges[v]![m.sender];
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

/**
 * While changing views: once a quorum of replicas is known to have left the old view (a view change
 * for the target view or a later one), the timer starts — a replica that went further has left too,
 * and counting it keeps replicas scattered over several views by lost messages moving up until they
 * meet. The new primary acts on a quorum for exactly its view.
 */
export function onViewChangeQuorum(ctx: Ctx): void {
  const st = ctx.st;
  if (st.normal) return;
  const vcs = st.viewChanges[st.view];
  if (st.viewChangeQuorumAt === null) {
    const left = new Set<string>();
    for (const k in st.viewChanges) if (Number(k) >= st.view) for (const s in st.viewChanges[k]) left.add(s);
    if (left.size >= ctx.q) {
      st.viewChangeQuorumAt = st.now;
      st.deadline = st.now + currentTimeout(ctx);
    }
  }
  if (vcs && isPrimary(ctx) && vcs[ctx.cfg.id] && Object.keys(vcs).length >= ctx.q) sendNewView(ctx);
}
