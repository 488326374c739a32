/**
 * Byzantine replicas. Each runs the honest state machine (so it knows where the protocol is) and the
 * simulator rewrites what it sends, always properly signed with its own key:
 * - silent: sends nothing at all;
 * - equivocating: each recipient is shown either the real message or a conflicting one — chosen
 *   per message at random, or, when the scenario gives a split, always the conflicting one to the
 *   replicas in the split (every equivocator showing the same two faces to the same two groups is
 *   the strongest attack on quorum intersection) — a pre-prepare for a different value, prepares/commits for that other digest,
 *   a wrong checkpoint digest, a view change that hides every prepared proof, or a new view built
 *   from a different quorum of view changes (or a doctored one);
 * - wrong-digest: prepares and commits the digest of a different value, pre-prepares a digest that
 *   does not match its value, and checkpoints a wrong state digest, to everyone.
 * All faulty replicas push the same alternative value for a given (view, seq), so they collude.
 */
import { concatBytes, u64be, utf8 } from '../../bytes.ts';
import { Domain, taggedHash } from '../../hash.ts';
import { valueDigest } from '../digests.ts';
import { signMessage } from '../messages.ts';
import type { Message, NewView, SignedMessage, ViewChange } from '../messages.ts';
import type { PbftCrypto } from '../crypto.ts';
import { planNewView } from '../newViewPlan.ts';
import { quorumSize } from '../quorum.ts';
import type { Prng } from './prng.ts';

export type ByzantineKind = 'silent' | 'equivocating' | 'wrong-digest';
export const BYZANTINE_KINDS: readonly ByzantineKind[] = ['silent', 'equivocating', 'wrong-digest'];

/** The value every faulty replica pushes at (view, seq) instead of the real one. */
export function altValue(view: number, seq: number): Uint8Array {
  return concatBytes(utf8('byzantine'), u64be(BigInt(view)), u64be(BigInt(seq)));
}

function wrongStateDigest(seq: number, d: Uint8Array): Uint8Array {
  return taggedHash(Domain.pbft, concatBytes(utf8('byzantine-state'), u64be(BigInt(seq)), d));
}

export class ByzantineReplica {
  private readonly twins = new WeakMap<SignedMessage, SignedMessage | null>();
  /** View changes seen (received or own), to build a second new view from another quorum. */
  private readonly seen = new Map<number, Map<number, SignedMessage<ViewChange>>>();

  readonly id: number;
  readonly kind: ByzantineKind;
  private readonly crypto: PbftCrypto;
  private readonly n: number;
  private readonly rng: Prng;
  private readonly split: ReadonlySet<number> | null;

  constructor(
    id: number,
    kind: ByzantineKind,
    crypto: PbftCrypto,
    n: number,
    rng: Prng,
    split?: readonly number[],
  ) {
    this.id = id;
    this.kind = kind;
    this.crypto = crypto;
    this.n = n;
    this.rng = rng;
    this.split = split ? new Set(split) : null;
  }

  /** Called with every message this replica receives or sends. */
  observe(m: SignedMessage): void {
    if (m.body.type !== 'view-change') return;
    const view = m.body.view;
    let byView = this.seen.get(view);
    if (!byView) {
      byView = new Map();
      this.seen.set(view, byView);
      for (const v of this.seen.keys()) if (v < view - 2) this.seen.delete(v);
    }
    byView.set(m.sender, m as SignedMessage<ViewChange>);
  }

  /** The message recipient `to` gets instead of `m` (null: nothing). */
  rewrite(m: SignedMessage, to: number): SignedMessage | null {
    if (this.kind === 'silent') return null;
    if (this.kind === 'equivocating' && !(this.split ? this.split.has(to) : this.rng.chance(0.5))) return m;
    return this.twin(m) ?? m;
  }

  private twin(m: SignedMessage): SignedMessage | null {
    if (this.twins.has(m)) return this.twins.get(m)!;
    const body = this.kind === 'equivocating' ? this.equivocate(m) : this.corrupt(m);
    const t = body ? signMessage(this.crypto, this.id, body) : null;
    this.twins.set(m, t);
    return t;
  }

  private equivocate(m: SignedMessage): Message | null {
    const b = m.body;
    switch (b.type) {
      case 'pre-prepare': {
        const value = altValue(b.view, b.seq);
        return { ...b, value, digest: valueDigest(value) };
      }
      case 'prepare':
      case 'commit':
        return { ...b, digest: valueDigest(altValue(b.view, b.seq)) };
      case 'checkpoint':
        return { ...b, digest: wrongStateDigest(b.seq, b.digest) };
      case 'view-change':
        return { ...b, prepared: [] };
      case 'new-view':
        return this.otherNewView(b);
      default:
        return null;
    }
  }

  private corrupt(m: SignedMessage): Message | null {
    const b = m.body;
    switch (b.type) {
      case 'pre-prepare':
        return { ...b, digest: valueDigest(altValue(b.view, b.seq)) };
      case 'prepare':
      case 'commit':
        return { ...b, digest: valueDigest(altValue(b.view, b.seq)) };
      case 'checkpoint':
        return { ...b, digest: wrongStateDigest(b.seq, b.digest) };
      default:
        return null;
    }
  }

  /** A second, different new view: from another quorum of view changes when it has one, else doctored. */
  private otherNewView(b: NewView): Message {
    const all = this.seen.get(b.view);
    const used = new Set(b.viewChanges.map((v) => v.sender));
    const q = quorumSize(this.n);
    const extra = all ? [...all.values()].filter((v) => !used.has(v.sender)) : [];
    if (extra.length > 0) {
      const chosen = [...extra, ...[...b.viewChanges].reverse()]
        .slice(0, q)
        .sort((x, y) => x.sender - y.sender);
      const plan = planNewView(chosen);
      const prePrepares = plan.entries.map((e) =>
        signMessage(this.crypto, this.id, {
          type: 'pre-prepare',
          view: b.view,
          seq: e.seq,
          digest: e.digest,
          value: e.value,
        }),
      );
      return { type: 'new-view', view: b.view, viewChanges: chosen, prePrepares };
    }
    // No other quorum at hand: replace the last re-proposal with the faulty value (backups must refuse).
    const last = b.prePrepares[b.prePrepares.length - 1];
    if (!last) return { ...b, viewChanges: b.viewChanges.slice(1) };
    const value = altValue(b.view, last.body.seq);
    const forged = signMessage(this.crypto, this.id, { ...last.body, value, digest: valueDigest(value) });
    return { ...b, prePrepares: [...b.prePrepares.slice(0, -1), forged] };
  }
}
