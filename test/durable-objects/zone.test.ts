/**
 * The zone's own log and outbox, in workerd: idempotent routing, per-target order with grouped
 * deliveries, backoff and retries by the alarm, recovery after a restart, and a rebuild from the log.
 * Deliveries go through the zone's `deliverEffect`, which each test replaces on the live instance
 * with a recorder it controls (fail, hold, succeed). The objects run in the tests' isolate, so a
 * mocked Date.now is their clock too: it starts a day ahead of real time, so no alarm the zone sets
 * fires behind a test's back, and the test moves it by hand and runs the alarm itself.
 */
import { env } from 'cloudflare:workers';
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ZoneDO } from '../../durable-objects/zone/ZoneDO.ts';
import { zoneName } from '../../durable-objects/base/config.ts';
import { config, dev, hashHex, hex, tableOfAddr, tableStub, waitFor, Wallet } from './helpers.ts';
import { UTOP_PER_TOP } from '../../protocol/amount.ts';
import { batchKey } from '../../durable-objects/zone/checkBatch.ts';
import {
  MAX_EFFECTS_PER_CALL as MAX_BATCHES_PER_CALL,
  retryDelayMs,
  takeChunk,
} from '../../durable-objects/base/delivery.ts';
import { toHex, utf8 } from '../../protocol/bytes.ts';
import { sha256 } from '../../protocol/hash.ts';
import { formatAddress } from '../../protocol/keys/address.ts';
import { encodeReceipt } from '../../protocol/lattice/receipt.ts';
import { ReceiptKind } from '../../protocol/lattice/types.ts';
import type { EventRecord } from '../../schema/log.ts';
import type { ReceiptBatch } from '../../schema/rpc.ts';

const DAY = 86_400_000;

interface Seams {
  deliverEffect(target: string, batches: ReceiptBatch[]): Promise<void>;
  pumps: Map<string, Promise<unknown>>;
}

/** What the test controls of one zone instance, and what it saw delivered (one entry per call). */
interface Harness {
  clock: number;
  failing: Set<string>;
  gate: Promise<void> | null;
  calls: { target: string; keys: string[] }[];
}

type Zone = DurableObjectStub<ZoneDO>;

async function install(zone: Zone, h: Harness): Promise<void> {
  await runInDurableObject(zone, (instance: ZoneDO) => {
    const z = instance as unknown as Seams;
    z.deliverEffect = async (target, batches) => {
      if (h.gate) await h.gate;
      if (h.failing.has(target)) throw new Error(`${target} unavailable`);
      h.calls.push({ target, keys: batches.map(batchKey) });
    };
  });
}

async function open(name: string): Promise<{ zone: Zone; h: Harness }> {
  const zone = env.ZONE.getByName(`test/zone/${name}`);
  const h: Harness = { clock: Date.now() + DAY, failing: new Set(), gate: null, calls: [] };
  vi.spyOn(Date, 'now').mockImplementation(() => h.clock);
  await install(zone, h);
  return { zone, h };
}

/** Waits until no delivery is in flight. */
async function settle(zone: Zone): Promise<void> {
  await runInDurableObject(zone, async (instance: ZoneDO) => {
    const z = instance as unknown as Seams;
    while (z.pumps.size) await Promise.all(z.pumps.values());
  });
}

/** The zone's log (typed here: the RPC-mapped type of an unknown body is too deep for tsc). */
async function logOf(zone: Zone): Promise<EventRecord[]> {
  return runInDurableObject(zone, (z: ZoneDO) => z.events(0, 1000));
}

async function alarmAt(zone: Zone): Promise<number | null> {
  return runInDurableObject(zone, (_: ZoneDO, state) => state.storage.getAlarm());
}

const sender = formatAddress('secp256k1', sha256(utf8('sender')).slice(0, 20));
const receiver = formatAddress('secp256k1', sha256(utf8('receiver')).slice(0, 20));
let nextId = 1n;

/** A batch of real encoded receipts; proof, header and certificate are placeholders the zone does not open. */
function batch(fromTable: number, toTable: number, height: number, receipts = 1): ReceiptBatch {
  return {
    fromTable,
    toTable,
    height,
    header: '0x01',
    certificate: '0x02',
    envelopes: Array.from({ length: receipts }, (_, i) => ({
      receipt:
        '0x' +
        toHex(
          encodeReceipt({
            kind: ReceiptKind.send,
            fromTable,
            toTable,
            id: nextId++,
            txHash: sha256(utf8(`${fromTable}/${height}/${toTable}/${i}`)),
            sender,
            receiver,
            amount: 5n,
            height: BigInt(height),
          }),
        ),
      proof: '0x00',
    })),
  };
}

