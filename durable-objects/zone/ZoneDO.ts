/**
 * The zone Durable Object: the router between tables (TOP's advance network). A table hands it the
 * receipt batches of each block (`route`); the zone logs every batch once (ReceiptsRouted, keyed
 * `${fromTable}:${height}:${toTable}`) and queues it for its target table in the same transaction.
 * Deliveries leave per target strictly in routing order — one call in flight per target, the
 * consecutive queued batches grouped into one `deliver([...])` — and each success is logged
 * (ReceiptsDelivered) in the transaction that clears its outbox rows. A failing target blocks only
 * itself and is retried by the alarm with exponential backoff; after a restart the persisted outbox
 * and alarm carry on where the last instance stopped. At-least-once delivery here plus the table's
 * dedupe gives exactly-once receipts per table pair.
 */
import { EventSourcedDO, type OutboxRow } from '../base/EventSourcedDO.ts';
import { networkConfig } from '../base/config.ts';
import { readModelDigest } from '../base/readModelDigest.ts';
import { ErrorCode, fail } from '../../protocol/errors.ts';
import { tableName, type NetworkConfig } from '../../protocol/network/config.ts';
import { ZoneEvent, type ReceiptsRoutedBody, type ZoneDeliveredBody } from '../../schema/events.ts';
import type { ReceiptBatch, RouteResult, ZoneStats, ZoneTargetStats } from '../../schema/rpc.ts';
import { batchKey, checkBatch, tableTarget, targetTable } from './checkBatch.ts';

/** The outbox holds a pointer to the ReceiptsRouted event, so the batch is stored once, in the log. */
const QUEUE_OF_TARGET = `SELECT o.key, o.attempts, e.body, length(e.body) AS bytes
  FROM outbox o JOIN events e ON e.seq = json_extract(o.body, '$.seq')
  WHERE o.target = ? ORDER BY o.id LIMIT ?`;

const READ_MODEL_QUERIES = [
  'SELECT * FROM zone_batches ORDER BY from_table, to_table, height',
  'SELECT target, key, body FROM outbox ORDER BY id',
];

export class ZoneDO extends EventSourcedDO {
  private config!: NetworkConfig;

  protected onLoad(): void {
    this.config = networkConfig(this.env);
  }

  /**
   * Accepts receipt batches for routing: each unseen batch is logged and queued in one transaction;
   * a batch seen before (by key) is a duplicate and changes nothing. All batches are checked first,
   * so a bad one rejects the call without writing anything. Delivery starts at once, not awaited.
   */
  async route(batches: ReceiptBatch[]): Promise<RouteResult> {
    if (!Array.isArray(batches)) fail(ErrorCode.BAD_TYPE, 'expected an array of receipt batches', 'batches');
    const checked = batches.map((b, i) => checkBatch(this.config, b, `batches[${i}]`));
    const targets = new Set<string>();
    let accepted = 0;
    this.atomically(() => {
      for (const b of checked) {
        const seen = this.sql
          .exec(
            'SELECT 1 FROM zone_batches WHERE from_table = ? AND to_table = ? AND height = ?',
            b.fromTable,
            b.toTable,
            b.height,
          )
          .toArray().length;
        if (seen) continue;
        const body: ReceiptsRoutedBody = { key: batchKey(b), ...b };
        this.applyRouted(body, this.append(ZoneEvent.routed, body).seq);
        targets.add(tableTarget(b.toTable));
        accepted++;
      }
    });
    if (targets.size) this.kickOutbox(targets);
    return { accepted, duplicates: checked.length - accepted };
  }

