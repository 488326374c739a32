/**
 * The table Durable Object: one shard's slice of the lattice — its accounts' unit chains, its
 * table chain, its mempool and its inbox of receipts — as one hash-chained event log with read
 * models beside it. It admits transactions (TxsAccepted), builds a block from its mempool and inbox
 * with protocol/'s state transition, has its committee certify the header, and commits the block
 * (BlockCommitted) with everything it changed, in one transaction. Outgoing receipts leave through
 * the outbox to the zone; new blocks and transaction outcomes go to the hub, best-effort (hubFeed.ts).
 */
import { EventSourcedDO } from '../base/EventSourcedDO.ts';
import { beaconName, hubName, networkConfig, zoneName } from '../base/config.ts';
import { readModelDigest } from '../base/readModelDigest.ts';
import { committedBody, genesisBody, headOf, hubEvents, receiptBatches } from './blockEffects.ts';
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { decodeTx } from '../../protocol/tx/encodeTx.ts';
import { txHashAndSize } from '../../protocol/lattice/txDigest.ts';
import { applyBlock } from '../../protocol/lattice/applyBlock.ts';
import { emptyAccount } from '../../protocol/lattice/accountState.ts';
import { encodeHeader } from '../../protocol/lattice/tableBlock.ts';
import { isProtocolError } from '../../protocol/errors.ts';
import { accountTable, type NetworkConfig } from '../../protocol/network/config.ts';
import {
  ReceiptKind,
  type BlockResult,
  type Receipt,
  type TableState,
} from '../../protocol/lattice/types.ts';
import {
  TableEvent,
  type BlockCommittedBody,
  type BlockProposedBody,
  type ReceiptsDeliveredBody,
  type TxsAcceptedBody,
} from '../../schema/events.ts';
import type {
  ErrorInfo,
  AccountView,
  BlockView,
  ReceiptBatch,
  SubmitResult,
  TableHead,
  TxView,
} from '../../schema/rpc.ts';
import {
  evolve,
  evolveAccepted,
  evolveDelivered,
  replayLog,
  savedProposal,
  TABLE_READ_MODEL_QUERIES,
} from './evolve.ts';
import { loadState, type PendingTx } from './loadState.ts';
import { Mempool } from './mempool.ts';
import type { Tx } from '../../protocol/tx/types.ts';
import { openBatch, type Opened } from './verifyEnvelope.ts';
import { HubFeed } from './hubFeed.ts';
import { accountView, blockView, receiptIdsView, receivedView, txView } from './views.ts';
import { genesisAssignment, isAssignment, newer } from './epochAssignment.ts';
import { CertKeys } from './certKeys.ts';
import { registryBatch } from './registryEffects.ts';
import type { NodeTxsBody, TableAssignment } from '../../schema/dpos.ts';

/** Most transactions one block takes from the mempool; the rest wait for the next. */
const MAX_BLOCK_TXS = 4000;
const MAX_BLOCK_RECEIPTS = 8000;
const CHECKPOINT_EVERY = 8;
/** A block with at most this many inputs (transactions and receipts) does not hold the next one back. */
const QUIET_BLOCK_INPUTS = 1;

const receiptKey = (x: Receipt): string => `${x.kind}/${x.fromTable}/${x.id}`;

export class TableDO extends EventSourcedDO {
  private config!: NetworkConfig;
  private table = -1;
  private state!: TableState;
  private readonly mempool = new Mempool(
    (address) => this.state.accounts.get(address),
    (time) => ({ table: this.table, tableCount: this.state.tableCount, time }),
  );
  private inbox: Receipt[] = [];
  /** receiptKey of every inbox entry: the duplicate check on delivery is a lookup, not a scan. */
  private inboxKeys = new Set<string>();
  private producing: Promise<void> | null = null;
  private lastTime = 0;
  /** When to retry block production after a failed certification, or null. */
  private retryAt: number | null = null;
  private readonly hubFeed = new HubFeed(async (events) => {
    try {
      await this.stub('HUB', hubName(this.config)).publish(events);
    } catch (e) {
      this.forgetStubs();
      throw e;
    }
  });
  /** The committee this table answers to (DPoS epochs; genesis until the beacon assigns one). */
  private assignment!: TableAssignment;
  private certKeys!: CertKeys;

