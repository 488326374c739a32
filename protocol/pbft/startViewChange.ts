/**
 * Leaving a view: the replica stops taking three-phase messages of its view, multicasts a signed
 * view change for the target view carrying its stable checkpoint proof and every prepared proof
 * above it, and waits for the new primary. Consecutive view changes without execution double the
 * timeout (up to 2^5), which is what lets correct replicas eventually share a view after faults heal.
 */
import { emit, resendInterval, send, sign } from './context.ts';
import type { Ctx } from './context.ts';
import type { PreparedProof } from './messages.ts';
import { onViewChangeQuorum } from './onViewChange.ts';

export function startViewChange(ctx: Ctx, view: number, reason: 'timeout' | 'joined'): void {
  const st = ctx.st;
  if (view <= st.view) return;
  st.view = view;
  st.normal = false;
  st.viewChangeAttempts++;
  st.viewChangeQuorumAt = null;
  st.deadline = null;
  st.resendAt = st.now + resendInterval(ctx);
  const prepared: PreparedProof[] = [];
  const seqs = Object.keys(st.slots)
    .map(Number)
    .filter((s) => s > st.low)
    .sort((a, b) => a - b);
  for (const s of seqs) {
    const proof = st.slots[s]!.proof;
    if (proof) prepared.push(proof);
  }
  const vc = sign(ctx, {
    type: 'view-change',
    view,
    stableSeq: st.low,
    stableDigest: st.stableDigest,
    checkpointProof: st.stableProof,
    prepared,
  });
  for (const k in st.viewChanges) if (Number(k) < view) delete st.viewChanges[k];
  (st.viewChanges[view] ??= {})[ctx.cfg.id] = vc;
  send(ctx, 'all', vc);
  emit(ctx, { type: 'view-change-started', view, reason });
  onViewChangeQuorum(ctx);
}
