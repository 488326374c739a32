/**
 * The base of every topnet Durable Object: SQLite migrations at start-up, the append-only
 * hash-chained event log, an idempotent outbox drained by the object's one alarm, and the
 * `events(afterSeq, limit)` / `verifyLog()` RPC methods every object serves. Subclasses decide
 * and evolve; `append` must run inside `ctx.storage.transactionSync` together with the read-model
 * writes it implies, so a crash leaves either both or neither.
 */
import './nativeSha256.ts';
// T8 and Ethereum signatures checked inside objects (e.g. the beacon's node messages) recover fast too.
import './nativeSecp256k1.ts';
import { DurableObject } from 'cloudflare:workers';
import { drizzle, type DrizzleSqliteDODatabase } from 'drizzle-orm/durable-sqlite';
import { migrate } from 'drizzle-orm/durable-sqlite/migrator';
import migrations from '../../schema/migrations/index.ts';
import * as schema from '../../schema/tables.ts';
import { eventHash, type EventBody, type EventRecord, type EventsPage } from '../../schema/log.ts';
import { fromHex, toHex } from '../../protocol/bytes.ts';
import type { Env } from '../../schema/env.ts';
import { withGates } from '../../workers/gate/gated.ts';
import {
  DELIVERY_TIMEOUT_MS,
  IN_FLIGHT_ALARM_MS,
  MAX_EFFECTS_PER_CALL,
  retryDelayMs,
  takeChunk,
  withTimeout,
} from './delivery.ts';

export type Db = DrizzleSqliteDODatabase<typeof schema>;

type DoBinding = 'TABLE' | 'COMMITTEE' | 'ZONE' | 'BEACON' | 'HUB' | 'INDEX' | 'FAUCET';
type DoOf<K extends DoBinding> = Env[K] extends DurableObjectNamespace<infer T> ? T : never;

export interface Drained {
  delivered: number;
  failed: number;
}

export type OutboxRow = { key: string; attempts: number; body: string; bytes: number };

const ZERO: Uint8Array = new Uint8Array(32);
/** Events one `events` / `eventsOf` call returns: 1 to 5000. */
const pageSize = (limit: number): number => Math.max(1, Math.min(5000, Math.floor(limit)));
/** How late an alarm may be before the object takes it for lost and sets it again. */
const OVERDUE_ALARM_MS = 1_000;