  protected onLoad(): void {
    this.config = networkConfig(this.env);
    const name = this.ctx.id.name ?? '';
    const m = /\/table\/(\d+)\/(\d+)$/.exec(name);
    if (!m) throw new Error(`table object needs a name like <net>/table/<zone>/<n>, got "${name}"`);
    this.table = Number(m[1]) * this.config.tablesPerZone + Number(m[2]);
    if (this.headSeq === 0) this.writeGenesis();
    const saved = this.metaGet('assignment');
    this.assignment = saved ? JSON.parse(saved) : genesisAssignment(this.config, this.table);
    this.certKeys = new CertKeys(this.config, (t) =>
      this.stub('BEACON', beaconName(this.config)).tableKeyHistory(t),
    );
    this.load();
    // Work left from before a restart (a mempool, an inbox, a proposal mid-round) resumes from the alarm.
    if (this.mempool.pending.length || this.inbox.length) this.retryAt = Date.now();
  }

  private writeGenesis(): void {
    const body = genesisBody(this.config, this.table);
    this.atomically(() =>
      this.evolveBlock(body, this.append(TableEvent.committed, body, this.config.genesisTime * 1000).seq),
    );
  }

  /** In-memory state from the read models. */
  private load(): void {
    const loaded = loadState(this.sql, this.config, this.table);
    ({ state: this.state, lastTime: this.lastTime, inbox: this.inbox } = loaded);
    this.inboxKeys = new Set(this.inbox.map(receiptKey));
    this.mempool.reset(loaded.pending, this.now());
  }

  private now(): number {
    return Math.floor(Date.now() / 1000);
  }

  // ---- commands ----

  /**
   * Admits signed transactions (their signatures were checked at the edge). Each one is either
   * pending — appended in one TxsAccepted event — or rejected with a code, changing nothing.
   */
  async submit(raws: string[]): Promise<SubmitResult[]> {
    const time = this.now();
    const results: SubmitResult[] = new Array(raws.length);
    const decoded: PendingTx[] = [];
    const rawOf = new Map<PendingTx, string>();
    const index: number[] = [];
    raws.forEach((raw, i) => {
      try {
        const tx = decodeTx(fromHex(raw, 'transaction'));
        const p = { tx, ...txHashAndSize(tx) };
        decoded.push(p);
        rawOf.set(p, raw);
        index.push(i);
      } catch (e) {
        results[i] = { hash: '', status: 'rejected', error: errorInfo(e) };
      }
    });
    const plan = this.atomically(() => {
      const plan = this.mempool.plan(
        decoded,
        time,
        (h) => this.sql.exec('SELECT 1 FROM txs WHERE hash = ?', h).toArray().length > 0,
      );
      if (plan.admitted.length) {
        const body: TxsAcceptedBody = { txs: plan.admitted.map((p) => rawOf.get(p)!) };
        evolveAccepted(this.sql, body, this.append(TableEvent.accepted, body).seq, plan.admitted);
      }
      return plan;
    });
    // Memory follows once the writes above have committed.
    this.mempool.apply(plan);
    plan.outcomes.forEach((o, k) => {
      results[index[k]!] = o.ok
        ? { hash: o.hash, status: 'pending' }
        : { hash: o.hash, status: 'rejected', error: o.error };
    });
    if (plan.admitted.length) this.kick();
    return results;
  }

