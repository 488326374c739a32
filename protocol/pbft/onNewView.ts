/**
 * New view. The new primary, holding a quorum of valid view changes for its view, computes the plan
 * (newViewPlan.ts), signs one pre-prepare per seq in (min-s, max-s] — re-proposing prepared values,
 * null requests in the gaps — and multicasts them inside the new-view message. A backup accepts it
 * only if every view change in it is valid and the pre-prepares are exactly what the plan says;
 * then it installs the view: adopts min-s as stable checkpoint if newer, prepares the pre-prepares,
 * and replays messages of the new view it had deferred.
 */
import { bytesEqual } from '../bytes.ts';
import { emit, send, sign } from './context.ts';
import type { Ctx } from './context.ts';
import { verifySignature } from './messages.ts';
import type { NewView, SignedMessage, ViewChange } from './messages.ts';
import { planNewView } from './newViewPlan.ts';
import type { NewViewPlan } from './newViewPlan.ts';
import { primaryOf } from './quorum.ts';
import { validViewChange } from './validateViewChange.ts';
import { adoptCheckpoint } from './stableCheckpoint.ts';
import { acceptPrePrepare } from './onPrePrepare.ts';
import { restartTimer } from './timer.ts';

/** Called on the primary of the target view once it holds a quorum of view changes including its own. */
export function sendNewView(ctx: Ctx): void {
  const st = ctx.st;
  const view = st.view;
  if (st.normal || st.newView?.body.view === view) return;
  const all = st.viewChanges[view]!;
  const chosen: SignedMessage<ViewChange>[] = Object.keys(all)
    .map(Number)
    .sort((a, b) => a - b)
    .slice(0, ctx.q)
    .map((s) => all[s]!);
  const plan = planNewView(chosen);
  const prePrepares = plan.entries.map((e) =>
    sign(ctx, { type: 'pre-prepare', view, seq: e.seq, digest: e.digest, value: e.value }),
  );
  const nv = sign(ctx, { type: 'new-view', view, viewChanges: chosen, prePrepares });
  send(ctx, 'all', nv);
  emit(ctx, { type: 'new-view-sent', view, minSeq: plan.minSeq, maxSeq: plan.maxSeq });
  installNewView(ctx, nv, plan);
}

export function onNewView(ctx: Ctx, m: SignedMessage<NewView>): void {
  const st = ctx.st;
  const b = m.body;
  if (m.sender !== primaryOf(b.view, ctx.n)) {
    emit(ctx, { type: 'ignored', reason: 'not-primary', kind: 'new-view', from: m.sender, view: b.view });
    return;
  }
  if (b.view < st.view || (b.view === st.view && st.normal)) {
    emit(ctx, { type: 'ignored', reason: 'stale', kind: 'new-view', from: m.sender, view: b.view });
    return;
  }
  const plan = checkNewView(ctx, m);
  if (!plan) {
    emit(ctx, {
      type: 'ignored',
      reason: 'invalid-new-view',
      kind: 'new-view',
      from: m.sender,
      view: b.view,
    });
    return;
  }
  emit(ctx, { type: 'accepted', kind: 'new-view', from: m.sender, view: b.view, seq: plan.minSeq });
  installNewView(ctx, m, plan);
}

function checkNewView(ctx: Ctx, m: SignedMessage<NewView>): NewViewPlan | null {
  const b = m.body;
  if (b.view < 1 || b.viewChanges.length < ctx.q) return null;
  let prev = -1;
  for (const vc of b.viewChanges) {
    if (vc.sender <= prev || vc.body.view !== b.view || !validViewChange(ctx, vc)) return null;
    prev = vc.sender;
  }
  const plan = planNewView(b.viewChanges);
  if (b.prePrepares.length !== plan.entries.length) return null;
  for (let i = 0; i < plan.entries.length; i++) {
    const e = plan.entries[i]!;
    const pp = b.prePrepares[i]!;
    const pb = pp.body;
    if (pb.type !== 'pre-prepare' || pp.sender !== m.sender || pb.view !== b.view || pb.seq !== e.seq)
      return null;
    if (!bytesEqual(pb.digest, e.digest) || !bytesEqual(pb.value, e.value)) return null;
    if (!verifySignature(ctx.cfg.crypto, ctx.cfg.publicKeys, pp)) return null;
  }
  return plan;
}

function installNewView(ctx: Ctx, nv: SignedMessage<NewView>, plan: NewViewPlan): void {
  const st = ctx.st;
  const view = nv.body.view;
  st.view = view;
  st.normal = true;
  st.newView = nv;
  st.viewChangeQuorumAt = null;
  for (const k in st.viewChanges) if (Number(k) <= view) delete st.viewChanges[k];
  if (plan.minSeq > st.low) adoptCheckpoint(ctx, plan.minSeq, plan.stableDigest, plan.stableProof);
  st.nextSeq = Math.max(plan.maxSeq, st.low) + 1;
  emit(ctx, {
    type: 'new-view-installed',
    view,
    primary: nv.sender,
    minSeq: plan.minSeq,
    maxSeq: plan.maxSeq,
  });
  for (const pp of nv.body.prePrepares) if (pp.body.seq > st.low) acceptPrePrepare(ctx, pp);
  restartTimer(ctx);
  ctx.wake = true;
  ctx.proposeSoon = true;
}
