// The simulator itself: seeded PRNG, event ordering, determinism of whole runs, the fault model,
// byzantine behaviours, and runs through the binary codec and the pure noble signer.
import { describe, expect, test } from 'vitest';
import { toHex } from '../../../protocol/bytes.ts';
import { verifyCertificate } from '../../../protocol/pbft/index.ts';
import {
  ByzantineReplica,
  EventQueue,
  Network,
  Prng,
  randomScenario,
  runScenario,
} from '../../../protocol/pbft/sim/index.ts';
import type { ScenarioResult } from '../../../protocol/pbft/sim/index.ts';
import { signMessage, valueDigest } from '../../../protocol/pbft/index.ts';
import { checkScenario } from './scenarioRunner.ts';
import { newVerifyCache, nodeKey, nodeKeys } from './nodeCrypto.ts';

function summary(r: ScenarioResult): string {
  return JSON.stringify({
    end: r.endTime,
    views: r.finalViews,
    delivered: r.messagesDelivered,
    commits: r.commits.map((c) =>
      c.map((x) => `${x.time}:${x.commit.seq}:${toHex(x.commit.digest).slice(0, 8)}`),
    ),
  });
}

describe('Prng and EventQueue', () => {
  test('sfc32 streams are reproducible, distinct per seed and stream, and roughly uniform', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(new Prng(43).next()).not.toBe(xs[0]);
    expect(new Prng(42, 1).next()).not.toBe(xs[0]);
    const r = new Prng(7);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) buckets[r.int(0, 9)]++;
    for (const c of buckets) expect(Math.abs(c - 2000)).toBeLessThan(250);
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  test('events pop by time, then in scheduling order', () => {
    const q = new EventQueue<string>();
    q.push(5, 'a');
    q.push(1, 'b');
    q.push(5, 'c');
    q.push(0, 'd');
    q.push(1, 'e');
    const out: string[] = [];
    for (let e = q.pop(); e; e = q.pop()) out.push(e.item);
    expect(out).toEqual(['d', 'b', 'e', 'a', 'c']);
  });

  test('network: partitions cut both ways in their window, nothing is lost after the heal', () => {
    const net = new Network(
      new Prng(1),
      {
        dropRate: 0,
        duplicateRate: 0,
        minDelay: 3,
        maxDelay: 3,
        partitions: [{ side: [1], from: 10, to: 20 }],
      },
      50,
      4,
    );
    expect(net.delays(0, 1, 15)).toEqual([]);
    expect(net.delays(1, 2, 19)).toEqual([]);
    expect(net.delays(2, 3, 15)).toEqual([3]);
    expect(net.delays(0, 1, 20)).toEqual([3]);
    const lossy = new Network(
      new Prng(2),
      { dropRate: 0.5, duplicateRate: 0.5, minDelay: 1, maxDelay: 9, partitions: [] },
      100,
      4,
    );
    const before = Array.from({ length: 1000 }, () => lossy.delays(0, 1, 99).length);
    expect(before.filter((x) => x === 0).length).toBeGreaterThan(400);
    expect(before.filter((x) => x === 2).length).toBeGreaterThan(150);
    for (let i = 0; i < 1000; i++) {
      const d = lossy.delays(0, 1, 100);
      expect(d).toHaveLength(1);
      expect(d[0]).toBeGreaterThanOrEqual(1);
      expect(d[0]).toBeLessThanOrEqual(4);
    }
  });
});

