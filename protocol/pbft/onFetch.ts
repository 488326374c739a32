/**
 * Catch-up by commit certificates. A replica whose execution is stuck — it waits alone in a view
 * change, or holds certificates or sees checkpoints beyond a hole in its log — asks f+1 peers
 * (rotating) for what they executed from `fromSeq` on. A peer that is ahead answers (at most once
 * per peer per resend interval) with up to one window of executed values and their commit
 * certificates, preceded by its stable checkpoint proof when the asker is behind it. Both are
 * self-proving: a quorum of commit signatures on (view, seq, digest) means no other digest can ever
 * be committed at seq, so the asker may execute the value whatever view it is in. This is what
 * brings a correct replica back when faulty replicas help the others form quorums without it.
 */
import { emit, highWatermark, resendInterval, send, sign } from './context.ts';
import type { Ctx } from './context.ts';
import { digestMatchesValue, GENESIS_STATE } from './digests.ts';
import type { Fetch, FetchReply, SignedMessage } from './messages.ts';
import { slotOf } from './slots.ts';
import { adoptCheckpoint } from './stableCheckpoint.ts';
import { execute } from './execute.ts';
import { validCheckpointProof } from './validateViewChange.ts';
import { verifyCertificate } from './verifyCertificate.ts';

export type BehindReason = 'alone-in-view-change' | 'hole' | 'checkpoints-ahead';

/**
 * Why this replica should fetch, or null: it has evidence that others executed past a hole it
 * cannot fill itself, or it waits alone in a view change (no quorum for its target view) — a correct
 * replica left there while the others make progress would otherwise never execute again.
 */
export function behindReason(ctx: Ctx): BehindReason | null {
  const st = ctx.st;
  if (!st.normal && st.viewChangeQuorumAt === null) return 'alone-in-view-change';
  for (const k in st.slots) {
    const s = st.slots[k]!;
    if (s.seq > st.lastExecuted + 1 && s.certificate) return 'hole';
  }
  for (const k in st.checkpointVotes) {
    if (Number(k) <= st.lastExecuted) continue;
    let others = 0;
    for (const s in st.checkpointVotes[k]) if (Number(s) !== ctx.cfg.id) others++;
    if (others > ctx.f) return 'checkpoints-ahead';
  }
  return null;
}

/** Asks f+1 peers (at least one of them correct), a different group each round. */
export function sendFetch(ctx: Ctx, reason: BehindReason): void {
  const st = ctx.st;
  const { n, f } = ctx;
  st.fetchedAt = st.now;
  const fetch = sign(ctx, { type: 'fetch', fromSeq: st.lastExecuted + 1 });
  const to: number[] = [];
  const start = st.fetchRound * (f + 1);
  for (let k = 0; to.length < f + 1; k++) to.push((ctx.cfg.id + 1 + ((start + k) % (n - 1))) % n);
  st.fetchRound++;
  st.fetchBackoff++;
  for (const peer of to) send(ctx, peer, fetch);
  emit(ctx, { type: 'fetch-sent', fromSeq: st.lastExecuted + 1, to, reason });
}

export function onFetch(ctx: Ctx, m: SignedMessage<Fetch>): void {
  const st = ctx.st;
  const from = Math.max(1, m.body.fromSeq);
  if (from > st.lastExecuted) {
    emit(ctx, { type: 'ignored', reason: 'nothing-to-send', kind: 'fetch', from: m.sender, seq: from });
    return;
  }
  const last = st.servedAt[m.sender];
  if (last !== undefined && st.now - last < resendInterval(ctx)) {
    emit(ctx, { type: 'ignored', reason: 'rate-limited', kind: 'fetch', from: m.sender, seq: from });
    return;
  }
  st.servedAt[m.sender] = st.now;
  const withCheckpoint = from <= st.low;
  const entries: FetchReply['entries'] = [];
  for (let seq = withCheckpoint ? st.low + 1 : from; seq <= st.lastExecuted; seq++) {
    const slot = st.slots[seq];
    if (!slot?.certificate || !slot.committedValue || entries.length >= ctx.cfg.watermarkWindow) break;
    entries.push({ value: slot.committedValue, certificate: slot.certificate });
  }
  const reply = sign(ctx, {
    type: 'fetch-reply',
    stableSeq: withCheckpoint ? st.low : 0,
    stableDigest: withCheckpoint ? st.stableDigest : GENESIS_STATE,
    checkpointProof: withCheckpoint ? st.stableProof : [],
    entries,
  });
  send(ctx, m.sender, reply);
  emit(ctx, { type: 'fetch-answered', to: m.sender, fromSeq: from, entries: entries.length, withCheckpoint });
}

export function onFetchReply(ctx: Ctx, m: SignedMessage<FetchReply>): void {
  const st = ctx.st;
  const b = m.body;
  const invalid = (): void =>
    emit(ctx, { type: 'ignored', reason: 'invalid-fetch-reply', kind: 'fetch-reply', from: m.sender });
  if (!validCheckpointProof(ctx, b.stableSeq, b.stableDigest, b.checkpointProof)) return invalid();
  const before = st.lastExecuted;
  if (b.stableSeq > st.low) adoptCheckpoint(ctx, b.stableSeq, b.stableDigest, b.checkpointProof);
  let taken = 0;
  for (const e of b.entries) {
    const cert = e.certificate;
    if (cert.seq <= st.lastExecuted || cert.seq <= st.low) continue;
    if (cert.seq > highWatermark(ctx)) break;
    if (!digestMatchesValue({ digest: cert.digest, value: e.value })) return invalid();
    if (!verifyCertificate(cert, ctx.cfg.publicKeys, ctx.cfg.crypto)) return invalid();
    const slot = slotOf(ctx, cert.seq);
    if (!slot.certificate) {
      slot.certificate = cert;
      slot.committedValue = e.value;
      taken++;
    }
  }
  execute(ctx);
  emit(ctx, { type: 'accepted', kind: 'fetch-reply', from: m.sender, view: st.view, seq: b.stableSeq });
  if (taken > 0 || st.lastExecuted > before)
    emit(ctx, { type: 'fetched', from: m.sender, entries: taken, lastExecuted: st.lastExecuted });
}
