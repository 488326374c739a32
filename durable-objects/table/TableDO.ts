/**
 * The table Durable Object: one shard's slice of the lattice — its accounts' unit chains, its
 * table chain, its mempool and its inbox of receipts — as one hash-chained event log with read
 * models beside it. It admits transactions (TxsAccepted), builds a block from its mempool and inbox
 * with protocol/'s state transition, has its committee certify the header, and commits the block
 * (BlockCommitted) with everything it changed, in one transaction. Outgoing receipts leave through
 * the outbox to the zone; new blocks and transaction outcomes go to the hub.
 */
import { EventSourcedDO } from '../base/EventSourcedDO.ts';
import { hubName, networkConfig, zoneName } from '../base/config.ts';
import { fromHex, toHex, utf8 } from '../../protocol/bytes.ts';
import { sha256 } from '../../protocol/hash.ts';
import { encodeMerkleProof } from '../../protocol/merkle/merkle.ts';
import { decodeTx } from '../../protocol/tx/encodeTx.ts';
import { txHashAndSize } from '../../protocol/lattice/txDigest.ts';
import { admitTx } from '../../protocol/lattice/admitTx.ts';
import { applyEntry } from '../../protocol/lattice/applyEntry.ts';
import { applyBlock } from '../../protocol/lattice/applyBlock.ts';
import { cloneAccount, emptyAccount } from '../../protocol/lattice/accountState.ts';
import { genesisTable } from '../../protocol/lattice/genesis.ts';
import { encodeReceipt, receiptProofs } from '../../protocol/lattice/receipt.ts';
import { encodeHeader } from '../../protocol/lattice/tableBlock.ts';
import { encodeUnit } from '../../protocol/lattice/unitBlock.ts';
import { decodeReceipt } from '../../protocol/lattice/receipt.ts';
import { isProtocolError, ErrorCode, fail } from '../../protocol/errors.ts';
import {
  accountTable,
  genesisCommitteeOf,
  tableCount,
  type NetworkConfig,
} from '../../protocol/network/config.ts';
import {
  ReceiptKind,
  type AccountState,
  type BlockResult,
  type Receipt,
  type TableState,
} from '../../protocol/lattice/types.ts';
import type { Tx } from '../../protocol/tx/types.ts';
import {
  TableEvent,
  type BlockCommittedBody,
  type ReceiptsDeliveredBody,
  type TxsAcceptedBody,
} from '../../schema/events.ts';
import type {
  ErrorInfo,
  AccountView,
  BlockView,
  HubEvent,
  ReceiptBatch,
  SubmitResult,
  TableHead,
  TxView,
} from '../../schema/rpc.ts';
import {
  evolveAccepted,
  evolveCommitted,
  evolveDelivered,
  loadAccount,
  TABLE_READ_MODELS,
} from './evolve.ts';
import { openEnvelope } from './verifyEnvelope.ts';
import { accountView, blockView, txView } from './views.ts';

interface PendingTx {
  tx: Tx;
  hash: Uint8Array;
  size: number;
}

/** Most transactions one block takes from the mempool; the rest wait for the next. */
const MAX_BLOCK_TXS = 4000;
const MAX_BLOCK_RECEIPTS = 8000;
const MAX_MEMPOOL = 100_000;

export class TableDO extends EventSourcedDO {
  private config!: NetworkConfig;
  private table = -1;
  private state!: TableState;
  private pending: PendingTx[] = [];
  /** Each sender's account as its pending transactions leave it: what admission checks against. */
  private shadow = new Map<string, AccountState>();
  private inbox: Receipt[] = [];
  private producing: Promise<void> | null = null;
  private lastTime = 0;
  private draining = false;

  protected onLoad(): void {
    this.config = networkConfig(this.env);
    const name = this.ctx.id.name ?? '';
    const m = /\/table\/(\d+)\/(\d+)$/.exec(name);
    if (!m) throw new Error(`table object needs a name like <net>/table/<zone>/<n>, got "${name}"`);
    this.table = Number(m[1]) * this.config.tablesPerZone + Number(m[2]);
    if (this.headSeq === 0) this.writeGenesis();
    this.loadState();
  }

