/**
 * The network model. Before `healAt` every message independently may be dropped, duplicated and
 * delayed by a random amount in [minDelay, maxDelay] (so links reorder), and partitions cut a set of
 * replicas off from the rest for a window. A message sent at or after `healAt` is delivered exactly
 * once within [1, healedMaxDelay] ticks: the known bound after which PBFT must make progress again.
 */
import type { Prng } from './prng.ts';

export interface Partition {
  /** Replicas cut off from all the others (messages across the cut are dropped) during [from, to). */
  side: number[];
  from: number;
  to: number;
}

export interface NetworkFaults {
  dropRate: number;
  duplicateRate: number;
  minDelay: number;
  maxDelay: number;
  partitions: Partition[];
}

export const NO_FAULTS: NetworkFaults = {
  dropRate: 0,
  duplicateRate: 0,
  minDelay: 1,
  maxDelay: 5,
  partitions: [],
};

export class Network {
  private readonly rng: Prng;
  private readonly faults: NetworkFaults;
  private readonly healAt: number;
  private readonly healedMaxDelay: number;

  constructor(rng: Prng, faults: NetworkFaults, healAt: number, healedMaxDelay: number) {
    this.rng = rng;
    this.faults = faults;
    this.healAt = healAt;
    this.healedMaxDelay = healedMaxDelay;
  }

  /** Delays (one per copy delivered) for a message from `from` to `to` sent at `now`; empty = lost. */
  delays(from: number, to: number, now: number): number[] {
    if (now >= this.healAt) return [this.rng.int(1, this.healedMaxDelay)];
    const f = this.faults;
    for (const p of f.partitions) {
      if (now < p.from || now >= p.to) continue;
      if (p.side.includes(from) !== p.side.includes(to)) return [];
    }
    if (this.rng.chance(f.dropRate)) return [];
    const out = [this.rng.int(f.minDelay, f.maxDelay)];
    if (this.rng.chance(f.duplicateRate)) out.push(this.rng.int(f.minDelay, f.maxDelay));
    return out;
  }
}
