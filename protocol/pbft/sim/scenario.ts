/**
 * A deterministic discrete-event run of one PBFT committee. Logical time advances from event to
 * event; replicas get a tick every `tickInterval`; a client hands a fresh 8-byte counter value to
 * every replica every `clientInterval`; the network model (network.ts) drops, duplicates, delays and
 * partitions until `healAt`; byzantine replicas rewrite what they send (byzantine.ts). The result
 * reports every honest replica's commits, any two honest replicas that executed different digests
 * at one seq (a safety violation), and whether a quorum of honest replicas executed new values after
 * the network healed (liveness). Same config and seed → same run, event for event.
 */
import { concatBytes, toHex, u64be, utf8 } from '../../bytes.ts';
import { sha256 } from '../../hash.ts';
import { noblePbftCrypto } from '../crypto.ts';
import type { PbftCrypto } from '../crypto.ts';
import { createReplica } from '../replica.ts';
import type { Replica } from '../replica.ts';
import type { Committed, Input, Output } from '../context.ts';
import { decodeSignedMessage, encodeSignedMessage } from '../messages.ts';
import type { SignedMessage } from '../messages.ts';
import { faultsTolerated, quorumSize } from '../quorum.ts';
import { valueDigest } from '../digests.ts';
import { EventQueue } from './eventQueue.ts';
import { Network, NO_FAULTS } from './network.ts';
import type { NetworkFaults } from './network.ts';
import { Prng } from './prng.ts';
import { ByzantineReplica } from './byzantine.ts';
import type { ByzantineKind } from './byzantine.ts';

export interface SimKey {
  publicKey: Uint8Array;
  crypto: PbftCrypto;
}
/** Makes replica `index`'s key from its 32-byte secret. Default: pure noble ed25519 (slow, portable). */
export type KeyFactory = (secret: Uint8Array, index: number) => SimKey;

export interface ScenarioConfig {
  n: number;
  seed: number;
  byzantine?: { id: number; kind: ByzantineKind }[];
  /** When set, equivocators show their second face to exactly these replicas (else: random per message). */
  equivocationSplit?: number[];
  /** Hard stop (logical ticks). */
  durationTicks: number;
  /** Network faults apply to messages sent before this time only. Default 0 (no faults). */
  healAt?: number;
  faults?: NetworkFaults;
  /** Delivery bound after the heal. Default 10. */
  healedMaxDelay?: number;
  clientInterval?: number;
  tickInterval?: number;
  checkpointInterval?: number;
  watermarkWindow?: number;
  viewChangeTimeout?: number;
  /**
   * Liveness goal: a quorum of honest replicas each executed this many non-null values after the
   * heal, one of them issued after the heal. Default 2.
   */
  liveCommits?: number;
  /** End the run as soon as the liveness goal is met (default true); else run to durationTicks. */
  stopWhenLive?: boolean;
  keys?: KeyFactory;
  /** Encode and decode every delivered message (exercises the codec on every path). */
  wire?: boolean;
  /** Observer of every replica step. */
  trace?: (entry: { time: number; replica: number; input: Input; output: Output }) => void;
}

export interface CommitRecord {
  time: number;
  commit: Committed;
}

export interface SafetyViolation {
  seq: number;
  replicas: [number, number];
  digests: [string, string];
}

export interface ScenarioResult {
  seed: number;
  n: number;
  f: number;
  quorum: number;
  honest: number[];
  byzantine: { id: number; kind: ByzantineKind }[];
  publicKeys: Uint8Array[];
  /** Per replica id, in execution order (byzantine replicas' lists are not checked). */
  commits: CommitRecord[][];
  safetyViolations: SafetyViolation[];
  healAt: number;
  endTime: number;
  /** Per replica: non-null values executed at or after healAt. */
  committedAfterHeal: number[];
  /** Per replica: executed a value the client issued at or after healAt. */
  freshAfterHeal: boolean[];
  /** A quorum of honest replicas executed `liveCommits` new values after the heal, one issued after it. */
  live: boolean;
  finalViews: number[];
  messagesDelivered: number;
}

type SimEvent =
  | { kind: 'deliver'; to: number; message: SignedMessage }
  | { kind: 'tick' }
  | { kind: 'client'; counter: number };

export function simSecret(seed: number, index: number): Uint8Array {
  return sha256(concatBytes(utf8('topnet/pbft-sim/v1'), u64be(BigInt(seed >>> 0)), u64be(BigInt(index))));
}

const nobleKeys: KeyFactory = (secret) => {
  const c = noblePbftCrypto(secret);
  return { publicKey: c.publicKey, crypto: c };
};