  private writeGenesis(): void {
    const g = genesisTable({
      chainId: this.config.chainId,
      table: this.table,
      tableCount: tableCount(this.config),
      time: this.config.genesisTime,
      accounts: this.config.prefunded.map((a) => ({ address: a.address, balance: BigInt(a.balance) })),
    });
    this.atomically(() => {
      const body = this.committedBody(g.block, null, null);
      this.append(TableEvent.committed, body, this.config.genesisTime * 1000);
      this.evolveBlock(body);
    });
  }

  /** In-memory state from the read models. */
  private loadState(): void {
    const sql = this.sql;
    const head = sql
      .exec<{ height: number; hash: ArrayBuffer; time: number }>(
        'SELECT height, hash, time FROM blocks ORDER BY height DESC LIMIT 1',
      )
      .one();
    const accounts = new Map<string, AccountState>();
    for (const r of sql.exec<{ address: string }>('SELECT address FROM accounts'))
      accounts.set(r.address, loadAccount(sql, r.address)!);
    const peers = new Map<number, { sent: bigint; received: bigint; confirmed: bigint }>();
    for (const r of sql.exec<{ peer: number; sent: string; received: string; confirmed: string }>(
      'SELECT * FROM peers',
    ))
      peers.set(r.peer, {
        sent: BigInt(r.sent),
        received: BigInt(r.received),
        confirmed: BigInt(r.confirmed),
      });
    this.state = {
      chainId: this.config.chainId,
      table: this.table,
      tableCount: tableCount(this.config),
      height: BigInt(head.height),
      lastBlockHash: new Uint8Array(head.hash),
      accounts,
      peers,
      burned: BigInt(this.metaGet('burned') ?? '0'),
    };
    this.lastTime = head.time;
    this.pending = [];
    for (const r of sql.exec<{ raw: ArrayBuffer }>(
      'SELECT t.raw FROM mempool m JOIN txs t ON t.hash = m.hash ORDER BY m.seq',
    )) {
      const tx = decodeTx(new Uint8Array(r.raw));
      this.pending.push({ tx, ...txHashAndSize(tx) });
    }
    this.rebuildShadow();
    this.inbox = sql
      .exec<{ body: string }>('SELECT body FROM inbox ORDER BY kind, from_table, CAST(id AS INTEGER)')
      .toArray()
      .map((r) => decodeReceipt(fromHex(r.body)));
  }

  private rebuildShadow(): void {
    this.shadow.clear();
    const time = this.now();
    for (const p of this.pending) {
      const a = this.shadowOf(p.tx.sender);
      try {
        applyEntry(a, admitTx(a, p.tx, p.hash, p.size, this.admitCtx(time)), time);
      } catch {
        // A pending transaction the block will reject; later ones of its sender will be judged then.
      }
    }
  }

  private shadowOf(address: string): AccountState {
    let a = this.shadow.get(address);
    if (!a) {
      const base = this.state.accounts.get(address);
      a = base ? cloneAccount(base) : emptyAccount();
      this.shadow.set(address, a);
    }
    return a;
  }

  private now(): number {
    return Math.floor(Date.now() / 1000);
  }

  private admitCtx(time: number) {
    return { table: this.table, tableCount: this.state.tableCount, time };
  }

  // ---- commands ----

