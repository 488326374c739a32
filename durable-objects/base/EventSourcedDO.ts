/**
 * The base of every topnet Durable Object: SQLite migrations at start-up, the append-only
 * hash-chained event log, an idempotent outbox drained by the object's one alarm, and the
 * `events(afterSeq, limit)` / `verifyLog()` RPC methods every object serves. Subclasses decide
 * and evolve; `append` must run inside `ctx.storage.transactionSync` together with the read-model
 * writes it implies, so a crash leaves either both or neither.
 */
import { DurableObject } from 'cloudflare:workers';
import { drizzle, type DrizzleSqliteDODatabase } from 'drizzle-orm/durable-sqlite';
import { migrate } from 'drizzle-orm/durable-sqlite/migrator';
import migrations from '../../schema/migrations/index.ts';
import * as schema from '../../schema/tables.ts';
import { eventHash, type EventBody, type EventRecord } from '../../schema/log.ts';
import { fromHex, toHex } from '../../protocol/bytes.ts';
import type { Env } from '../../schema/env.ts';

export type Db = DrizzleSqliteDODatabase<typeof schema>;

const ZERO: Uint8Array = new Uint8Array(32);

export abstract class EventSourcedDO extends DurableObject<Env> {
  protected readonly sql: SqlStorage;
  protected readonly db: Db;
  protected headSeq = 0;
  protected headHash: Uint8Array = ZERO;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
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
    });
  }

  /** Load in-memory state from the read models (after migrations, before any request). */
  protected abstract onLoad(): void | Promise<void>;

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
    const n = Math.max(1, Math.min(5000, Math.floor(limit)));
    return this.sql
      .exec<{ seq: number; type: string; body: string; hash: ArrayBuffer; time: number }>(
        'SELECT seq, type, body, hash, time FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
        Math.max(0, Math.floor(afterSeq)),
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

  /**
   * Drains the outbox: each target's queue in id order, up to `perCall` effects per call, targets
   * in parallel; a failing target stops at its head (order holds) without holding up the others.
   */
  protected async drainOutbox(perCall = 100): Promise<{ delivered: number; failed: number }> {
    const targets = this.sql
      .exec<{ target: string }>('SELECT target, min(id) AS first FROM outbox GROUP BY target ORDER BY first')
      .toArray();
    let delivered = 0;
    let failed = 0;
    await Promise.all(
      targets.map(async ({ target }) => {
        for (;;) {
          const rows = this.sql
            .exec<{ id: number; body: string }>(
              'SELECT id, body FROM outbox WHERE target = ? ORDER BY id LIMIT ?',
              target,
              perCall,
            )
            .toArray();
          if (!rows.length) return;
          try {
            await this.deliverEffect(
              target,
              rows.map((r) => JSON.parse(r.body)),
            );
          } catch (e) {
            failed++;
            this.sql.exec('UPDATE outbox SET attempts = attempts + 1 WHERE id = ?', rows[0]!.id);
            console.warn(`outbox ${target}: ${(e as Error).message}`);
            return;
          }
          this.sql.exec('DELETE FROM outbox WHERE target = ? AND id <= ?', target, rows[rows.length - 1]!.id);
          delivered += rows.length;
          if (rows.length < perCall) return;
        }
      }),
    );
    return { delivered, failed };
  }

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