  async stats(): Promise<ZoneStats> {
    const now = Date.now();
    const targets = this.sql
      .exec<{ target: string; queued: number; attempts: number }>(
        'SELECT target, count(*) AS queued, max(attempts) AS attempts FROM outbox GROUP BY target',
      )
      .toArray()
      .map((r): ZoneTargetStats => {
        const b = this.backoff.get(r.target);
        const waiting = b && b.at > now;
        return { ...r, retryAt: waiting ? b.at : null, ...(b ? { lastError: b.error } : {}) };
      })
      .sort((a, b) => targetTable(a.target) - targetTable(b.target));
    const pairs = this.sql
      .exec<{ fromTable: number; toTable: number; routed: number; delivered: number; lastHeight: number }>(
        `SELECT from_table AS fromTable, to_table AS toTable, count(*) AS routed, count(delivered_seq) AS delivered,
           max(height) AS lastHeight FROM zone_batches GROUP BY from_table, to_table ORDER BY from_table, to_table`,
      )
      .toArray();
    const sum = (k: 'routed' | 'delivered') => pairs.reduce((n, p) => n + p[k], 0);
    return {
      routed: sum('routed'),
      delivered: sum('delivered'),
      queued: targets.reduce((n, t) => n + t.queued, 0),
      targets,
      pairs,
    };
  }

  /**
   * Drops the read models (the batch set and the outbox) and rebuilds them by replaying the log,
   * then reports whether they equal the live ones. Waits for deliveries in flight first.
   */
  async rebuildReadModels(): Promise<{ equal: boolean; before: string; after: string; events: number }> {
    await this.outboxIdle();
    const before = readModelDigest(this.sql, READ_MODEL_QUERIES);
    let events = 0;
    this.atomically(() => {
      this.sql.exec('DELETE FROM zone_batches');
      this.sql.exec('DELETE FROM outbox');
      for (const r of this.sql.exec<{ seq: number; type: string; body: string }>(
        'SELECT seq, type, body FROM events ORDER BY seq',
      )) {
        events++;
        if (r.type === ZoneEvent.routed) this.applyRouted(JSON.parse(r.body), r.seq);
        else if (r.type === ZoneEvent.delivered) this.applyDelivered(JSON.parse(r.body), r.seq);
      }
    });
    const after = readModelDigest(this.sql, READ_MODEL_QUERIES);
    return { equal: before === after, before, after, events };
  }

  /** One call to the target table with consecutive batches of its queue; throws to retry later. */
  protected async deliverEffect(target: string, batches: ReceiptBatch[]): Promise<void> {
    await this.stub('TABLE', tableName(this.config, targetTable(target))).deliver(batches);
  }

  // ---- the fold: live appends and replay share these ----

  private applyRouted(body: ReceiptsRoutedBody, seq: number): void {
    this.sql.exec(
      'INSERT INTO zone_batches (from_table, to_table, height, receipts, routed_seq) VALUES (?, ?, ?, ?, ?)',
      body.fromTable,
      body.toTable,
      body.height,
      body.envelopes.length,
      seq,
    );
    this.enqueue(tableTarget(body.toTable), body.key, { seq });
  }

  private applyDelivered(body: ZoneDeliveredBody, seq: number): void {
    for (const key of body.keys) {
      const [from, height, to] = key.split(':').map(Number);
      this.sql.exec(
        'UPDATE zone_batches SET delivered_seq = ? WHERE from_table = ? AND to_table = ? AND height = ?',
        seq,
        from,
        to,
        height,
      );
      this.sql.exec('DELETE FROM outbox WHERE key = ?', key);
    }
  }

  // ---- delivery hooks (the outbox machinery is EventSourcedDO's) ----

  /** The outbox holds a pointer to the ReceiptsRouted event, so each batch is stored once, in the log. */
  protected override queueOf(target: string, limit: number): OutboxRow[] {
    return this.sql.exec<OutboxRow>(QUEUE_OF_TARGET, target, limit).toArray();
  }

  protected override effectsOf(rows: readonly OutboxRow[]): ReceiptBatch[] {
    return rows.map((r) => {
      const b = JSON.parse(r.body) as ReceiptsRoutedBody;
      return {
        fromTable: b.fromTable,
        toTable: b.toTable,
        height: b.height,
        header: b.header,
        certificate: b.certificate,
        envelopes: b.envelopes,
      };
    });
  }

  /** A delivery is an event: logged in the transaction that clears its outbox rows. */
  protected override onDelivered(target: string, keys: string[]): void {
    const body: ZoneDeliveredBody = { target, keys };
    this.atomically(() => this.applyDelivered(body, this.append(ZoneEvent.delivered, body).seq));
  }
}
