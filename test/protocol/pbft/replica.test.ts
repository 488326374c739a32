// The replica step by step on a hand-driven committee with real ed25519 signatures.
import { describe, expect, test } from 'vitest';
import { bytesEqual, toHex } from '../../../protocol/bytes.ts';
import {
  createReplica,
  NULL_DIGEST,
  primaryOf,
  signMessage,
  valueDigest,
  verifyCertificate,
} from '../../../protocol/pbft/index.ts';
import type { Committed, SignedMessage } from '../../../protocol/pbft/index.ts';
import { Cluster, value } from './cluster.ts';

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function expectAgreement(c: Cluster, ids: number[]): void {
  const bySeq = new Map<number, string>();
  for (const id of ids)
    for (const x of c.committed[id]!) {
      const d = toHex(x.digest);
      const prev = bySeq.get(x.seq);
      if (prev) expect(d).toBe(prev);
      else bySeq.set(x.seq, d);
    }
}

function expectValid(c: Cluster, commits: Committed[]): void {
  for (const x of commits) {
    expect(verifyCertificate(x.certificate, c.publicKeys)).toBe(true);
    expect(x.certificate.seq).toBe(x.seq);
    expect(bytesEqual(x.certificate.digest, valueDigest(x.value))).toBe(true);
  }
}

