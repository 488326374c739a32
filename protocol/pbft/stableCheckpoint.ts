/**
 * Making a checkpoint stable: move the low watermark to it, garbage-collect every slot, vote and own
 * digest at or below it, and — if this replica had not executed that far — adopt the proven state
 * (state transfer: the quorum's signatures vouch for the digest; the values in between are fetched
 * by the host from any replica's committed log, not by the protocol).
 */
import { bytesEqual } from '../bytes.ts';
import { emit } from './context.ts';
import type { Ctx } from './context.ts';
import type { Checkpoint, SignedMessage } from './messages.ts';
import { execute } from './execute.ts';
import { restartTimer } from './timer.ts';

export function adoptCheckpoint(
  ctx: Ctx,
  seq: number,
  digest: Uint8Array,
  proof: SignedMessage<Checkpoint>[],
): void {
  const st = ctx.st;
  if (seq <= st.low) return;
  let transferred = false;
  if (st.lastExecuted < seq) {
    emit(ctx, { type: 'state-transferred', from: st.lastExecuted, to: seq, stateDigest: digest });
    st.lastExecuted = seq;
    st.stateDigest = digest;
    st.executedAt = st.now;
    st.fetchBackoff = 0;
    // Values handed to this replica may have been executed in the skipped range; it can no longer
    // tell, so it forgets them (clients retransmit) rather than vote out a primary for them forever.
    st.pending = {};
    transferred = true;
  } else {
    const own = st.ownCheckpoints[seq];
    if (own && !bytesEqual(own, digest)) emit(ctx, { type: 'checkpoint-mismatch', seq, own, stable: digest });
  }
  st.low = seq;
  st.stableDigest = digest;
  st.stableProof = proof;
  for (const k in st.slots) if (Number(k) <= seq) delete st.slots[k];
  for (const k in st.checkpointVotes) if (Number(k) <= seq) delete st.checkpointVotes[k];
  for (const k in st.ownCheckpoints) if (Number(k) <= seq) delete st.ownCheckpoints[k];
  if (st.nextSeq <= seq) st.nextSeq = seq + 1;
  emit(ctx, { type: 'checkpoint-stable', seq, digest, collected: proof.length });
  ctx.wake = true;
  ctx.proposeSoon = true;
  if (transferred) {
    st.viewChangeAttempts = 0;
    restartTimer(ctx);
  }
  execute(ctx);
}