export function runScenario(config: ScenarioConfig): ScenarioResult {
  const { n, seed } = config;
  const f = faultsTolerated(n);
  const q = quorumSize(n);
  const healAt = config.healAt ?? 0;
  const tickInterval = config.tickInterval ?? 10;
  const clientInterval = config.clientInterval ?? 60;
  const liveCommits = config.liveCommits ?? 2;
  const stopWhenLive = config.stopWhenLive ?? true;
  const byzList = config.byzantine ?? [];
  if (byzList.length > f) throw new RangeError(`at most f=${f} byzantine replicas for n=${n}`);

  const keyFactory = config.keys ?? nobleKeys;
  const keys = Array.from({ length: n }, (_, i) => keyFactory(simSecret(seed, i), i));
  const publicKeys = keys.map((k) => k.publicKey);
  const replicas: Replica[] = keys.map((k, id) =>
    createReplica({
      id,
      publicKeys,
      crypto: k.crypto,
      checkpointInterval: config.checkpointInterval ?? 4,
      watermarkWindow: config.watermarkWindow ?? 8,
      viewChangeTimeout: config.viewChangeTimeout ?? 150,
    }),
  );
  const byzRng = new Prng(seed, 2);
  const byzantine = new Map<number, ByzantineReplica>();
  for (const b of byzList)
    byzantine.set(
      b.id,
      new ByzantineReplica(b.id, b.kind, keys[b.id]!.crypto, n, byzRng, config.equivocationSplit),
    );
  const honest = replicas.map((r) => r.id).filter((id) => !byzantine.has(id));
  const network = new Network(
    new Prng(seed, 1),
    config.faults ?? NO_FAULTS,
    healAt,
    config.healedMaxDelay ?? 10,
  );

  const queue = new EventQueue<SimEvent>();
  const commits: CommitRecord[][] = replicas.map(() => []);
  const committedAfterHeal = replicas.map(() => 0);
  const freshAfterHeal = replicas.map(() => false);
  const issuedAt = new Map<string, number>();
  const firstDigest = new Map<number, { replica: number; digest: string }>();
  const safetyViolations: SafetyViolation[] = [];
  let messagesDelivered = 0;
  let live = false;
  let now = 0;
  let checkGoal = false;
  const peers = replicas.map((r) => replicas.map((x) => x.id).filter((j) => j !== r.id));

  const goalReached = (): boolean => {
    let ok = 0;
    for (const id of honest) if (committedAfterHeal[id]! >= liveCommits && freshAfterHeal[id]) ok++;
    return ok >= q;
  };

  const transmit = (from: number, to: number, message: SignedMessage): void => {
    for (const d of network.delays(from, to, now)) queue.push(now + d, { kind: 'deliver', to, message });
  };

  const apply = (id: number, input: Input): void => {
    const byz = byzantine.get(id);
    if (byz?.kind === 'silent') return;
    if (byz && input.kind === 'receive') byz.observe(input.message);
    const out = replicas[id]!.step(input);
    config.trace?.({ time: now, replica: id, input, output: out });
    for (const s of out.send) {
      if (byz) byz.observe(s.message);
      const targets = s.to === 'all' ? peers[id]! : [s.to];
      for (const to of targets) {
        const m = byz ? byz.rewrite(s.message, to) : s.message;
        if (m) transmit(id, to, m);
      }
    }
    if (byz) return;
    for (const c of out.committed) {
      commits[id]!.push({ time: now, commit: c });
      const hex = toHex(c.digest);
      const first = firstDigest.get(c.seq);
      if (!first) firstDigest.set(c.seq, { replica: id, digest: hex });
      else if (first.digest !== hex)
        safetyViolations.push({ seq: c.seq, replicas: [first.replica, id], digests: [first.digest, hex] });
      if (now >= healAt && c.value.length > 0) {
        checkGoal = true;
        committedAfterHeal[id]!++;
        const issued = issuedAt.get(hex);
        if (issued !== undefined && issued >= healAt) freshAfterHeal[id] = true;
      }
    }
  };

  queue.push(0, { kind: 'tick' });
  queue.push(clientInterval, { kind: 'client', counter: 1 });

  for (;;) {
    const next = queue.pop();
    if (!next || next.time > config.durationTicks) break;
    now = next.time;
    const ev = next.item;
    if (ev.kind === 'deliver') {
      messagesDelivered++;
      const message = config.wire ? decodeSignedMessage(encodeSignedMessage(ev.message)) : ev.message;
      apply(ev.to, { kind: 'receive', message });
    } else if (ev.kind === 'tick') {
      for (const r of replicas) apply(r.id, { kind: 'tick', now });
      queue.push(now + tickInterval, { kind: 'tick' });
    } else {
      const value = u64be(BigInt(ev.counter));
      issuedAt.set(toHex(valueDigest(value)), now);
      for (const r of replicas) apply(r.id, { kind: 'propose', value });
      queue.push(now + clientInterval, { kind: 'client', counter: ev.counter + 1 });
    }
    if (stopWhenLive && checkGoal) {
      checkGoal = false;
      if (goalReached()) {
        live = true;
        break;
      }
    }
  }
  if (!stopWhenLive) live = goalReached();

  return {
    seed,
    n,
    f,
    quorum: q,
    honest,
    byzantine: byzList,
    publicKeys,
    commits,
    safetyViolations,
    healAt,
    endTime: now,
    committedAfterHeal,
    freshAfterHeal,
    live,
    finalViews: replicas.map((r) => r.state.view),
    messagesDelivered,
  };
}
