/**
 * Values enter through 'propose'. Every replica remembers the value as pending (that is what arms
 * its view-change timer if the value is never executed); the primary of the current view assigns it
 * the next sequence number inside the watermarks and multicasts a pre-prepare. Backups do not
 * forward: clients hand values to every replica.
 */
import { bytesEqual, toHex } from '../bytes.ts';
import { emit, highWatermark, isPrimary, send, sign } from './context.ts';
import type { Ctx } from './context.ts';
import { valueDigest } from './digests.ts';
import { MAX_VALUE_BYTES } from './messages.ts';
import { acceptPrePrepare } from './onPrePrepare.ts';
import { armTimer } from './timer.ts';

/** Values a replica remembers at once; beyond that the client must retry later. */
export const MAX_PENDING = 4096;

export function onPropose(ctx: Ctx, value: Uint8Array): void {
  const st = ctx.st;
  if (!(value instanceof Uint8Array) || value.length === 0) {
    emit(ctx, { type: 'ignored', reason: 'empty-value' });
    return;
  }
  if (value.length > MAX_VALUE_BYTES) {
    emit(ctx, { type: 'ignored', reason: 'oversized-value' });
    return;
  }
  const digest = valueDigest(value);
  const key = toHex(digest);
  if (st.pending[key]) {
    emit(ctx, { type: 'ignored', reason: 'duplicate' });
    return;
  }
  if (Object.keys(st.pending).length >= MAX_PENDING) {
    emit(ctx, { type: 'ignored', reason: 'pending-full' });
    return;
  }
  for (const k in st.slots) {
    const s = st.slots[k]!;
    if (s.executed && s.certificate && bytesEqual(s.certificate.digest, digest)) {
      emit(ctx, { type: 'ignored', reason: 'already-executed' });
      return;
    }
  }
  st.pending[key] = { value: value.slice(), digest, since: st.now, proposedIn: -1 };
  emit(ctx, { type: 'value-received', digest });
  armTimer(ctx);
  ctx.proposeSoon = true;
}

/** Primary only: assigns sequence numbers to pending values not yet proposed in this view. */
export function tryPropose(ctx: Ctx): void {
  const st = ctx.st;
  if (!st.normal || !isPrimary(ctx)) return;
  if (st.nextSeq <= st.low) st.nextSeq = st.low + 1;
  let inView: Set<string> | null = null;
  for (const key in st.pending) {
    const p = st.pending[key]!;
    if (p.proposedIn === st.view) continue;
    if (st.nextSeq > highWatermark(ctx)) return;
    if (!inView) {
      inView = new Set();
      for (const k in st.slots) {
        const s = st.slots[k]!;
        if (s.ppView === st.view && s.prePrepare) inView.add(toHex(s.prePrepare.body.digest));
      }
    }
    p.proposedIn = st.view;
    if (inView.has(key)) continue;
    const seq = st.nextSeq++;
    const pp = sign(ctx, { type: 'pre-prepare', view: st.view, seq, digest: p.digest, value: p.value });
    send(ctx, 'all', pp);
    emit(ctx, { type: 'proposed', view: st.view, seq, digest: p.digest });
    acceptPrePrepare(ctx, pp);
  }
}
