/**
 * A hand-driven committee for unit tests: real ed25519 keys (node:crypto, every signature really
 * verified — no trust shortcut), an explicit message pool the test delivers, drops or rewrites, and
 * per-replica logs of events and executed values.
 */
import { createReplica } from '../../../protocol/pbft/index.ts';
import type {
  Committed,
  Input,
  Output,
  PbftCrypto,
  PbftEvent,
  Replica,
  ReplicaState,
  SignedMessage,
} from '../../../protocol/pbft/index.ts';
import { simSecret } from '../../../protocol/pbft/sim/index.ts';
import { newVerifyCache, nodeKey } from './nodeCrypto.ts';
import type { VerifyCache } from './nodeCrypto.ts';

export interface Envelope {
  from: number;
  to: number;
  message: SignedMessage;
}

export interface ClusterOptions {
  checkpointInterval?: number;
  watermarkWindow?: number;
  viewChangeTimeout?: number;
  seed?: number;
}

export class Cluster {
  readonly n: number;
  readonly publicKeys: Uint8Array[];
  readonly cryptos: PbftCrypto[];
  readonly replicas: Replica[];
  readonly cache: VerifyCache;
  readonly options: Required<ClusterOptions>;
  pool: Envelope[] = [];
  events: PbftEvent[][];
  committed: Committed[][];
  /** Replicas whose outputs are discarded (crashed / silent). */
  silent = new Set<number>();
  now = 0;

  constructor(n: number, options: ClusterOptions = {}) {
    this.n = n;
    this.options = {
      checkpointInterval: options.checkpointInterval ?? 4,
      watermarkWindow: options.watermarkWindow ?? 8,
      viewChangeTimeout: options.viewChangeTimeout ?? 100,
      seed: options.seed ?? 7,
    };
    this.cache = newVerifyCache();
    const keys = Array.from({ length: n }, (_, i) => nodeKey(simSecret(this.options.seed, i), this.cache));
    this.publicKeys = keys.map((k) => k.publicKey);
    this.cryptos = keys.map((k) => k.crypto);
    this.replicas = keys.map((_, id) => this.make(id));
    this.events = this.replicas.map(() => []);
    this.committed = this.replicas.map(() => []);
  }

  make(id: number, restored?: ReplicaState): Replica {
    return createReplica(
      {
        id,
        publicKeys: this.publicKeys,
        crypto: this.cryptos[id]!,
        checkpointInterval: this.options.checkpointInterval,
        watermarkWindow: this.options.watermarkWindow,
        viewChangeTimeout: this.options.viewChangeTimeout,
      },
      restored,
    );
  }

  step(id: number, input: Input): Output {
    const out = this.replicas[id]!.step(input);
    this.events[id]!.push(...out.events);
    this.committed[id]!.push(...out.committed);
    if (!this.silent.has(id))
      for (const s of out.send) {
        const targets = s.to === 'all' ? this.replicas.map((r) => r.id).filter((j) => j !== id) : [s.to];
        for (const to of targets) this.pool.push({ from: id, to, message: s.message });
      }
    return out;
  }

  /** Every replica receives `value` from the client. */
  propose(value: Uint8Array, ids: number[] = this.replicas.map((r) => r.id)): void {
    for (const id of ids) this.step(id, { kind: 'propose', value });
  }

  /** Delivers pooled messages (FIFO) until none is left; `keep` false drops a message. */
  deliverAll(keep: (e: Envelope) => boolean = () => true, limit = 100_000): number {
    let delivered = 0;
    while (this.pool.length > 0 && delivered < limit) {
      const e = this.pool.shift()!;
      if (!keep(e)) continue;
      delivered++;
      this.step(e.to, { kind: 'receive', message: e.message });
    }
    return delivered;
  }

  /** Advances logical time for every replica in `step`-sized ticks, delivering in between. */
  advance(ticks: number, stepSize = 10, keep?: (e: Envelope) => boolean): void {
    const end = this.now + ticks;
    while (this.now < end) {
      this.now = Math.min(end, this.now + stepSize);
      for (const r of this.replicas) this.step(r.id, { kind: 'tick', now: this.now });
      this.deliverAll(keep);
    }
  }

  eventsOf<T extends PbftEvent['type']>(id: number, type: T): Extract<PbftEvent, { type: T }>[] {
    return this.events[id]!.filter((e): e is Extract<PbftEvent, { type: T }> => e.type === type);
  }

  clearLogs(): void {
    this.events = this.replicas.map(() => []);
  }
}

export function value(n: number): Uint8Array {
  const v = new Uint8Array(8);
  new DataView(v.buffer).setBigUint64(0, BigInt(n));
  return v;
}