const keys = (...bs: ReceiptBatch[]) => bs.map(batchKey);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('zone routing', () => {
  it('routes each batch once: repeats count as duplicates and change nothing', async () => {
    const { zone, h } = await open('idempotent');
    const a = batch(0, 1, 1, 3);
    const b = batch(0, 2, 1);
    expect(await zone.route([a, b, a])).toEqual({ accepted: 2, duplicates: 1 });
    await settle(zone);
    expect(await zone.route([a])).toEqual({ accepted: 0, duplicates: 1 });
    await settle(zone);
    expect(h.calls).toEqual([
      { target: 'table:1', keys: keys(a) },
      { target: 'table:2', keys: keys(b) },
    ]);
    const log = await logOf(zone);
    expect(log.map((e) => e.type)).toEqual([
      'ReceiptsRouted',
      'ReceiptsRouted',
      'ReceiptsDelivered',
      'ReceiptsDelivered',
    ]);
    expect(log[0]!.body).toEqual({ key: '0:1:1', ...a });
    expect(log.slice(2).map((e) => e.body)).toEqual([
      { target: 'table:1', keys: ['0:1:1'] },
      { target: 'table:2', keys: ['0:1:2'] },
    ]);
    expect(await zone.verifyLog()).toEqual({ ok: true, seq: 4 });
    expect(await zone.stats()).toEqual({
      routed: 2,
      delivered: 2,
      queued: 0,
      targets: [],
      pairs: [
        { fromTable: 0, toTable: 1, routed: 1, delivered: 1, lastHeight: 1 },
        { fromTable: 0, toTable: 2, routed: 1, delivered: 1, lastHeight: 1 },
      ],
    });
    // What alarm stands is the in-flight safety net, left to fire as a no-op: it delivers nothing again.
    if ((await alarmAt(zone)) !== null) {
      expect(await runDurableObjectAlarm(zone)).toBe(true);
      await settle(zone);
      expect(await zone.verifyLog()).toEqual({ ok: true, seq: 4 });
    }
    expect(await alarmAt(zone)).toBeNull();
  });

  it('rejects a misaddressed batch, and with it the whole call, before writing anything', async () => {
    const { zone, h } = await open('reject');
    const good = batch(0, 1, 1);
    const cases: [unknown, RegExp][] = [
      [{ ...batch(0, 1, 1), fromTable: 4 }, /batches\[1\]\.fromTable: table 4 is not in this network/],
      [batch(2, 2, 1), /batches\[1\]\.toTable: .*to itself/],
      [
        { ...batch(0, 1, 1), toTable: 3 },
        /batches\[1\]\.envelopes\[0\]\.receipt: receipt goes from table 0 to 1/,
      ],
      [{ ...batch(0, 1, 2), height: 3 }, /batches\[1\]\.envelopes\[0\]\.receipt: .*at height 2/],
      [{ ...batch(0, 1, 1), envelopes: [] }, /batches\[1\]\.envelopes: a batch carries at least one receipt/],
      [{ ...batch(0, 1, 1), height: 1.5 }, /batches\[1\]\.height: expected a block height/],
      [
        { ...batch(0, 1, 1), envelopes: [{ ...batch(0, 1, 1).envelopes[0]!, proof: '0xzz' }] },
        /batches\[1\]\.envelopes\[0\]\.proof/,
      ],
      [
        { ...batch(0, 1, 1), envelopes: [{ ...batch(0, 1, 1).envelopes[0]!, receipt: '0x00' }] },
        /batches\[1\]\.envelopes\[0\]\.receipt/,
      ],
    ];
    // Called on the instance: a rejecting call through the test pool's RPC wrapper leaks an
    // unhandled rejection even when awaited (cloudflare/workers-sdk#14736).
    for (const [bad, message] of cases)
      await expect(
        runInDurableObject(zone, (z: ZoneDO) => z.route([good, bad as ReceiptBatch])),
      ).rejects.toThrow(message);
    expect(await zone.head()).toEqual({ seq: 0, hash: '0x' + '00'.repeat(32) });
    expect(h.calls).toEqual([]);
  });

  it('delivers to a target in routing order, grouping what queued while a call was in flight', async () => {
    const { zone, h } = await open('order');
    let release!: () => void;
    h.gate = new Promise((r) => (release = r));
    const first = batch(0, 1, 1);
    const rest = [batch(0, 1, 2), batch(2, 1, 1), batch(0, 1, 3), batch(3, 1, 1), batch(2, 1, 2)];
    const other = batch(0, 3, 2);
    await zone.route([first]);
    for (const b of rest) await zone.route([b]);
    await zone.route([other]);
    release();
    await settle(zone);
    expect(h.calls.filter((c) => c.target === 'table:1')).toEqual([
      { target: 'table:1', keys: keys(first) },
      { target: 'table:1', keys: keys(...rest) },
    ]);
    expect(h.calls.filter((c) => c.target === 'table:3')).toEqual([{ target: 'table:3', keys: keys(other) }]);
    const delivered = (await logOf(zone)).filter(
      (e) => e.type === 'ReceiptsDelivered' && (e.body as { target: string }).target === 'table:1',
    );
    expect(delivered.flatMap((e) => (e.body as { keys: string[] }).keys)).toEqual(keys(first, ...rest));
  });

  it(`sends at most ${MAX_BATCHES_PER_CALL} batches per call`, async () => {
    const { zone, h } = await open('chunks');
    let release!: () => void;
    h.gate = new Promise((r) => (release = r));
    const first = batch(1, 2, 1);
    const many = Array.from({ length: MAX_BATCHES_PER_CALL + 6 }, (_, i) => batch(1, 2, i + 2));
    await zone.route([first]);
    expect(await zone.route(many)).toEqual({ accepted: many.length, duplicates: 0 });
    release();
    await settle(zone);
    expect(h.calls.map((c) => c.keys.length)).toEqual([1, MAX_BATCHES_PER_CALL, 6]);
    expect(h.calls.flatMap((c) => c.keys)).toEqual(keys(first, ...many));
  });

  it('retries a failing target from the alarm with growing backoff, holding up no other target', async () => {
    const { zone, h } = await open('backoff');
    h.failing.add('table:1');
    const x1 = batch(0, 1, 1);
    const x2 = batch(0, 1, 2);
    const y = batch(0, 2, 1);
    await zone.route([x1, y, x2]);
    await settle(zone);
    expect(h.calls).toEqual([{ target: 'table:2', keys: keys(y) }]);
    let t0 = h.clock;
    expect((await zone.stats()).targets).toEqual([
      { target: 'table:1', queued: 2, attempts: 1, retryAt: t0 + 250, lastError: 'table:1 unavailable' },
    ]);
    expect(await alarmAt(zone)).toBe(t0 + 250);

    // An alarm before the backoff ends tries nothing and keeps the retry time.
    expect(await runDurableObjectAlarm(zone)).toBe(true);
    await settle(zone);
    expect((await zone.stats()).targets[0]).toMatchObject({ attempts: 1, retryAt: t0 + 250 });
    expect(await alarmAt(zone)).toBe(t0 + 250);

    h.clock += retryDelayMs(1);
    expect(await runDurableObjectAlarm(zone)).toBe(true);
    await settle(zone);
    t0 = h.clock;
    expect((await zone.stats()).targets[0]).toMatchObject({ queued: 2, attempts: 2, retryAt: t0 + 500 });
    expect(await alarmAt(zone)).toBe(t0 + 500);

    // New batches for a target that is backing off wait their turn; they do not trigger a retry.
    const x3 = batch(2, 1, 7);
    expect(await zone.route([x3])).toEqual({ accepted: 1, duplicates: 0 });
    await settle(zone);
    expect((await zone.stats()).targets[0]).toMatchObject({ queued: 3, attempts: 2, retryAt: t0 + 500 });

    h.failing.clear();
    h.clock += retryDelayMs(2);
    expect(await runDurableObjectAlarm(zone)).toBe(true);
    await settle(zone);
    expect(h.calls.slice(1)).toEqual([{ target: 'table:1', keys: keys(x1, x2, x3) }]);
    const stats = await zone.stats();
    expect(stats).toMatchObject({ routed: 4, delivered: 4, queued: 0, targets: [] });
    expect(await alarmAt(zone)).toBeNull();
  });

  it('a restarted zone resumes its queue in order and still knows what it routed', async () => {
    const { zone, h } = await open('restart');
    h.failing.add('table:2');
    const bs = [batch(1, 2, 1), batch(3, 2, 1), batch(1, 2, 2)];
    await zone.route(bs);
    await settle(zone);
    expect((await zone.stats()).queued).toBe(3);
    // Lose the alarm too: the reloaded object must notice its non-empty outbox and set one.
    await runInDurableObject(zone, (_: ZoneDO, state) => state.storage.deleteAlarm());
    await evictDurableObject(zone);

    h.failing.clear();
    await install(zone, h);
    expect(await alarmAt(zone)).not.toBeNull();
    expect(await runDurableObjectAlarm(zone)).toBe(true);
    await settle(zone);
    expect(h.calls).toEqual([{ target: 'table:2', keys: keys(...bs) }]);
    expect(await zone.route([bs[1]!])).toEqual({ accepted: 0, duplicates: 1 });
    expect(await zone.verifyLog()).toEqual({ ok: true, seq: 4 });
  });

  it('rebuilding the read models from the log gives the live ones', async () => {
    const { zone, h } = await open('rebuild');
    await zone.route([batch(0, 1, 1), batch(0, 2, 1, 2)]);
    await settle(zone);
    h.failing.add('table:3');
    await zone.route([batch(0, 3, 2), batch(1, 3, 1), batch(2, 1, 4)]);
    await settle(zone);
    const before = await zone.stats();
    expect(before).toMatchObject({ routed: 5, delivered: 3, queued: 2 });
    const r = await zone.rebuildReadModels();
    expect(r).toMatchObject({ equal: true, events: 8 });
    expect((await zone.stats()).pairs).toEqual(before.pairs);
    // The outbox is what the log says is routed and not yet delivered.
    const log = await logOf(zone);
    const routed = log.filter((e) => e.type === 'ReceiptsRouted').map((e) => (e.body as { key: string }).key);
    const delivered = new Set(
      log.filter((e) => e.type === 'ReceiptsDelivered').flatMap((e) => (e.body as { keys: string[] }).keys),
    );
    expect(routed.filter((k) => !delivered.has(k))).toEqual(['0:2:3', '1:1:3']);
  });
});