  /**
   * Admits signed transactions (their signatures were checked at the edge). Each one is either
   * pending — appended in one TxsAccepted event — or rejected with a code, changing nothing.
   */
  async submit(raws: string[]): Promise<SubmitResult[]> {
    const time = this.now();
    const results: SubmitResult[] = [];
    const accepted: string[] = [];
    const decoded: (PendingTx | null)[] = raws.map(() => null);
    raws.forEach((raw, i) => {
      try {
        const tx = decodeTx(fromHex(raw, 'transaction'));
        decoded[i] = { tx, ...txHashAndSize(tx) };
      } catch (e) {
        results[i] = { hash: '', status: 'rejected', error: errorInfo(e) };
      }
    });
    this.atomically(() => {
      const batch: PendingTx[] = [];
      const inBatch = new Set<string>();
      const touched = new Map<string, AccountState>();
      decoded.forEach((p, i) => {
        if (!p) return;
        const hash = '0x' + toHex(p.hash);
        try {
          if (this.pending.length + batch.length >= MAX_MEMPOOL)
            fail(ErrorCode.MEMPOOL_FULL, 'the mempool is full; retry shortly', 'transaction');
          if (inBatch.has(hash) || this.sql.exec('SELECT 1 FROM txs WHERE hash = ?', p.hash).toArray().length)
            fail(ErrorCode.DUPLICATE_TX, 'transaction already known', 'transaction');
          const a = cloneAccount(touched.get(p.tx.sender) ?? this.shadowOf(p.tx.sender));
          applyEntry(a, admitTx(a, p.tx, p.hash, p.size, this.admitCtx(time)), time);
          touched.set(p.tx.sender, a);
          inBatch.add(hash);
          batch.push(p);
          accepted.push(raws[i]!);
          results[i] = { hash, status: 'pending' };
        } catch (e) {
          results[i] = { hash, status: 'rejected', error: errorInfo(e) };
        }
      });
      if (!batch.length) return;
      const body: TxsAcceptedBody = { txs: accepted };
      const ev = this.append(TableEvent.accepted, body);
      evolveAccepted(this.sql, body, ev.seq);
      // Memory follows only once the transaction above has committed its writes.
      this.pending.push(...batch);
      for (const [k, v] of touched) this.shadow.set(k, v);
    });
    if (accepted.length) this.kick();
    return results;
  }

  /** Receipts from the zone: verified, then queued in the inbox for the next block (duplicates ignored). */
  async deliver(batches: ReceiptBatch[]): Promise<{ accepted: number; duplicates: number }> {
    const receipts: Receipt[] = [];
    for (const b of batches)
      for (const e of b.envelopes) receipts.push(await openEnvelope(this.config, this.table, e));
    let accepted = 0;
    this.atomically(() => {
      const fresh = receipts.filter((x) => {
        const c = this.state.peers.get(x.fromTable);
        const seen = x.kind === ReceiptKind.send ? (c?.received ?? 0n) : (c?.confirmed ?? 0n);
        return (
          x.id > seen &&
          !this.inbox.some((y) => y.kind === x.kind && y.fromTable === x.fromTable && y.id === x.id)
        );
      });
      if (!fresh.length) return;
      const body: ReceiptsDeliveredBody = { receipts: fresh.map((x) => '0x' + toHex(encodeReceipt(x))) };
      this.append(TableEvent.delivered, body);
      evolveDelivered(this.sql, body);
      this.inbox.push(...fresh);
      accepted = fresh.length;
    });
    if (accepted) this.kick();
    return { accepted, duplicates: receipts.length - accepted };
  }

  /** Starts block production if there is work and no block in flight. */
  private kick(): void {
    if (!this.producing) this.producing = this.produceLoop().finally(() => (this.producing = null));
  }

  private async produceLoop(): Promise<void> {
    while (this.pending.length || this.inbox.length) {
      const ok = await this.produceBlock();
      if (!ok) {
        // The committee could not certify: try again from the alarm.
        await this.ctx.storage.setAlarm(Date.now() + 500);
        return;
      }
      if (this.config.blockIntervalMs > 0)
        await new Promise((r) => setTimeout(r, this.config.blockIntervalMs));
    }
  }

  private async produceBlock(): Promise<boolean> {
    const txs = this.pending.slice(0, MAX_BLOCK_TXS);
    const receipts = this.inbox.slice(0, MAX_BLOCK_RECEIPTS);
    const time = Math.max(this.lastTime, this.now());
    const result = applyBlock(this.state, { time, txs: txs.map((p) => p.tx), receipts });
    const committee = genesisCommitteeOf(this.config, this.table);
    let certificate: string;
    try {
      const headerHex = '0x' + toHex(encodeHeader(result.header));
      const cert = await this.env.COMMITTEE.getByName(committee.name).certify({
        table: this.table,
        height: Number(result.header.height),
        header: headerHex,
      });
      certificate = cert.certificate;
    } catch (e) {
      console.warn(`table ${this.table}: certify failed: ${(e as Error).message}`);
      return false;
    }
    this.atomically(() => {
      if (this.state.height + 1n !== result.header.height)
        throw new Error('table head moved during certification');
      const body = this.committedBody(result, certificate, committee.name);
      this.append(TableEvent.committed, body, time * 1000);
      this.evolveBlock(body);
      this.enqueueEffects(result, body, txs);
    });
    this.lastTime = time;
    const done = new Set(result.results.map((r) => toHex(r.hash)));
    this.pending = this.pending.filter((p) => !done.has(toHex(p.hash)));
    const gone = new Set(
      [...result.applied, ...result.skipped].map((x) => `${x.kind}/${x.fromTable}/${x.id}`),
    );
    this.inbox = this.inbox.filter((x) => !gone.has(`${x.kind}/${x.fromTable}/${x.id}`));
    this.rebuildShadow();
    void this.drain();
    return true;
  }

