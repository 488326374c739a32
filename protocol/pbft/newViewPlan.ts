/**
 * What a new view must contain, computed deterministically from its set of view changes, so the new
 * primary and every backup derive the same thing and a backup can reject any other: the start is
 * the highest stable checkpoint among them (min-s); every seq above it up to the highest prepared
 * seq (max-s) gets the value of its highest-view prepared proof, or the null request if none.
 * Equal views with different digests cannot both be proven (quorums intersect in an honest
 * replica); the smaller digest is taken only to keep the rule total.
 */
import { compareBytes } from '../bytes.ts';
import { NULL_DIGEST, NULL_VALUE } from './digests.ts';
import type { Checkpoint, PrePrepare, SignedMessage, ViewChange } from './messages.ts';

export interface NewViewPlan {
  minSeq: number;
  maxSeq: number;
  stableDigest: Uint8Array;
  stableProof: SignedMessage<Checkpoint>[];
  entries: { seq: number; digest: Uint8Array; value: Uint8Array }[];
}

export function planNewView(viewChanges: readonly SignedMessage<ViewChange>[]): NewViewPlan {
  let best = viewChanges[0]!.body;
  for (const vc of viewChanges) if (vc.body.stableSeq > best.stableSeq) best = vc.body;
  const minSeq = best.stableSeq;
  const chosen = new Map<number, PrePrepare>();
  let maxSeq = minSeq;
  for (const vc of viewChanges) {
    for (const p of vc.body.prepared) {
      const pp = p.prePrepare.body;
      if (pp.seq <= minSeq) continue;
      const cur = chosen.get(pp.seq);
      if (!cur || pp.view > cur.view || (pp.view === cur.view && compareBytes(pp.digest, cur.digest) < 0))
        chosen.set(pp.seq, pp);
      if (pp.seq > maxSeq) maxSeq = pp.seq;
    }
  }
  const entries: NewViewPlan['entries'] = [];
  for (let seq = minSeq + 1; seq <= maxSeq; seq++) {
    const pp = chosen.get(seq);
    entries.push(
      pp ? { seq, digest: pp.digest, value: pp.value } : { seq, digest: NULL_DIGEST, value: NULL_VALUE },
    );
  }
  return { minSeq, maxSeq, stableDigest: best.stableDigest, stableProof: best.checkpointProof, entries };
}