describe('zone delivery pacing', () => {
  it('backs off exponentially from 250 ms to a 60 s cap', () => {
    expect([1, 2, 3, 4, 8, 9, 30].map(retryDelayMs)).toEqual([250, 500, 1000, 2000, 32_000, 60_000, 60_000]);
  });

  it('groups rows up to a byte budget, always at least one', () => {
    const rows = [5, 5, 5, 20].map((bytes) => ({ bytes }));
    expect(takeChunk(rows, 10)).toHaveLength(2);
    expect(takeChunk(rows, 15)).toHaveLength(3);
    expect(takeChunk([{ bytes: 50 }, { bytes: 1 }], 10)).toHaveLength(1);
    expect(takeChunk([], 10)).toEqual([]);
  });
});

describe('zone between real tables', () => {
  it('carries a cross-table transfer there (send receipt) and back (confirm), each batch once', async () => {
    const a = dev[0]!;
    const from = tableOfAddr(a.address);
    const b = dev.slice(1).find((s) => tableOfAddr(s.address) !== from)!;
    const to = tableOfAddr(b.address);
    const before = BigInt((await tableStub(to).getAccount(b.address)).balance);
    const tx = new Wallet(a).sign({ receiver: b.address, amount: 7n * UTOP_PER_TOP });
    expect((await tableStub(from).submit([hex(tx)]))[0]).toMatchObject({ status: 'pending' });
    const view = await waitFor(async () => {
      const v = await tableStub(from).getTransaction(hashHex(tx));
      return v?.status === 'final' ? v : null;
    });
    expect(view.recv?.table).toBe(to);
    expect(BigInt((await tableStub(to).getAccount(b.address)).balance)).toBe(before + 7n * UTOP_PER_TOP);
    const zone = env.ZONE.getByName(zoneName(config, 0));
    const stats = await zone.stats();
    expect(stats.queued).toBe(0);
    const pair = (f: number, t: number) => stats.pairs.find((p) => p.fromTable === f && p.toTable === t);
    expect(pair(from, to)!.delivered).toBeGreaterThanOrEqual(1);
    expect(pair(to, from)!.delivered).toBeGreaterThanOrEqual(1);
    const log = await logOf(zone);
    const routed = log.filter((e) => e.type === 'ReceiptsRouted').map((e) => (e.body as { key: string }).key);
    const delivered = log
      .filter((e) => e.type === 'ReceiptsDelivered')
      .flatMap((e) => (e.body as { keys: string[] }).keys);
    expect(delivered).toEqual(routed);
    expect(await zone.verifyLog()).toMatchObject({ ok: true });
  });
});