  /** Receipts from the zone: verified, then queued in the inbox for the next block (duplicates ignored). */
  async deliver(batches: ReceiptBatch[]): Promise<{ accepted: number; duplicates: number }> {
    const opened: Opened[] = [];
    for (const b of batches) opened.push(...(await openBatch(this.config, this.table, b, this.certKeys)));
    let accepted = 0;
    this.atomically(() => {
      const batchKeys = new Set<string>();
      const fresh = opened.filter(({ receipt: x }) => {
        const c = this.state.peers.get(x.fromTable);
        const seen = x.kind === ReceiptKind.send ? (c?.received ?? 0n) : (c?.confirmed ?? 0n);
        const key = receiptKey(x);
        if (x.id <= seen || this.inboxKeys.has(key) || batchKeys.has(key)) return false;
        batchKeys.add(key);
        return true;
      });
      if (!fresh.length) return;
      const body: ReceiptsDeliveredBody = { receipts: fresh.map((o) => o.raw) };
      this.append(TableEvent.delivered, body);
      evolveDelivered(
        this.sql,
        body,
        fresh.map((o) => o.receipt),
      );
      for (const o of fresh) {
        this.inbox.push(o.receipt);
        this.inboxKeys.add(receiptKey(o.receipt));
      }
      accepted = fresh.length;
    });
    if (accepted) this.kick();
    return { accepted, duplicates: opened.length - accepted };
  }

  /** Starts block production if there is work and no block in flight. */
  private kick(): void {
    if (!this.producing) this.producing = this.produceLoop().finally(() => (this.producing = null));
  }