describe('normal case', () => {
  test('one value: pre-prepare, prepare, commit, executed everywhere with a valid certificate', () => {
    const c = new Cluster(4);
    c.propose(value(1));
    // Only the primary of view 0 pre-prepares.
    const pp = c.pool.filter((e) => e.message.body.type === 'pre-prepare');
    expect(new Set(pp.map((e) => e.from))).toEqual(new Set([0]));
    c.deliverAll();
    for (let id = 0; id < 4; id++) {
      expect(c.committed[id]!.map((x) => x.seq)).toEqual([1]);
      expect(c.committed[id]![0]!.value).toEqual(value(1));
      expect(c.eventsOf(id, 'prepared')).toHaveLength(1);
      expect(c.eventsOf(id, 'committed')).toHaveLength(1);
    }
    expectValid(c, c.committed.flat());
    const cert = c.committed[2]![0]!.certificate;
    expect(cert.signatures).toHaveLength(3);
    expect(cert.view).toBe(0);
  });

  test('many values in order, with n = 7, under reordering', () => {
    const c = new Cluster(7, { checkpointInterval: 5, watermarkWindow: 10 });
    for (let i = 1; i <= 6; i++) c.propose(value(i));
    // Deliver in a scrambled but fixed order.
    let k = 0;
    while (c.pool.length > 0) {
      const i = (k++ * 7919) % c.pool.length;
      const [e] = c.pool.splice(i, 1);
      c.step(e!.to, { kind: 'receive', message: e!.message });
    }
    for (let id = 0; id < 7; id++) {
      // A replica whose commits for 3..5 arrive after the checkpoint at 5 is stable adopts it instead.
      const executed = c.committed[id]!.map((x) => x.seq);
      const skipped = c.eventsOf(id, 'state-transferred').flatMap((e) => range(e.from + 1, e.to));
      expect([...executed, ...skipped].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(c.replicas[id]!.state.lastExecuted).toBe(6);
    }
    expect(c.committed.filter((x) => x.length === 6).length).toBeGreaterThanOrEqual(5);
    expectAgreement(c, [0, 1, 2, 3, 4, 5, 6]);
    expectValid(c, c.committed[3]!);
  });

  test('a backup does not pre-prepare what it is handed; a duplicate value is ignored', () => {
    const c = new Cluster(4);
    const out = c.step(2, { kind: 'propose', value: value(5) });
    expect(out.send).toHaveLength(0);
    expect(out.events).toContainEqual({ type: 'value-received', digest: valueDigest(value(5)) });
    const again = c.step(2, { kind: 'propose', value: value(5) });
    expect(again.events).toContainEqual({ type: 'ignored', reason: 'duplicate' });
    expect(c.step(2, { kind: 'propose', value: new Uint8Array(0) }).events).toContainEqual({
      type: 'ignored',
      reason: 'empty-value',
    });
  });

  test('state is plain data: a replica restored from structuredClone continues identically', () => {
    const c = new Cluster(4);
    c.propose(value(1));
    c.deliverAll();
    c.propose(value(2));
    const snapshot = structuredClone(c.replicas[1]!.state);
    const twin = c.make(1, snapshot);
    const original = c.replicas[1]!;
    const pending = [...c.pool];
    for (const e of pending.filter((e) => e.to === 1)) {
      const a = original.step({ kind: 'receive', message: e.message });
      const b = twin.step({ kind: 'receive', message: e.message });
      expect(b.events).toEqual(a.events);
      expect(b.committed.map((x) => x.seq)).toEqual(a.committed.map((x) => x.seq));
      expect(b.send.map((s) => s.message.body)).toEqual(a.send.map((s) => s.message.body));
    }
    expect(structuredClone(twin.state)).toEqual(structuredClone(original.state));
  });
});

describe('checkpoints', () => {
  test('a checkpoint becomes stable, moves the watermarks and garbage-collects the log', () => {
    const c = new Cluster(4, { checkpointInterval: 3, watermarkWindow: 6 });
    for (let i = 1; i <= 4; i++) c.propose(value(i));
    c.deliverAll();
    for (let id = 0; id < 4; id++) {
      const st = c.replicas[id]!.state;
      expect(st.lastExecuted).toBe(4);
      expect(st.low).toBe(3);
      expect(Object.keys(st.slots).map(Number)).toEqual([4]);
      expect(Object.keys(st.checkpointVotes)).toEqual([]);
      expect(st.stableProof.length).toBeGreaterThanOrEqual(3);
      const stable = c.eventsOf(id, 'checkpoint-stable');
      expect(stable.map((e) => e.seq)).toEqual([3]);
      expect(bytesEqual(stable[0]!.digest, st.stableDigest)).toBe(true);
    }
  });

  test('the primary stops at the high watermark and resumes once a checkpoint is stable', () => {
    const c = new Cluster(4, { checkpointInterval: 2, watermarkWindow: 4 });
    for (let i = 1; i <= 6; i++) c.propose(value(i), [0]);
    const proposed = c.eventsOf(0, 'proposed').map((e) => e.seq);
    expect(proposed).toEqual([1, 2, 3, 4]);
    for (let i = 1; i <= 6; i++) c.propose(value(i), [1, 2, 3]);
    c.deliverAll();
    expect(c.eventsOf(0, 'proposed').map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    for (let id = 0; id < 4; id++) expect(c.committed[id]!.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('a replica that missed a whole window adopts the stable checkpoint (state transfer)', () => {
    const c = new Cluster(4, { checkpointInterval: 2, watermarkWindow: 4 });
    for (let i = 1; i <= 4; i++) c.propose(value(i));
    c.deliverAll((e) => e.to !== 3);
    expect(c.replicas[3]!.state.lastExecuted).toBe(0);
    // Replica 3 now hears only the checkpoint messages of the others.
    c.pool = [];
    for (const id of [0, 1, 2]) {
      const st = c.replicas[id]!.state;
      expect(st.low).toBe(4);
      for (const m of st.stableProof) if (m.sender !== 3) c.step(3, { kind: 'receive', message: m });
    }
    const st3 = c.replicas[3]!.state;
    expect(st3.low).toBe(4);
    expect(st3.lastExecuted).toBe(4);
    expect(bytesEqual(st3.stateDigest, c.replicas[0]!.state.stateDigest)).toBe(true);
    expect(c.eventsOf(3, 'state-transferred')).toEqual([
      { type: 'state-transferred', from: 0, to: 4, stateDigest: st3.stateDigest },
    ]);
  });
});

describe('ignored input is an event, never a crash', () => {
  const setup = () => {
    const c = new Cluster(4);
    c.propose(value(1), [0]);
    const pp = c.pool.find((e) => e.message.body.type === 'pre-prepare')!.message as SignedMessage;
    c.pool = [];
    return { c, pp };
  };

  test('bad signature', () => {
    const { c, pp } = setup();
    const sig = pp.signature.slice();
    sig[5]! ^= 1;
    const out = c.step(1, { kind: 'receive', message: { ...pp, signature: sig } });
    expect(out.send).toHaveLength(0);
    expect(out.events).toEqual([{ type: 'ignored', reason: 'bad-signature', kind: 'pre-prepare', from: 0 }]);
    // A valid signature of someone else than the claimed sender is just as bad.
    const out2 = c.step(1, { kind: 'receive', message: { ...pp, sender: 2 } });
    expect(out2.events[0]).toMatchObject({ type: 'ignored', reason: 'bad-signature' });
    // Changing a signed field breaks the signature.
    const out3 = c.step(1, {
      kind: 'receive',
      message: { ...pp, body: { ...pp.body, seq: 2 } } as SignedMessage,
    });
    expect(out3.events[0]).toMatchObject({ type: 'ignored', reason: 'bad-signature' });
  });

  test('sender outside the committee, and own messages', () => {
    const { c, pp } = setup();
    for (const sender of [4, -1, 1.5, 1000]) {
      const out = c.step(1, { kind: 'receive', message: { ...pp, sender } });
      expect(out.events).toEqual([
        { type: 'ignored', reason: 'not-member', kind: 'pre-prepare', from: sender },
      ]);
    }
    const own = c.step(0, { kind: 'receive', message: pp });
    expect(own.events[0]).toMatchObject({ type: 'ignored', reason: 'own-message' });
  });

  test('outside the watermarks: far above is ignored, just above is deferred, at or below h is stale', () => {
    const c = new Cluster(4, { checkpointInterval: 4, watermarkWindow: 8 });
    const sign0 = (seq: number) =>
      signMessage(c.cryptos[0]!, 0, {
        type: 'pre-prepare',
        view: 0,
        seq,
        digest: valueDigest(value(seq)),
        value: value(seq),
      });
    const far = c.step(1, { kind: 'receive', message: sign0(17) });
    expect(far.events).toEqual([
      { type: 'ignored', reason: 'outside-watermarks', kind: 'pre-prepare', from: 0, view: 0, seq: 17 },
    ]);
    const near = c.step(1, { kind: 'receive', message: sign0(9) });
    expect(near.events).toEqual([
      { type: 'deferred', reason: 'above-watermark', kind: 'pre-prepare', from: 0, view: 0, seq: 9 },
    ]);
    expect(near.send).toHaveLength(0);
    const zero = c.step(1, { kind: 'receive', message: sign0(0) });
    expect(zero.events[0]).toMatchObject({ type: 'ignored', reason: 'stale', seq: 0 });
  });

  test('wrong view: an old view is ignored, a future view is deferred, a non-primary pre-prepare is refused', () => {
    const c = new Cluster(4);
    // Move everyone to view 1 by silencing primary 0.
    c.silent.add(0);
    c.propose(value(1));
    c.advance(400);
    expect(c.replicas[1]!.state.view).toBe(1);
    const old = signMessage(c.cryptos[2]!, 2, {
      type: 'prepare',
      view: 0,
      seq: 1,
      digest: valueDigest(value(1)),
    });
    expect(c.step(1, { kind: 'receive', message: old }).events).toEqual([
      { type: 'ignored', reason: 'wrong-view', kind: 'prepare', from: 2, view: 0, seq: 1 },
    ]);
    const future = signMessage(c.cryptos[2]!, 2, {
      type: 'commit',
      view: 5,
      seq: 1,
      digest: valueDigest(value(1)),
    });
    expect(c.step(1, { kind: 'receive', message: future }).events).toEqual([
      { type: 'deferred', reason: 'future-view', kind: 'commit', from: 2, view: 5, seq: 1 },
    ]);
    const byBackup = signMessage(c.cryptos[2]!, 2, {
      type: 'pre-prepare',
      view: 1,
      seq: 3,
      digest: valueDigest(value(9)),
      value: value(9),
    });
    expect(c.step(3, { kind: 'receive', message: byBackup }).events).toEqual([
      { type: 'ignored', reason: 'not-primary', kind: 'pre-prepare', from: 2, view: 1, seq: 3 },
    ]);
  });

  test('a pre-prepare whose digest is not the value digest, and an equivocating second pre-prepare', () => {
    const c = new Cluster(4);
    const lie = signMessage(c.cryptos[0]!, 0, {
      type: 'pre-prepare',
      view: 0,
      seq: 1,
      digest: valueDigest(value(2)),
      value: value(1),
    });
    expect(c.step(1, { kind: 'receive', message: lie }).events[0]).toMatchObject({
      reason: 'digest-mismatch',
    });
    const a = signMessage(c.cryptos[0]!, 0, {
      type: 'pre-prepare',
      view: 0,
      seq: 1,
      digest: valueDigest(value(1)),
      value: value(1),
    });
    const b = signMessage(c.cryptos[0]!, 0, {
      type: 'pre-prepare',
      view: 0,
      seq: 1,
      digest: valueDigest(value(2)),
      value: value(2),
    });
    const first = c.step(1, { kind: 'receive', message: a });
    expect(first.send.map((s) => s.message.body.type)).toEqual(['prepare']);
    const second = c.step(1, { kind: 'receive', message: b });
    expect(second.send).toHaveLength(0);
    expect(second.events[0]).toMatchObject({ type: 'ignored', reason: 'conflicting-pre-prepare' });
  });

  test('garbage input objects do not throw', () => {
    const c = new Cluster(4);
    const r = c.replicas[1]!;
    const junk = [
      {
        sender: 0,
        body: { type: 'prepare', view: -1, seq: 1, digest: new Uint8Array(32) },
        signature: new Uint8Array(64),
      },
      { sender: 0, body: { type: 'nonsense' }, signature: new Uint8Array(64) },
      {
        sender: 0,
        body: { type: 'commit', view: 0, seq: 1, digest: new Uint8Array(3) },
        signature: new Uint8Array(10),
      },
    ] as unknown as SignedMessage[];
    for (const m of junk)
      expect(r.step({ kind: 'receive', message: m }).events[0]).toMatchObject({ reason: 'bad-signature' });
  });
});

describe('view change', () => {
  test('a silent primary is replaced: view change, new view, and the value commits in view 1', () => {
    const c = new Cluster(4, { viewChangeTimeout: 100 });
    c.silent.add(0);
    c.propose(value(1));
    c.advance(90);
    expect(c.committed[1]).toHaveLength(0);
    c.advance(200);
    for (const id of [1, 2, 3]) {
      expect(c.eventsOf(id, 'view-change-started').map((e) => e.view)).toEqual([1]);
      expect(c.eventsOf(id, 'new-view-installed')).toMatchObject([{ view: 1, primary: 1 }]);
      expect(c.committed[id]!.map((x) => [x.seq, x.view])).toEqual([[1, 1]]);
      expect(c.replicas[id]!.state.view).toBe(1);
      expect(c.replicas[id]!.state.normal).toBe(true);
    }
    expect(primaryOf(1, 4)).toBe(1);
    expectValid(c, c.committed[2]!);
  });

  test('prepared values are carried into the new view and gaps are filled with null requests', () => {
    const c = new Cluster(4, { viewChangeTimeout: 100 });
    c.propose(value(1));
    c.propose(value(2));
    c.propose(value(3));
    // Seq 1 commits everywhere; seq 2 only prepares (commits are lost); seq 3's pre-prepare is lost.
    c.deliverAll((e) => {
      const b = e.message.body;
      if (b.type === 'commit' && b.seq === 2) return false;
      if (b.type === 'pre-prepare' && b.seq === 3) return false;
      return true;
    });
    for (let id = 0; id < 4; id++) expect(c.committed[id]!.map((x) => x.seq)).toEqual([1]);
    // Seq 4 is pre-prepared after the gap at 3, so the plan must null-fill 3.
    c.propose(value(4));
    c.deliverAll((e) => e.message.body.type !== 'commit');
    c.silent.add(0);
    c.advance(600);
    for (const id of [1, 2, 3]) {
      const got = c.committed[id]!.map((x) => [x.seq, toHex(x.value)]);
      expect(got.slice(0, 2)).toEqual([
        [1, toHex(value(1))],
        [2, toHex(value(2))],
      ]);
      expect(c.committed[id]![2]!.seq).toBe(3);
      expect(c.committed[id]![2]!.digest).toEqual(NULL_DIGEST);
      expect(c.committed[id]![3]!.value).toEqual(value(4));
      // Value 3 lost its sequence number with the old view; the new primary proposes it again.
      expect(c.committed[id]!.slice(4).map((x) => toHex(x.value))).toContain(toHex(value(3)));
    }
    expectAgreement(c, [0, 1, 2, 3]);
    const nv = c.eventsOf(1, 'new-view-sent')[0]!;
    expect(nv).toMatchObject({ view: 1, minSeq: 0, maxSeq: 4 });
  });

  test('the new view fills a hole with a null request', () => {
    const c = new Cluster(4, { viewChangeTimeout: 100 });
    c.propose(value(1));
    c.propose(value(2));
    // Seq 1's pre-prepare reaches nobody; seq 2 prepares everywhere but never commits.
    c.deliverAll(
      (e) =>
        !(e.message.body.type === 'pre-prepare' && e.message.body.seq === 1) &&
        e.message.body.type !== 'commit',
    );
    c.silent.add(0);
    c.advance(600);
    for (const id of [1, 2, 3]) {
      const first = c.committed[id]![0]!;
      expect(first.seq).toBe(1);
      expect(first.value).toEqual(new Uint8Array(0));
      expect(first.digest).toEqual(NULL_DIGEST);
      expect(c.committed[id]![1]!.value).toEqual(value(2));
    }
    // Value 1 was never committed: the new primary proposes it again, after the re-proposals.
    for (const id of [1, 2, 3])
      expect(c.committed[id]!.some((x) => bytesEqual(x.value, value(1)))).toBe(true);
    expectValid(c, c.committed[3]!);
  });

  test('a doctored new view is refused; a valid one is accepted from the right primary only', () => {
    const c = new Cluster(4, { viewChangeTimeout: 100 });
    c.silent.add(0);
    c.propose(value(1));
    c.advance(110, 10, (e) => e.message.body.type !== 'new-view' || e.to !== 3);
    const nv = c.replicas[1]!.state.newView!;
    expect(nv.body.view).toBe(1);
    expect(c.replicas[3]!.state.normal).toBe(false);
    const body = nv.body;
    // Drop one view change: fewer than a quorum.
    const short = signMessage(c.cryptos[1]!, 1, { ...body, viewChanges: body.viewChanges.slice(1) });
    expect(c.step(3, { kind: 'receive', message: short }).events.at(-1)).toMatchObject({
      reason: 'invalid-new-view',
    });
    // Add a pre-prepare the plan does not call for.
    const extra = signMessage(c.cryptos[1]!, 1, {
      type: 'pre-prepare',
      view: 1,
      seq: body.prePrepares.length + 1,
      digest: valueDigest(value(99)),
      value: value(99),
    });
    const padded = signMessage(c.cryptos[1]!, 1, { ...body, prePrepares: [...body.prePrepares, extra] });
    expect(c.step(3, { kind: 'receive', message: padded }).events.at(-1)).toMatchObject({
      reason: 'invalid-new-view',
    });
    // Same content signed by a replica that is not the primary of view 1.
    const wrongSender = signMessage(c.cryptos[2]!, 2, body);
    expect(c.step(3, { kind: 'receive', message: wrongSender }).events.at(-1)).toMatchObject({
      reason: 'not-primary',
    });
    const ok = c.step(3, { kind: 'receive', message: nv });
    expect(ok.events.some((e) => e.type === 'new-view-installed')).toBe(true);
  });

  test('a view change with a forged prepared proof is refused', () => {
    const c = new Cluster(4, { viewChangeTimeout: 100 });
    c.propose(value(1));
    c.deliverAll((e) => e.message.body.type !== 'commit');
    const proof = c.replicas[2]!.state.slots[1]!.proof!;
    expect(proof.prepares).toHaveLength(2);
    const good = signMessage(c.cryptos[2]!, 2, {
      type: 'view-change',
      view: 1,
      stableSeq: 0,
      stableDigest: new Uint8Array(32),
      checkpointProof: [],
      prepared: [proof],
    });
    expect(c.step(1, { kind: 'receive', message: good }).events.at(-1)).toMatchObject({
      type: 'accepted',
      kind: 'view-change',
    });
    const forged = signMessage(c.cryptos[3]!, 3, {
      type: 'view-change',
      view: 1,
      stableSeq: 0,
      stableDigest: new Uint8Array(32),
      checkpointProof: [],
      prepared: [{ prePrepare: proof.prePrepare, prepares: proof.prepares.slice(0, 1) }],
    });
    expect(c.step(1, { kind: 'receive', message: forged }).events.at(-1)).toMatchObject({
      reason: 'invalid-view-change',
    });
  });

  test('a replica that missed the new view gets it back when it asks with a stale view change', () => {
    const c = new Cluster(4, { viewChangeTimeout: 100 });
    c.silent.add(0);
    c.propose(value(1));
    // The new view for view 1 never reaches replica 3.
    c.advance(110, 10, (e) => e.to !== 3 || e.message.body.type !== 'new-view');
    expect(c.replicas[3]!.state).toMatchObject({ view: 1, normal: false });
    expect(c.replicas[1]!.state).toMatchObject({ view: 1, normal: true });
    // It re-sends its view change for view 1; a replica already in view 1 answers with the new view.
    c.advance(100);
    expect(c.replicas[1]!.state.newViewSentTo[3]).toBeGreaterThan(110);
    expect(c.eventsOf(3, 'new-view-installed')).toMatchObject([{ view: 1 }]);
    expect(c.replicas[3]!.state).toMatchObject({ view: 1, normal: true });
    expect(c.committed[3]!.map((x) => x.seq)).toEqual([1]);
  });
});

describe('catch-up by certificates', () => {
  test('a replica with a hole fetches certified values and executes them in order', () => {
    const c = new Cluster(4, { viewChangeTimeout: 100 });
    c.propose(value(1));
    c.propose(value(2));
    // Replica 3 loses everything about seq 1, keeps seq 2.
    c.deliverAll((e) => !(e.to === 3 && 'seq' in e.message.body && e.message.body.seq === 1));
    expect(c.committed[3]).toHaveLength(0);
    expect(c.replicas[3]!.state.slots[2]!.certificate).not.toBeNull();
    c.advance(60);
    expect(c.eventsOf(3, 'fetch-sent')).toEqual([
      { type: 'fetch-sent', fromSeq: 1, to: [0, 1], reason: 'hole' },
    ]);
    expect(c.committed[3]!.map((x) => x.seq)).toEqual([1, 2]);
    expect(c.eventsOf(3, 'fetched').length).toBeGreaterThan(0);
    expectAgreement(c, [0, 1, 2, 3]);
    expectValid(c, c.committed[3]!);
    // Views did not change to fix it.
    expect(c.replicas.map((r) => r.state.view)).toEqual([0, 0, 0, 0]);
  });

  test('a fetch reply with a doctored certificate is refused', () => {
    const c = new Cluster(4);
    c.propose(value(1));
    c.deliverAll();
    const cert = c.committed[0]![0]!.certificate;
    const badSigs = cert.signatures.map((s) => s.slice());
    badSigs[0]![0]! ^= 1;
    const reply = signMessage(c.cryptos[0]!, 0, {
      type: 'fetch-reply',
      stableSeq: 0,
      stableDigest: new Uint8Array(32),
      checkpointProof: [],
      entries: [{ value: value(1), certificate: { ...cert, seq: 2, signatures: badSigs } }],
    });
    expect(c.step(1, { kind: 'receive', message: reply }).events.at(-1)).toMatchObject({
      reason: 'invalid-fetch-reply',
    });
    const wrongValue = signMessage(c.cryptos[0]!, 0, {
      type: 'fetch-reply',
      stableSeq: 0,
      stableDigest: new Uint8Array(32),
      checkpointProof: [],
      entries: [{ value: value(2), certificate: { ...cert, seq: 2 } }],
    });
    expect(c.step(1, { kind: 'receive', message: wrongValue }).events.at(-1)).toMatchObject({
      reason: 'invalid-fetch-reply',
    });
  });
});

describe('config', () => {
  test('rejects committees and parameters that cannot work', () => {
    const c = new Cluster(4);
    const base = {
      id: 0,
      publicKeys: c.publicKeys,
      crypto: c.cryptos[0]!,
      checkpointInterval: 4,
      watermarkWindow: 8,
      viewChangeTimeout: 10,
    };
    expect(() => createReplica({ ...base, publicKeys: c.publicKeys.slice(0, 3) })).toThrow(RangeError);
    expect(() => createReplica({ ...base, id: 4 })).toThrow(RangeError);
    expect(() => createReplica({ ...base, watermarkWindow: 2 })).toThrow(RangeError);
    expect(() => createReplica({ ...base, viewChangeTimeout: 0 })).toThrow(RangeError);
    expect(() =>
      createReplica({ ...base, publicKeys: [...c.publicKeys.slice(0, 3), new Uint8Array(31)] }),
    ).toThrow(TypeError);
  });
});
