/**
 * One partition of the explorer's index: a read model of one source log (a table, a committee or
 * the beacon; see partitions.ts), fed by cursor. It pulls `events(cursor, batch)` from its source
 * and folds each batch into its rows and the new cursor in one transactionSync, so rows and cursor
 * never disagree; folding is idempotent, and `rebuild()` drops everything and replays the log from
 * seq 1. Feeding: a `nudge()` (the hub sends one per published block) schedules the alarm, which
 * pulls until caught up; every read first pulls what is new (up to a budget), so a page is as fresh
 * as the log it reads even without nudges.
 */
import { DurableObject } from 'cloudflare:workers';
import { networkConfig } from '../base/config.ts';
import { readModelDigest } from '../base/readModelDigest.ts';
import type { Env } from '../../schema/env.ts';
import { withGates } from '../../workers/gate/gated.ts';
import type { EventRecord, EventsPage } from '../../schema/log.ts';
import type {
  CheckpointRow,
  EpochRow,
  HistoryPage,
  IndexBlock,
  IndexSource,
  IndexStatus,
  IndexTx,
  LatticeUnit,
  RateBucket,
  RoundView,
} from '../../schema/indexViews.ts';
import type { NetworkConfig } from '../../protocol/network/config.ts';
import type { Projection } from './projection.ts';
import { batchOf, sourceName, sourceOf } from './partitions.ts';
import {
  blocksBelow,
  history,
  latestTxs,
  latticeUnits,
  parseHistoryCursor,
  rates,
  tableProjection,
} from './tableProjection.ts';
import { committeeProjection, recentRounds } from './committeeProjection.ts';
import { beaconProjection, epochs, recentCheckpoints } from './beaconProjection.ts';

/** Events a read pulls before answering; past that it answers from what it has and the alarm catches up. */
const READ_BUDGET = 2_000;
/** How long a caught-up index answers without asking its log again, unless nudged. */
const FRESH_MS = 1_000;
/**
 * Nudges this close together share one pull: a busy table commits many blocks a second, and one
 * catch-up for all of them costs a log read instead of one per block. Reads still pull first.
 */
const NUDGE_COALESCE_MS = 250;
/** Events one alarm run folds before yielding to reads (the alarm is set again at once if more wait). */
const ALARM_BUDGET = 5_000;

interface LogSource {
  events(afterSeq: number, limit: number): Promise<EventRecord[]>;
  eventsOf(types: string[], afterSeq: number, limit: number): Promise<EventsPage>;
}

