/**
 * In-order execution: every committed slot right after the last executed one is executed, reported
 * as Committed (value + certificate), folded into the state digest, and at each checkpoint interval
 * announced with a signed checkpoint message. Executing is progress, so it resets the view-change
 * backoff and restarts the timer.
 */
import { toHex } from '../bytes.ts';
import { emit, send, sign } from './context.ts';
import type { Ctx } from './context.ts';
import { nextStateDigest } from './digests.ts';
import { recordCheckpointVote } from './onCheckpoint.ts';
import { restartTimer } from './timer.ts';

export function execute(ctx: Ctx): void {
  const st = ctx.st;
  let progressed = false;
  for (;;) {
    const seq = st.lastExecuted + 1;
    const slot = st.slots[seq];
    if (!slot || slot.executed || !slot.certificate || !slot.committedValue) break;
    const cert = slot.certificate;
    st.lastExecuted = seq;
    st.stateDigest = nextStateDigest(st.stateDigest, seq, cert.digest);
    slot.executed = true;
    progressed = true;
    delete st.pending[toHex(cert.digest)];
    ctx.out.committed.push({
      seq,
      view: cert.view,
      digest: cert.digest,
      value: slot.committedValue,
      certificate: cert,
    });
    emit(ctx, { type: 'executed', seq, digest: cert.digest, stateDigest: st.stateDigest });
    if (seq % ctx.cfg.checkpointInterval === 0) {
      st.ownCheckpoints[seq] = st.stateDigest;
      const cp = sign(ctx, { type: 'checkpoint', seq, digest: st.stateDigest });
      send(ctx, 'all', cp);
      recordCheckpointVote(ctx, cp);
    }
  }
  if (progressed) {
    st.executedAt = st.now;
    st.fetchBackoff = 0;
    st.viewChangeAttempts = 0;
    restartTimer(ctx);
  }
}