  private committedBody(
    r: BlockResult,
    certificate: string | null,
    committee: string | null,
  ): BlockCommittedBody {
    return {
      height: Number(r.header.height),
      hash: '0x' + toHex(r.hash),
      header: '0x' + toHex(encodeHeader(r.header)),
      certificate,
      committee,
      results: r.results.map((x) => ({
        hash: '0x' + toHex(x.hash),
        ok: x.ok,
        ...(x.ok ? {} : { code: x.code, message: x.message }),
      })),
      units: r.units.map((u) => '0x' + toHex(encodeUnit(u))),
      outgoing: r.outgoing.map((x) => '0x' + toHex(encodeReceipt(x))),
      applied: r.applied.map((x) => '0x' + toHex(encodeReceipt(x))),
      dropped: r.skipped.map((x) => '0x' + toHex(encodeReceipt(x))),
    };
  }

  /** Read models and in-memory state from one BlockCommitted body (live and replay alike). */
  private evolveBlock(body: BlockCommittedBody): void {
    const ev = evolveCommitted(this.sql, this.table, body);
    const burned = BigInt(this.metaGet('burned') ?? '0') + ev.burned;
    this.metaSet('burned', burned.toString());
    if (this.state) {
      for (const [k, v] of ev.accounts) this.state.accounts.set(k, v);
      for (const [k, v] of ev.peers) this.state.peers.set(k, v);
      this.state.height = BigInt(body.height);
      this.state.lastBlockHash = fromHex(body.hash);
      this.state.burned = burned;
    }
  }

  private enqueueEffects(r: BlockResult, body: BlockCommittedBody, txs: PendingTx[]): void {
    const byHash = new Map(txs.map((p) => [toHex(p.hash), p.tx]));
    const height = body.height;
    const byTarget = new Map<number, number[]>();
    r.outgoing.forEach((x, i) => byTarget.set(x.toTable, [...(byTarget.get(x.toTable) ?? []), i]));
    const zone = zoneName(this.config, Math.floor(this.table / this.config.tablesPerZone));
    const proofs = receiptProofs(r.outgoing);
    for (const [toTable, idx] of byTarget) {
      const batch: ReceiptBatch = {
        fromTable: this.table,
        toTable,
        height,
        envelopes: idx.map((i) => ({
          receipt: body.outgoing[i]!,
          proof: '0x' + toHex(encodeMerkleProof(proofs[i]!)),
          header: body.header,
          certificate: body.certificate!,
        })),
      };
      this.enqueue(`zone:${zone}`, `${this.table}:${height}:${toTable}`, batch);
    }
    const events: HubEvent[] = [
      {
        kind: 'block',
        table: this.table,
        height,
        hash: body.hash,
        txCount: r.header.txCount,
        time: r.header.time,
      },
    ];
    r.results.forEach((x, i) => {
      const tx = byHash.get(toHex(x.hash));
      const cross = tx && accountTable(this.config, tx.receiver) !== this.table && tx.type === 0;
      events.push({
        kind: 'tx',
        hash: body.results[i]!.hash,
        status: !x.ok ? 'rejected' : cross ? 'sent' : 'final',
        table: this.table,
        height,
        accounts: tx ? [tx.sender, tx.receiver] : [],
      });
    });
    for (const x of r.applied) {
      const hash = '0x' + toHex(x.txHash);
      if (x.kind === ReceiptKind.send)
        events.push({
          kind: 'tx',
          hash,
          status: 'received',
          table: this.table,
          height,
          accounts: [x.sender, x.receiver],
        });
      else
        events.push({
          kind: 'tx',
          hash,
          status: 'final',
          table: this.table,
          height,
          accounts: [x.sender, x.receiver],
        });
    }
    this.enqueue('hub', `hub:${height}`, events);
  }