  private async produceLoop(): Promise<void> {
    while (this.mempool.pending.length || this.inbox.length) {
      const started = Date.now();
      const carried = await this.produceBlock();
      if (carried === null) {
        // The committee could not certify: try again from the alarm.
        this.retryAt = Date.now() + 500;
        await this.reschedule();
        return;
      }
      // Blocks start at most once per interval; the time spent certifying counts toward it, so
      // an interval caps the block rate (what amortizes per-block costs under load) without
      // adding a full interval to every hop. A block that carried almost nothing says the table
      // is not under load: the next one may start at once (a lone transfer's confirm, say).
      if (carried <= QUIET_BLOCK_INPUTS) continue;
      const rest = started + this.config.blockIntervalMs - Date.now();
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
  }

  /**
   * The next block's inputs: those of the proposal written ahead if it is for this height (a
   * restart mid-round re-proposes the same block), else fresh ones, written ahead now.
   */
  private nextInputs(): { time: number; txs: PendingTx[]; receipts: Receipt[] } {
    const height = Number(this.state.height) + 1;
    const saved = savedProposal(this.sql);
    if (saved && saved.height === height) {
      const byHash = new Map(this.mempool.pending.map((p) => ['0x' + toHex(p.hash), p]));
      const byKey = new Map(this.inbox.map((x) => [receiptKey(x), x]));
      const txs = saved.txs.map((h) => byHash.get(h));
      const receipts = saved.receipts.map((k) => byKey.get(k));
      if (txs.every((t) => t) && receipts.every((x) => x))
        return { time: saved.time, txs: txs as PendingTx[], receipts: receipts as Receipt[] };
    }
    const txs = this.mempool.pending.slice(0, MAX_BLOCK_TXS);
    const receipts = this.inbox.slice(0, MAX_BLOCK_RECEIPTS);
    const time = Math.max(this.lastTime, this.now());
    const body: BlockProposedBody = {
      height,
      time,
      txs: txs.map((p) => '0x' + toHex(p.hash)),
      receipts: receipts.map(receiptKey),
    };
    this.atomically(() =>
      evolve(this.sql, this.table, TableEvent.proposed, body, this.append(TableEvent.proposed, body).seq),
    );
    return { time, txs, receipts };
  }

  /** Makes and commits the next block; resolves how many inputs it carried, or null if not certified. */
  private async produceBlock(): Promise<number | null> {
    const { time, txs, receipts } = this.nextInputs();
    const result = applyBlock(this.state, { time, txs: txs.map((p) => p.tx), receipts });
    const committee = { name: this.assignment.committee, epoch: this.assignment.epoch };
    let certificate: string;
    let epoch = 0;
    try {
      const headerHex = '0x' + toHex(encodeHeader(result.header));
      const cert = await this.stub('COMMITTEE', committee.name).certify({
        table: this.table,
        height: Number(result.header.height),
        header: headerHex,
        ...(committee.epoch ? { epoch: committee.epoch } : {}),
      });
      certificate = cert.certificate;
      epoch = cert.epoch ?? 0;
    } catch (e) {
      console.warn(`table ${this.table}: certify failed: ${(e as Error).message}`);
      this.forgetStubs();
      // Perhaps an epoch passed us by: ask the beacon who owns this table now.
      await this.pullAssignment();
      return null;
    }
    const committed = this.atomically(() => {
      if (this.state.height + 1n !== result.header.height)
        throw new Error('table head moved during certification');
      const body = committedBody(result, certificate, committee.name);
      if (epoch) body.epoch = epoch;
      this.evolveBlock(body, this.append(TableEvent.committed, body, time * 1000).seq);
      this.enqueueEffects(
        result,
        body,
        txs.map((p) => p.tx),
      );
      return body;
    });
    // Live events follow the commit, best-effort (hubFeed.ts).
    this.hubFeed.push(
      hubEvents(
        this.table,
        (a) => accountTable(this.config, a),
        result,
        committed,
        txs.map((p) => p.tx),
      ),
    );
    this.lastTime = time;
    this.mempool.removeDecided(new Set(result.results.map((r) => toHex(r.hash))), this.now());
    const gone = new Set([...result.applied, ...result.skipped].map(receiptKey));
    this.inbox = this.inbox.filter((x) => !gone.has(receiptKey(x)));
    for (const k of gone) this.inboxKeys.delete(k);
    this.kickOutbox();
    return txs.length + receipts.length;
  }

  /** Read models and in-memory state from one BlockCommitted body. */
  private evolveBlock(body: BlockCommittedBody, seq: number): void {
    const ev = evolve(
      this.sql,
      this.table,
      TableEvent.committed,
      body,
      seq,
      (a) => this.state?.accounts.get(a),
      (t) => this.state?.peers.get(t),
    )!;
    if (!this.state) return;
    for (const [k, v] of ev.accounts) this.state.accounts.set(k, v);
    for (const [k, v] of ev.peers) this.state.peers.set(k, v);
    this.state.height = BigInt(body.height);
    this.state.lastBlockHash = fromHex(body.hash);
    this.state.burned += ev.burned;
  }

  /** Effects of a committed block, queued in the same transaction as the block itself. */
  private enqueueEffects(r: BlockResult, body: BlockCommittedBody, txs: readonly Tx[]): void {
    const zone = zoneName(this.config, Math.floor(this.table / this.config.tablesPerZone));
    for (const b of receiptBatches(r, body))
      this.enqueue(`zone:${zone}`, `${b.fromTable}:${b.height}:${b.toTable}`, b);
    const nodeTxs = registryBatch(this.table, r, txs);
    if (nodeTxs) this.enqueue('registry', `registry:${body.height}`, nodeTxs);
    // The beacon checkpoints heads; every block's would cost a call per block for little gain.
    if (body.height % CHECKPOINT_EVERY === 0)
      this.enqueue('beacon', `head:${body.height}`, headOf(this.table, r));
  }

  protected async deliverEffect(target: string, bodies: unknown[]): Promise<void> {
    if (target.startsWith('zone:')) await this.stub('ZONE', target.slice(5)).route(bodies as ReceiptBatch[]);
    else if (target === 'registry')
      await this.stub('BEACON', beaconName(this.config)).nodeTxs(bodies as NodeTxsBody[]);
    // Only the newest head matters to the beacon's checkpoints.
    else if (target === 'beacon')
      await this.stub('BEACON', beaconName(this.config)).checkpoint([bodies[bodies.length - 1] as TableHead]);
  }

  /** The beacon's push of a new epoch's committee; only a later epoch replaces the current one. */
  async assign(a: TableAssignment): Promise<TableAssignment> {
    if (!isAssignment(a)) throw new Error('expected a table assignment { epoch, committee, zone, index }');
    const next = newer(this.assignment, a);
    if (next !== this.assignment)
      this.atomically(() => {
        this.metaSet('assignment', JSON.stringify(next));
        this.assignment = next;
      });
    return this.assignment;
  }

  private async pullAssignment(): Promise<void> {
    try {
      await this.assign(await this.stub('BEACON', beaconName(this.config)).assignmentOf(this.table));
    } catch (e) {
      console.warn(`table ${this.table}: assignment pull failed: ${(e as Error).message}`);
    }
  }

  protected override nextWakeup(): number | null {
    return this.retryAt;
  }

  protected override async onAlarm(): Promise<void> {
    if (this.retryAt !== null && this.retryAt <= Date.now()) this.retryAt = null;
    if (this.mempool.pending.length || this.inbox.length) this.kick();
  }

  // ---- reads ----

  async getAccount(address: string): Promise<AccountView> {
    const a = this.state.accounts.get(address) ?? emptyAccount();
    return accountView(address, this.table, a, this.mempool.countFrom(address), this.now());
  }

  async getTransaction(hash: string): Promise<TxView | null> {
    return txView(this.sql, this.table, fromHex(hash, 'hash', 32));
  }

  /** The recv phase of a cross-table transfer, as the receiver's table saw it. */
  async getReceived(hash: string): Promise<{ fromTable: number; receiptId: string; height: number } | null> {
    return receivedView(this.sql, fromHex(hash, 'hash', 32));
  }

  async blockHash(height: number): Promise<string | null> {
    const r = this.sql
      .exec<{ hash: ArrayBuffer }>('SELECT hash FROM blocks WHERE height = ?', height)
      .toArray()[0];
    return r ? '0x' + toHex(new Uint8Array(r.hash)) : null;
  }

  /** A block; `maxUnits` decodes only that many of its unit blocks (a page shows a few). */
  async getBlock(at: { height: number } | { hash: string }, maxUnits?: number): Promise<BlockView | null> {
    return blockView(this.sql, this.table, at, maxUnits ?? Infinity);
  }

  async latest(): Promise<TableHead> {
    return {
      table: this.table,
      height: Number(this.state.height),
      hash: '0x' + toHex(this.state.lastBlockHash),
      time: this.lastTime,
    };
  }

  async getCrossReceiptIds(): Promise<{ peer: number; sent: string; received: string; confirmed: string }[]> {
    return receiptIdsView(this.state.peers);
  }

  async stats(): Promise<{
    table: number;
    height: number;
    pending: number;
    inbox: number;
    outbox: number;
    accounts: number;
    burned: string;
  }> {
    return {
      table: this.table,
      height: Number(this.state.height),
      pending: this.mempool.pending.length,
      inbox: this.inbox.length,
      outbox: this.outboxSize(),
      accounts: this.state.accounts.size,
      burned: this.state.burned.toString(),
    };
  }

  /** Every account's state, for supply checks and audits (small tables only). */
  async accountsSnapshot(): Promise<{ address: string; state: string }[]> {
    return this.sql
      .exec<{ address: string; state: string }>('SELECT address, state FROM accounts ORDER BY address')
      .toArray();
  }

  /**
   * Drops every read model and rebuilds it by replaying the log, then reports whether the rebuilt
   * models equal the live ones (compared as digests of their rows).
   */
  async rebuildReadModels(): Promise<{ equal: boolean; before: string; after: string; events: number }> {
    if (this.producing) await this.producing;
    const before = readModelDigest(this.sql, TABLE_READ_MODEL_QUERIES);
    const events = this.atomically(() => replayLog(this.sql, this.table));
    this.load();
    const after = readModelDigest(this.sql, TABLE_READ_MODEL_QUERIES);
    return { equal: before === after, before, after, events };
  }
}

function errorInfo(e: unknown): ErrorInfo {
  if (isProtocolError(e)) return e.toJSON();
  throw e;
}