export abstract class EventSourcedDO extends DurableObject<Env> {
  protected readonly sql: SqlStorage;
  protected readonly db: Db;
  protected headSeq = 0;
  protected headHash: Uint8Array = ZERO;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, withGates(env));
    this.sql = ctx.storage.sql;
    this.db = drizzle(ctx.storage, { schema });
    void ctx.blockConcurrencyWhile(async () => {
      await migrate(this.db, migrations);
      const last = this.sql
        .exec<{ seq: number; hash: ArrayBuffer }>('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1')
        .toArray()[0];
      if (last) {
        this.headSeq = last.seq;
        this.headHash = new Uint8Array(last.hash);
      }
      await this.onLoad();
      // A restart with effects still queued (or the subclass's own work due) but no alarm resumes it.
      this.alarmAt = await ctx.storage.getAlarm();
      if (this.alarmAt === null && (this.outboxSize() > 0 || this.nextWakeup() !== null)) {
        this.alarmAt = Date.now();
        await ctx.storage.setAlarm(this.alarmAt);
      }
    });
  }

  /** Load in-memory state from the read models (after migrations, before any request). */
  protected abstract onLoad(): void | Promise<void>;

  private readonly stubs = new Map<string, unknown>();

  /**
   * A stub for another object, kept for this object's lifetime: a fresh stub's first call sets up
   * a connection (~30 µs here), and the table, zone and committee call the same few objects for
   * every block.
   */
  protected stub<K extends DoBinding>(binding: K, name: string): DurableObjectStub<DoOf<K>> {
    const key = `${binding}/${name}`;
    let s = this.stubs.get(key) as DurableObjectStub<DoOf<K>> | undefined;
    if (!s) {
      s = (this.env[binding] as unknown as DurableObjectNamespace<DoOf<K>>).getByName(name);
      this.stubs.set(key, s);
    }
    return s;
  }

  /** After a failed call: a stub can stay broken (e.g. its target was reset), so the next call gets a fresh one. */
  protected forgetStubs(): void {
    this.stubs.clear();
  }

  /** Appends one event. Call only inside transactionSync, beside the read-model writes it implies. */
  protected append(type: string, body: unknown, time = Date.now()): EventRecord {
    const json = JSON.stringify(body);
    const seq = this.headSeq + 1;
    const hash = eventHash(this.headHash, seq, type, json, time);
    this.sql.exec(
      'INSERT INTO events (seq, type, body, hash, time) VALUES (?, ?, ?, ?, ?)',
      seq,
      type,
      json,
      hash,
      time,
    );
    this.headSeq = seq;
    this.headHash = hash;
    return { seq, type, body: body as EventBody, hash: '0x' + toHex(hash), time };
  }

  /** Rolls the in-memory head back if a transactionSync that appended threw. */
  protected atomically<T>(fn: () => T): T {
    const [seq, hash] = [this.headSeq, this.headHash];
    try {
      return this.ctx.storage.transactionSync(fn);
    } catch (e) {
      this.headSeq = seq;
      this.headHash = hash;
      throw e;
    }
  }

  async events(afterSeq: number, limit = 500): Promise<EventRecord[]> {
    return this.readEvents(afterSeq, pageSize(limit), null);
  }

  /**
   * Events of these types only, and how far the scan reached (EventsPage): the explorer's table
   * partitions fold block commits alone, which are about one event in ten of a busy table's log;
   * the rest (admissions carrying whole signed transactions, proposals, deliveries) need not be
   * parsed, copied across RPC and skipped on the other side.
   */
  async eventsOf(types: string[], afterSeq: number, limit = 500): Promise<EventsPage> {
    const n = pageSize(limit);
    const events = this.readEvents(afterSeq, n, types);
    return { events, through: events.length === n ? events[n - 1]!.seq : this.headSeq };
  }

  private readEvents(afterSeq: number, n: number, types: readonly string[] | null): EventRecord[] {
    const only = types ? ` AND type IN (${types.map(() => '?').join(', ')})` : '';
    return this.sql
      .exec<{ seq: number; type: string; body: string; hash: ArrayBuffer; time: number }>(
        `SELECT seq, type, body, hash, time FROM events WHERE seq > ?${only} ORDER BY seq LIMIT ?`,
        Math.max(0, Math.floor(afterSeq)),
        ...(types ?? []),
        n,
      )
      .toArray()
      .map((r) => ({
        seq: r.seq,
        type: r.type,
        body: JSON.parse(r.body),
        hash: '0x' + toHex(new Uint8Array(r.hash)),
        time: r.time,
      }));
  }

  /** Re-hashes the whole log: is the chain intact and does the head match? */
  async verifyLog(): Promise<{ ok: boolean; seq: number; brokenAt?: number }> {
    let prev: Uint8Array = ZERO;
    let expect = 1;
    for (const r of this.sql.exec<{
      seq: number;
      type: string;
      body: string;
      hash: ArrayBuffer;
      time: number;
    }>('SELECT seq, type, body, hash, time FROM events ORDER BY seq')) {
      const h = eventHash(prev, r.seq, r.type, r.body, r.time);
      if (r.seq !== expect || toHex(h) !== toHex(new Uint8Array(r.hash)))
        return { ok: false, seq: this.headSeq, brokenAt: r.seq };
      prev = h;
      expect++;
    }
    return {
      ok: expect - 1 === this.headSeq && toHex(prev) === toHex(this.headSeq ? this.headHash : ZERO),
      seq: this.headSeq,
    };
  }

  async head(): Promise<{ seq: number; hash: string }> {
    return { seq: this.headSeq, hash: '0x' + toHex(this.headHash) };
  }

  /** Queues an effect on another object; a repeated key is ignored (idempotent by construction). */
  protected enqueue(target: string, key: string, body: unknown): void {
    this.sql.exec(
      'INSERT OR IGNORE INTO outbox (target, key, body) VALUES (?, ?, ?)',
      target,
      key,
      JSON.stringify(body),
    );
  }

  /** Delivers queued effects for one target, oldest first, in one call; throw to retry later. */
  protected abstract deliverEffect(target: string, bodies: unknown[]): Promise<void>;

  /** The delivery in flight per target; one at a time is what keeps a target's order. */
  private readonly pumps = new Map<string, Promise<Drained>>();
  /** Failing targets: when each may be tried again and why it failed (memory only: a restart retries at once). */
  protected readonly backoff = new Map<string, { at: number; error: string }>();
  /** The alarm this object has set, or null. */
  private alarmAt: number | null = null;
  /** True while the alarm handler runs (it sets the next alarm itself, last). */
  private inAlarm = false;

  /** The head of a target's queue: rows with their key, attempts, effect body and size. Subclasses may store bodies elsewhere. */
  protected queueOf(target: string, limit: number): OutboxRow[] {
    return this.sql
      .exec<OutboxRow>(
        'SELECT key, attempts, body, length(body) AS bytes FROM outbox WHERE target = ? ORDER BY id LIMIT ?',
        target,
        limit,
      )
      .toArray();
  }

  /** The effects of queued rows, as deliverEffect receives them. */
  protected effectsOf(rows: readonly OutboxRow[]): unknown[] {
    return rows.map((r) => JSON.parse(r.body));
  }

  /** Clears delivered rows; subclasses that log deliveries do it here, in the same transaction. */
  protected onDelivered(_target: string, keys: string[]): void {
    this.atomically(() => {
      for (const k of keys) this.sql.exec('DELETE FROM outbox WHERE key = ?', k);
    });
  }

  /** When the object wants its alarm besides the outbox (ms since epoch), or null. */
  protected nextWakeup(): number | null {
    return null;
  }

  /**
   * Drains the outbox: each target's queue in order, as many effects per call as fit, one call in
   * flight per target, targets in parallel; a failing target backs off without holding up others.
   */
  protected async drainOutbox(): Promise<Drained> {
    const targets = this.sql.exec<{ target: string }>('SELECT DISTINCT target FROM outbox').toArray();
    const results = await Promise.all(targets.map((r) => this.startPump(r.target)));
    return results.reduce((a, b) => ({ delivered: a.delivered + b.delivered, failed: a.failed + b.failed }), {
      delivered: 0,
      failed: 0,
    });
  }

  /** Starts delivery to these targets (or all) without waiting; the alarm covers what fails. */
  protected kickOutbox(targets?: Iterable<string>): void {
    if (targets) for (const t of targets) void this.startPump(t);
    else void this.drainOutbox();
    void this.reschedule();
  }

  private startPump(target: string): Promise<Drained> {
    const running = this.pumps.get(target);
    if (running) return running;
    const wait = this.backoff.get(target);
    if (wait && wait.at > Date.now()) return Promise.resolve({ delivered: 0, failed: 0 });
    const p = this.pump(target).finally(() => {
      this.pumps.delete(target);
      void this.reschedule();
    });
    this.pumps.set(target, p);
    return p;
  }

  private async pump(target: string): Promise<Drained> {
    let delivered = 0;
    for (;;) {
      const rows = this.queueOf(target, MAX_EFFECTS_PER_CALL);
      if (!rows.length) return { delivered, failed: 0 };
      const chunk = takeChunk(rows);
      try {
        await withTimeout(
          this.deliverEffect(target, this.effectsOf(chunk)),
          DELIVERY_TIMEOUT_MS,
          `delivery to ${target}`,
        );
      } catch (e) {
        const head = chunk[0]!;
        const error = e instanceof Error ? e.message : String(e);
        this.forgetStubs();
        this.sql.exec('UPDATE outbox SET attempts = ? WHERE key = ?', head.attempts + 1, head.key);
        this.backoff.set(target, { at: Date.now() + retryDelayMs(head.attempts + 1), error });
        console.warn(
          `outbox: delivery of ${chunk.length} effect(s) to ${target} failed (attempt ${head.attempts + 1}): ${error}`,
        );
        return { delivered, failed: 1 };
      }
      this.backoff.delete(target);
      this.onDelivered(
        target,
        chunk.map((r) => r.key),
      );
      delivered += chunk.length;
    }
  }

  /** Waits for every delivery in flight (rebuilds and tests want a quiet outbox). */
  protected async outboxIdle(): Promise<void> {
    while (this.pumps.size) await Promise.all(this.pumps.values());
  }

  /**
   * Keeps the one alarm at or before the earliest moment something is due: a target ready to go
   * (now), a failing one (its backoff), one in flight (a little ahead, in case the object dies
   * mid-call), or the subclass's own wake-up. When nothing is due a standing alarm is left to fire
   * as a no-op rather than deleted: an alarm write costs as much as a block's other storage writes
   * (~0.25 ms of CPU here), and a busy outbox would otherwise set and delete it for every block.
   */
  protected async reschedule(): Promise<void> {
    if (this.inAlarm) return;
    const now = Date.now();
    let next = this.nextWakeup();
    for (const { target } of this.sql.exec<{ target: string }>('SELECT DISTINCT target FROM outbox')) {
      const at = this.pumps.has(target)
        ? now + IN_FLIGHT_ALARM_MS
        : Math.max(now, this.backoff.get(target)?.at ?? now);
      next = next === null ? at : Math.min(next, at);
    }
    if (next === null) return;
    // An alarm just due is about to run (and re-arms itself); moving it would cancel it. One long
    // overdue never ran (its handler was lost), so it is set again.
    if (this.alarmAt === null || next < this.alarmAt || this.alarmAt < now - OVERDUE_ALARM_MS) {
      this.alarmAt = next;
      await this.ctx.storage.setAlarm(next);
    }
  }

  override async alarm(): Promise<void> {
    this.alarmAt = null;
    // Setting the alarm while its handler runs makes workerd cancel the running one (and log it);
    // deliveries started meanwhile leave the next alarm to the handler's own last step.
    this.inAlarm = true;
    try {
      await this.drainOutbox();
      await this.onAlarm();
    } finally {
      this.inAlarm = false;
    }
    await this.reschedule();
  }

  /** The subclass's own timers, run by the one alarm. */
  protected async onAlarm(): Promise<void> {}

  protected outboxSize(): number {
    return this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM outbox').one().n;
  }

  protected metaGet(key: string): string | undefined {
    return this.sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', key).toArray()[0]?.value;
  }

  protected metaSet(key: string, value: string): void {
    this.sql.exec(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      key,
      value,
    );
  }
}

export { fromHex };