  protected async deliverEffect(target: string, bodies: unknown[]): Promise<void> {
    if (target.startsWith('zone:'))
      await this.env.ZONE.getByName(target.slice(5)).route(bodies as ReceiptBatch[]);
    else if (target === 'hub')
      await (
        this.env.HUB.getByName(hubName(this.config)) as unknown as { publish(e: HubEvent[]): Promise<void> }
      ).publish((bodies as HubEvent[][]).flat());
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      const { failed } = await this.drainOutbox();
      if (failed || this.outboxSize()) await this.ctx.storage.setAlarm(Date.now() + (failed ? 1000 : 10));
    } finally {
      this.draining = false;
    }
  }

  override async alarm(): Promise<void> {
    await this.drain();
    if (this.pending.length || this.inbox.length) this.kick();
  }

  // ---- reads ----

  async getAccount(address: string): Promise<AccountView> {
    const a = this.state.accounts.get(address) ?? emptyAccount();
    return accountView(
      address,
      this.table,
      a,
      this.pending.filter((p) => p.tx.sender === address).length,
      this.now(),
    );
  }

  async getTransaction(hash: string): Promise<TxView | null> {
    return txView(this.sql, this.table, fromHex(hash, 'hash', 32));
  }

  /** The recv phase of a cross-table transfer, as the receiver's table saw it. */
  async getReceived(hash: string): Promise<{ fromTable: number; receiptId: string; height: number } | null> {
    const r = this.sql
      .exec<{ from_table: number; receipt_id: string; height: number }>(
        'SELECT from_table, receipt_id, height FROM received WHERE hash = ?',
        fromHex(hash, 'hash', 32),
      )
      .toArray()[0];
    return r ? { fromTable: r.from_table, receiptId: r.receipt_id, height: r.height } : null;
  }

  async getBlock(at: { height: number } | { hash: string }): Promise<BlockView | null> {
    return blockView(this.sql, this.table, at);
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
    return [...this.state.peers].map(([peer, c]) => ({
      peer,
      sent: c.sent.toString(),
      received: c.received.toString(),
      confirmed: c.confirmed.toString(),
    }));
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
      pending: this.pending.length,
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
    const before = this.readModelDigest();
    let events = 0;
    this.atomically(() => {
      for (const t of TABLE_READ_MODELS) this.sql.exec(`DELETE FROM ${t}`);
      this.sql.exec("DELETE FROM meta WHERE key = 'burned'");
      for (const r of this.sql
        .exec<{ seq: number; type: string; body: string }>('SELECT seq, type, body FROM events ORDER BY seq')
        .toArray()) {
        events++;
        const body = JSON.parse(r.body);
        if (r.type === TableEvent.accepted) evolveAccepted(this.sql, body, r.seq);
        else if (r.type === TableEvent.delivered) evolveDelivered(this.sql, body);
        else if (r.type === TableEvent.committed) {
          const ev = evolveCommitted(this.sql, this.table, body);
          this.metaSet('burned', (BigInt(this.metaGet('burned') ?? '0') + ev.burned).toString());
        }
      }
    });
    this.loadState();
    const after = this.readModelDigest();
    return { equal: before === after, before, after, events };
  }

  private readModelDigest(): string {
    const parts: string[] = [];
    for (const t of TABLE_READ_MODELS) {
      const rows = this.sql
        .exec(`SELECT * FROM ${t}`)
        .toArray()
        .map((r) =>
          JSON.stringify(
            Object.entries(r).map(([k, v]) => [k, v instanceof ArrayBuffer ? toHex(new Uint8Array(v)) : v]),
          ),
        );
      rows.sort();
      parts.push(`${t}:${rows.length}:${rows.join('|')}`);
    }
    parts.push(`burned:${this.metaGet('burned') ?? '0'}`);
    return digestHex(parts.join('\n'));
  }
}

function errorInfo(e: unknown): ErrorInfo {
  if (isProtocolError(e)) return e.toJSON();
  throw e;
}

function digestHex(s: string): string {
  return toHex(sha256(utf8(s)));
}