describe('runScenario', () => {
  test('the same seed gives the same run, event for event; another seed does not', () => {
    const cfg = randomScenario(7, 1234);
    const a = runScenario({ ...cfg, keys: nodeKeys() });
    const b = runScenario({ ...cfg, keys: nodeKeys(newVerifyCache(), true) });
    expect(summary(b)).toBe(summary(a));
    const c = runScenario({ ...randomScenario(7, 1235), keys: nodeKeys() });
    expect(summary(c)).not.toBe(summary(a));
  });

  test('randomScenario draws at most f faulty replicas and faults that end by the heal', () => {
    for (let seed = 1; seed <= 300; seed++) {
      for (const n of [4, 7, 21]) {
        const s = randomScenario(n, seed);
        expect(s.byzantine!.length).toBeLessThanOrEqual(Math.floor((n - 1) / 3));
        expect(new Set(s.byzantine!.map((b) => b.id)).size).toBe(s.byzantine!.length);
        for (const p of s.faults!.partitions) expect(p.to).toBeLessThanOrEqual(s.healAt!);
        for (const id of s.equivocationSplit ?? []) expect(s.byzantine!.some((b) => b.id === id)).toBe(false);
      }
    }
  });

  test('no faults: every replica executes the same values, and certificates verify', () => {
    const cache = newVerifyCache();
    const r = runScenario({ n: 4, seed: 3, durationTicks: 1000, keys: nodeKeys(cache), stopWhenLive: false });
    expect(r.live).toBe(true);
    expect(r.safetyViolations).toEqual([]);
    const seqs = r.commits.map((c) => c.map((x) => x.commit.seq));
    expect(seqs[0]!.length).toBeGreaterThanOrEqual(15);
    for (const s of seqs) expect(s).toEqual(seqs[0]);
    expect(checkScenario(r, true, cache)).toEqual([]);
    expect(r.finalViews).toEqual([0, 0, 0, 0]);
  });

  test('a silent primary forces a view change and the committee keeps going', () => {
    const r = runScenario({
      n: 4,
      seed: 9,
      durationTicks: 2000,
      byzantine: [{ id: 0, kind: 'silent' }],
      keys: nodeKeys(),
      stopWhenLive: false,
    });
    expect(r.live).toBe(true);
    expect(Math.min(...r.honest.map((id) => r.finalViews[id]!))).toBeGreaterThanOrEqual(1);
    expect(r.commits[0]).toEqual([]);
    expect(r.honest.every((id) => r.commits[id]!.length >= 10)).toBe(true);
  });

  test('equivocating primary and colluders split the honest replicas, yet never break agreement', () => {
    for (const seed of [1, 2, 3]) {
      const r = runScenario({
        n: 7,
        seed,
        durationTicks: 3000,
        byzantine: [
          { id: 0, kind: 'equivocating' },
          { id: 1, kind: 'equivocating' },
        ],
        equivocationSplit: [2, 3],
        keys: nodeKeys(),
        stopWhenLive: false,
      });
      expect(r.safetyViolations).toEqual([]);
      expect(r.live).toBe(true);
    }
  });

  test('wire mode: every delivered message goes through encode/decode, with identical outcome', () => {
    const cfg = randomScenario(4, 77);
    const plain = runScenario({ ...cfg, keys: nodeKeys() });
    const wired = runScenario({ ...cfg, keys: nodeKeys(), wire: true });
    expect(summary(wired)).toBe(summary(plain));
    expect(wired.live).toBe(true);
  });

  test('default keys are the pure noble signer; its certificates verify with node:crypto too', () => {
    const r = runScenario({ n: 4, seed: 5, durationTicks: 400 });
    expect(r.live).toBe(true);
    const node = nodeKey(new Uint8Array(32), newVerifyCache()).crypto;
    for (const id of r.honest)
      for (const { commit } of r.commits[id]!)
        expect(verifyCertificate(commit.certificate, r.publicKeys, node)).toBe(true);
  });
});

describe('byzantine rewriting', () => {
  const key = nodeKey(new Uint8Array(32).fill(1), newVerifyCache());
  const pp = signMessage(key.crypto, 0, {
    type: 'pre-prepare',
    view: 0,
    seq: 1,
    digest: valueDigest(Uint8Array.of(1)),
    value: Uint8Array.of(1),
  });

  test('silent sends nothing; wrong-digest breaks the digest for everyone, properly signed', () => {
    expect(new ByzantineReplica(0, 'silent', key.crypto, 4, new Prng(1)).rewrite(pp, 1)).toBeNull();
    const w = new ByzantineReplica(0, 'wrong-digest', key.crypto, 4, new Prng(1));
    const a = w.rewrite(pp, 1)!;
    expect(a).toBe(w.rewrite(pp, 2));
    expect(toHex(a.body.type === 'pre-prepare' ? a.body.digest : new Uint8Array())).not.toBe(
      toHex(pp.body.digest),
    );
    expect(a.sender).toBe(0);
  });

  test('an equivocator with a split shows one face to the split and the other to the rest', () => {
    const e = new ByzantineReplica(0, 'equivocating', key.crypto, 4, new Prng(1), [2, 3]);
    expect(e.rewrite(pp, 1)).toBe(pp);
    const twin = e.rewrite(pp, 2)!;
    expect(twin).toBe(e.rewrite(pp, 3));
    expect(twin).not.toBe(pp);
    expect(twin.body.type).toBe('pre-prepare');
    if (twin.body.type === 'pre-prepare')
      expect(toHex(twin.body.digest)).toBe(toHex(valueDigest(twin.body.value)));
  });
});