export class IndexDO extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  private readonly config: NetworkConfig;
  private readonly source: IndexSource;
  private readonly projection: Projection;
  private cursor = 0;
  private behind = false;
  private pulling: Promise<void> | null = null;
  /** When the last pull that reached the head of the log finished (ms), and whether a nudge came since it started. */
  private caughtUpAt = 0;
  private nudged = true;
  /** True while the alarm handler runs: it sets the next alarm itself, last. */
  private inAlarm = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, withGates(env));
    this.sql = ctx.storage.sql;
    this.config = networkConfig(env);
    const name = ctx.id.name ?? '';
    const source = sourceOf(name);
    if (!source) throw new Error(`index object needs a name like <net>/index/table/<t>, got "${name}"`);
    this.source = source;
    this.projection =
      source.kind === 'table'
        ? tableProjection
        : source.kind === 'committee'
          ? committeeProjection
          : beaconProjection;
    this.createTables();
    this.cursor =
      this.sql.exec<{ seq: number }>('SELECT seq FROM ix_cursor WHERE id = 1').toArray()[0]?.seq ?? 0;
  }

  private createTables(): void {
    this.sql.exec('CREATE TABLE IF NOT EXISTS ix_cursor (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL)');
    for (const d of this.projection.ddl) this.sql.exec(d);
  }

  /** The source's stub, kept while it works (locally split networks reach it through a gate). */
  private logStub: LogSource | null = null;

  private log(): LogSource {
    if (this.logStub) return this.logStub;
    const name = sourceName(this.config, this.source);
    const ns =
      this.source.kind === 'table'
        ? this.env.TABLE
        : this.source.kind === 'committee'
          ? this.env.COMMITTEE
          : this.env.BEACON;
    return (this.logStub = ns.getByName(name) as unknown as LogSource);
  }

  /**
   * Folds events into rows and moves the cursor, all in one transaction; events must continue the
   * cursor. A page of some types only (`through` given) leaves gaps: any seq up to `through` may
   * come next, and the cursor ends at `through`.
   */
  private fold(events: EventRecord[], through?: number): void {
    this.ctx.storage.transactionSync(() => {
      let cursor = this.cursor;
      for (const ev of events) {
        if (ev.seq <= cursor) continue;
        if (through === undefined ? ev.seq !== cursor + 1 : ev.seq > through)
          throw new Error(`index: log gap, expected seq ${cursor + 1}, got ${ev.seq}`);
        this.projection.apply(this.sql, ev);
        cursor = ev.seq;
      }
      if (through !== undefined) cursor = Math.max(cursor, through);
      this.sql.exec(
        'INSERT INTO ix_cursor (id, seq) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq',
        cursor,
      );
      this.cursor = cursor;
    });
  }

  /** One page of the log after the cursor: only the types the projection folds, when it says. */
  private async page(batch: number): Promise<{ events: EventRecord[]; through?: number }> {
    const types = this.projection.types;
    try {
      if (types) return await this.log().eventsOf([...types], this.cursor, batch);
      return { events: await this.log().events(this.cursor, batch) };
    } catch (e) {
      // A stub can stay broken after a failed call (its object or process restarted): a new one next time.
      this.logStub = null;
      throw e;
    }
  }

  /** Pulls and folds up to `budget` events; one pull at a time (others wait for it). */
  private pull(budget: number): Promise<void> {
    if (!this.pulling)
      this.pulling = (async () => {
        const batch = batchOf(this.source);
        this.nudged = false;
        let folded = 0;
        for (;;) {
          const { events, through } = await this.page(batch);
          if (events.length || (through ?? 0) > this.cursor) this.fold(events, through);
          folded += events.length;
          this.behind = events.length === batch && folded >= budget;
          if (events.length < batch) this.caughtUpAt = Date.now();
          if (events.length < batch || this.behind) return;
        }
      })().finally(() => (this.pulling = null));
    return this.pulling;
  }

  /** Waits until no pull is in flight (another may start while one is awaited). */
  private async idle(): Promise<void> {
    while (this.pulling) await this.pulling;
  }

  /**
   * Catches up before a read, within the read budget. A read skips asking the log when the index
   * reached its head less than FRESH_MS ago and no nudge came since: nudges (one per block) say
   * when the log grew, so pages stay cheap without ever being more than FRESH_MS behind.
   */
  private async fresh(): Promise<void> {
    if (!this.nudged && !this.pulling && Date.now() - this.caughtUpAt < FRESH_MS) return;
    await this.pull(READ_BUDGET);
    if (this.behind) await this.nudge();
  }

  /**
   * The source log grew: catch up from the alarm, shortly (a no-op if the alarm is already set).
   * A nudge that comes while the alarm runs only leaves word for it: setting the alarm from inside
   * its own handler makes workerd cancel the running handler (and log it).
   */
  async nudge(): Promise<void> {
    this.nudged = true;
    if (this.inAlarm) return;
    if ((await this.ctx.storage.getAlarm()) === null)
      await this.ctx.storage.setAlarm(Date.now() + NUDGE_COALESCE_MS);
  }

  override async alarm(): Promise<void> {
    this.inAlarm = true;
    try {
      await this.pull(ALARM_BUDGET);
    } finally {
      this.inAlarm = false;
    }
    // Last: more to fold at once, or a nudge came during the pull (its events may be past it).
    if (this.behind) await this.ctx.storage.setAlarm(Date.now());
    else if (this.nudged) await this.ctx.storage.setAlarm(Date.now() + NUDGE_COALESCE_MS);
  }

  /** Pulls until the index has every event the log had when called. */
  async sync(): Promise<IndexStatus> {
    // A pull already in flight may have asked the log before this call: finish it, then pull again.
    await this.idle();
    do await this.pull(Number.MAX_SAFE_INTEGER);
    while (this.behind);
    return this.status();
  }

  async status(): Promise<IndexStatus> {
    return { name: this.ctx.id.name ?? '', source: this.source, cursor: this.cursor, behind: this.behind };
  }

  /** A digest of every row the projection owns (rebuilds and idempotency checks compare these). */
  async digest(): Promise<string> {
    return readModelDigest(this.sql, [...this.projection.digestQueries, 'SELECT seq FROM ix_cursor']);
  }

  /** Moves the cursor back without dropping rows: the next pull folds those events again. */
  async rewind(seq: number): Promise<IndexStatus> {
    await this.idle();
    this.ctx.storage.transactionSync(() => {
      this.cursor = Math.max(0, Math.min(this.cursor, Math.floor(seq)));
      this.sql.exec('UPDATE ix_cursor SET seq = ? WHERE id = 1', this.cursor);
    });
    return this.status();
  }

  /** Drops every row and the cursor: the next pull (a read, a nudge, sync) replays the log from its first event. */
  async drop(): Promise<IndexStatus> {
    await this.idle();
    this.ctx.storage.transactionSync(() => {
      for (const t of this.projection.tables) this.sql.exec(`DROP TABLE IF EXISTS ${t}`);
      this.sql.exec('DROP TABLE IF EXISTS ix_cursor');
      this.createTables();
      this.cursor = 0;
      this.behind = false;
      this.caughtUpAt = 0;
    });
    return this.status();
  }

  /** Drops everything and replays the source log to its head. */
  async rebuild(): Promise<IndexStatus> {
    await this.drop();
    return this.sync();
  }

  // ---- reads: table partitions ----

  async blocks(before: number | null, limit: number): Promise<IndexBlock[]> {
    await this.fresh();
    return blocksBelow(this.sql, this.table(), before, clamp(limit, 100));
  }

  async latestTxs(limit: number): Promise<IndexTx[]> {
    await this.fresh();
    return latestTxs(this.sql, this.table(), clamp(limit, 100));
  }

  async history(account: string, before: string | null, limit: number): Promise<HistoryPage> {
    await this.fresh();
    return history(this.sql, this.table(), account, parseHistoryCursor(before), clamp(limit, 1000));
  }

  /** What the home page needs from one table, in one call: newest blocks and transactions, and rate buckets. */
  async overview(
    n: number,
    from: number,
    to: number,
    width: number,
  ): Promise<{ blocks: IndexBlock[]; txs: IndexTx[]; rates: RateBucket[] }> {
    await this.fresh();
    const t = this.table();
    return {
      blocks: blocksBelow(this.sql, t, null, clamp(n, 100)),
      txs: latestTxs(this.sql, t, clamp(n, 100)),
      rates: rates(this.sql, Math.floor(from), Math.floor(to), Math.max(1, Math.floor(width))),
    };
  }

  async rates(from: number, to: number, width: number): Promise<RateBucket[]> {
    await this.fresh();
    return rates(this.sql, Math.floor(from), Math.floor(to), Math.max(1, Math.floor(width)));
  }

  async lattice(blocks: number, limit: number, entries = 6): Promise<LatticeUnit[]> {
    await this.fresh();
    return latticeUnits(this.sql, this.table(), clamp(blocks, 100), clamp(limit, 200), clamp(entries, 100));
  }

  // ---- reads: committee and beacon partitions ----

  async rounds(limit: number): Promise<RoundView[]> {
    this.expect('committee');
    await this.fresh();
    return recentRounds(this.sql, clamp(limit, 100));
  }

  async epochs(limit: number): Promise<EpochRow[]> {
    this.expect('beacon');
    await this.fresh();
    return epochs(this.sql, clamp(limit, 1000));
  }

  async checkpoints(limit: number): Promise<CheckpointRow[]> {
    this.expect('beacon');
    await this.fresh();
    return recentCheckpoints(this.sql, clamp(limit, 1000));
  }

  private table(): number {
    this.expect('table');
    return (this.source as { table: number }).table;
  }

  private expect(kind: IndexSource['kind']): void {
    if (this.source.kind !== kind)
      throw new Error(
        `index partition ${this.ctx.id.name} follows a ${this.source.kind} log, not a ${kind} log`,
      );
  }
}

function clamp(n: number, max: number): number {
  return Math.max(1, Math.min(max, Math.floor(Number.isFinite(n) ? n : max)));
}
