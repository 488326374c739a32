/**
 * Checkpoint: after executing every `checkpointInterval`-th seq a replica signs its state digest.
 * A quorum of matching checkpoint messages makes the checkpoint stable: the low watermark moves up,
 * older log entries are garbage-collected, and a replica that fell behind adopts the proven state.
 * Each sender keeps at most a few open checkpoint votes, so a faulty one cannot grow the state.
 */
import { toHex } from '../bytes.ts';
import { emit } from './context.ts';
import type { Ctx } from './context.ts';
import type { Checkpoint, SignedMessage } from './messages.ts';
import { adoptCheckpoint } from './stableCheckpoint.ts';

const OPEN_VOTES_PER_SENDER = 4;

export function onCheckpoint(ctx: Ctx, m: SignedMessage<Checkpoint>): void {
  const { seq } = m.body;
  const st = ctx.st;
  if (seq <= st.low) {
    emit(ctx, { type: 'ignored', reason: 'stale', kind: 'checkpoint', from: m.sender, view: st.view, seq });
    return;
  }
  if (seq % ctx.cfg.checkpointInterval !== 0) {
    emit(ctx, {
      type: 'ignored',
      reason: 'bad-checkpoint',
      kind: 'checkpoint',
      from: m.sender,
      view: st.view,
      seq,
    });
    return;
  }
  if (st.checkpointVotes[seq]?.[m.sender]) {
    emit(ctx, {
      type: 'ignored',
      reason: 'duplicate',
      kind: 'checkpoint',
      from: m.sender,
      view: st.view,
      seq,
    });
    return;
  }
  emit(ctx, { type: 'accepted', kind: 'checkpoint', from: m.sender, view: st.view, seq });
  recordCheckpointVote(ctx, m);
}

/** Stores a (checked) checkpoint vote, own or received, and makes the checkpoint stable on a quorum. */
export function recordCheckpointVote(ctx: Ctx, m: SignedMessage<Checkpoint>): void {
  const st = ctx.st;
  const seq = m.body.seq;
  const votes = (st.checkpointVotes[seq] ??= {});
  votes[m.sender] = m;
  limitOpenVotes(ctx, m.sender);
  const byDigest = new Map<string, SignedMessage<Checkpoint>[]>();
  for (const k in votes) {
    const v = votes[k]!;
    const key = toHex(v.body.digest);
    const list = byDigest.get(key);
    if (list) list.push(v);
    else byDigest.set(key, [v]);
  }
  for (const list of byDigest.values()) {
    if (list.length < ctx.q) continue;
    list.sort((a, b) => a.sender - b.sender);
    adoptCheckpoint(ctx, seq, list[0]!.body.digest, list.slice(0, ctx.q));
    return;
  }
}

function limitOpenVotes(ctx: Ctx, sender: number): void {
  const st = ctx.st;
  const seqs: number[] = [];
  for (const k in st.checkpointVotes) if (st.checkpointVotes[k]![sender]) seqs.push(Number(k));
  if (seqs.length <= OPEN_VOTES_PER_SENDER) return;
  seqs.sort((a, b) => a - b);
  // Keep the highest ones: a far-behind replica needs the newest checkpoints to catch up.
  for (const s of seqs.slice(0, seqs.length - OPEN_VOTES_PER_SENDER)) {
    const votes = st.checkpointVotes[s]!;
    delete votes[sender];
    if (Object.keys(votes).length === 0) delete st.checkpointVotes[s];
  }
}
