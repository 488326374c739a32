/**
 * The beacon Durable Object: the network's genesis and its clock. Its first event, written the first
 * time the object loads, is Genesis: the full config and the genesis committees (tables owned,
 * members' keys), stamped with the genesis time so the same config gives the same genesis hash
 * everywhere. From then on the logged config, not the Worker's env, is the network's. The beacon
 * answers what time and epoch it is, which committee owns which table (the latest EpochStarted
 * once elections write one, else genesis), and keeps the latest checkpointed head of every table
 * (Checkpoint events, only when a head moves forward; a second block at a checkpointed height is
 * refused as a fork).
 *
 * PBFT-DPoS (docs/dpos.md): the beacon keeps the node registry — registry transactions tables
 * forward once committed (NodeTxs), signed deregistrations, equivocation evidence — and at each
 * epoch boundary settles the closing epoch (credit, rewards) and elects the next committees with
 * every candidate's VRF proof (EpochStarted). The new assignment is pushed to every table through
 * the outbox; tables and committees hand over at their next block.
 */
import { EventSourcedDO } from '../base/EventSourcedDO.ts';
import { networkConfig } from '../base/config.ts';
import { readModelDigest } from '../base/readModelDigest.ts';
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { ErrorCode, fail, isProtocolError } from '../../protocol/errors.ts';
import { tableCount, tableName, type NetworkConfig } from '../../protocol/network/config.ts';
import {
  BeaconEvent,
  type CheckpointBody,
  type EpochStartedBody,
  type GenesisBody,
} from '../../schema/events.ts';
import type {
  ErrorInfo,
  Assignment,
  CheckpointResult,
  ClockInfo,
  CommitteeInfo,
  GeneralInfos,
  GenesisInfo,
  TableHead,
} from '../../schema/rpc.ts';
import { checkHeads } from './checkHeads.ts';
import { clockAt } from './clock.ts';
import { genesisBody } from './genesis.ts';
import { dposParams, type DposParams } from '../../protocol/dpos/params.ts';
import { deregisterNode, slashNode, type Registry } from '../../protocol/dpos/registry.ts';
import {
  DposEvent,
  applyNodeTxsBody,
  evidenceKey,
  type NodeTxsBody,
} from '../../protocol/dpos/beaconEvents.ts';
import { checkNodeMessage } from '../../protocol/dpos/nodeMessage.ts';
import type { Evidence } from '../../protocol/dpos/equivocation.ts';
import { firstElectionSeed } from '../../protocol/dpos/verifyBeaconLog.ts';
import { parseAddress } from '../../protocol/keys/address.ts';
import type {
  ElectInfo,
  EpochCommittee,
  NodeHistoryEntry,
  NodeRewardView,
  NodeView,
  StandbyView,
  TableAssignment,
  VoteUsedView,
} from '../../schema/dpos.ts';
import { allEpochs, committeeOfEpoch, epochStarted, loadRegistry, tableKeyHistory } from './dposLog.ts';
import { nodeHistory, nodeView, rewardView, standbys, votesUsed } from './dposViews.ts';
import { checkNodeTxs, electNext, verifyEvidence } from './dposDecide.ts';

const READ_MODEL_QUERIES = ['SELECT * FROM beacon_checkpoints ORDER BY table_index'];

export class BeaconDO extends EventSourcedDO {
  private genesisInfo!: GenesisInfo;
  /** The committees of the current assignment (genesis until an EpochStarted replaces them). */
  private committees!: CommitteeInfo[];
  private params!: DposParams;
  private reg!: Registry;

  protected onLoad(): void {
    if (this.headSeq === 0) {
      const body = genesisBody(networkConfig(this.env));
      this.atomically(() => this.append(BeaconEvent.genesis, body, body.config.genesisTime * 1000));
    }
    const first = this.sql
      .exec<{ body: string; hash: ArrayBuffer }>('SELECT body, hash FROM events WHERE seq = 1')
      .one();
    const genesis = JSON.parse(first.body) as GenesisBody;
    this.genesisInfo = { hash: '0x' + toHex(new Uint8Array(first.hash)), ...genesis };
    if (JSON.stringify(networkConfig(this.env)) !== JSON.stringify(genesis.config))
      console.warn(
        `beacon ${genesis.config.name}: the env's network config differs from genesis; genesis stands`,
      );
    this.loadCommittees();
    this.params = dposParams(this.config.seed);
    this.reg = loadRegistry(this.sql, this.registryCtx());
  }

  private registryCtx() {
    return { seedHex: this.config.seed, params: this.params };
  }

  private get config(): NetworkConfig {
    return this.genesisInfo.config;
  }

  /** The one place elections plug in: the latest EpochStarted's committees, else the genesis ones. */
  private loadCommittees(): void {
    const row = this.sql
      .exec<{ body: string }>(
        'SELECT body FROM events WHERE type = ? ORDER BY seq DESC LIMIT 1',
        BeaconEvent.epochStarted,
      )
      .toArray()[0];
    this.committees = row
      ? (JSON.parse(row.body) as EpochStartedBody).committees
      : this.genesisInfo.committees;
  }

  async genesis(): Promise<GenesisInfo> {
    return this.genesisInfo;
  }

  /** The time (Unix ms; the caller's, else the object's clock) and the epoch it falls in. */
  async clock(nowMs?: number): Promise<ClockInfo> {
    if (nowMs !== undefined && (typeof nowMs !== 'number' || !Number.isSafeInteger(nowMs) || nowMs < 0))
      fail(ErrorCode.NOT_INTEGER, `expected Unix milliseconds, got ${JSON.stringify(nowMs)}`, 'nowMs');
    return clockAt(this.config, nowMs ?? Date.now());
  }

  /** Each table's committee and its members' keys, by table. */
  async assignments(): Promise<Assignment[]> {
    return this.committees
      .flatMap((c) => c.tables.map((table) => ({ table, committee: c.name, members: c.members })))
      .sort((a, b) => a.table - b.table);
  }

  /**
   * Records table heads. A head above the table's checkpoint moves it (one Checkpoint event per
   * call, listing the heads that moved); an older or repeated head is ignored, so calls are
   * idempotent; a different hash at the checkpointed height is a fork and rejects the whole call.
   */
  async checkpoint(heads: TableHead[]): Promise<CheckpointResult> {
    const checked = checkHeads(this.config, heads);
    return this.atomically(() => {
      const moved = new Map<number, TableHead>();
      for (const h of checked) {
        const cur = moved.get(h.table) ?? this.checkpointOf(h.table);
        if (cur && h.height === cur.height && h.hash !== cur.hash)
          fail(
            ErrorCode.CHECKPOINT_CONFLICT,
            `table ${h.table} at height ${h.height} is ${cur.hash}, not ${h.hash}`,
            'heads',
          );
        if (!cur || h.height > cur.height) moved.set(h.table, h);
      }
      if (!moved.size) return { advanced: 0, seq: null };
      const body: CheckpointBody = { heads: [...moved.values()].sort((a, b) => a.table - b.table) };
      const seq = this.append(BeaconEvent.checkpoint, body).seq;
      this.applyCheckpoint(body, seq);
      return { advanced: body.heads.length, seq };
    });
  }

  /** The latest checkpointed head of every table that has one. */
  async checkpoints(): Promise<TableHead[]> {
    return this.readHeads('');
  }

  async generalInfos(): Promise<GeneralInfos> {
    const c = this.config;
    return {
      name: c.name,
      chainId: c.chainId,
      genesisHash: this.genesisInfo.hash,
      genesisTime: c.genesisTime,
      zones: c.zones,
      tablesPerZone: c.tablesPerZone,
      tables: tableCount(c),
      committees: this.committees.length,
      committeeSize: c.committeeSize,
      blockIntervalMs: c.blockIntervalMs,
      epoch: clockAt(c, Date.now()).epoch,
      epochSeconds: c.epochSeconds,
      totalSupply: c.prefunded.reduce((sum, p) => sum + BigInt(p.balance), 0n).toString(),
    };
  }

  /** Drops the checkpoint read model, replays the log into it, and reports whether it came out the same. */
  async rebuildReadModels(): Promise<{ equal: boolean; before: string; after: string; events: number }> {
    const before = readModelDigest(this.sql, READ_MODEL_QUERIES);
    let events = 0;
    this.atomically(() => {
      this.sql.exec('DELETE FROM beacon_checkpoints');
      for (const r of this.sql.exec<{ seq: number; type: string; body: string }>(
        'SELECT seq, type, body FROM events ORDER BY seq',
      )) {
        events++;
        if (r.type === BeaconEvent.checkpoint) this.applyCheckpoint(JSON.parse(r.body), r.seq);
      }
    });
    this.loadCommittees();
    this.reg = loadRegistry(this.sql, this.registryCtx());
    const after = readModelDigest(this.sql, READ_MODEL_QUERIES);
    return { equal: before === after, before, after, events };
  }

  /** Assignments pushed to tables: only the newest matters. */
  protected async deliverEffect(target: string, bodies: unknown[]): Promise<void> {
    if (!target.startsWith('table:')) throw new Error(`the beacon delivers only to tables, not ${target}`);
    await this.env.TABLE.getByName(target.slice(6)).assign(bodies[bodies.length - 1] as TableAssignment);
  }

  // ---- PBFT-DPoS ----

  /** Registry transactions a table committed (registerNode, vote, unvote), re-checked and folded in. */
  async nodeTxs(batches: NodeTxsBody[]): Promise<{ applied: number; refused: number }> {
    const checked = await checkNodeTxs(batches, this.reg);
    let refused = 0;
    let result: { applied: number; refused: number };
    try {
      result = this.atomically(() => {
        let applied = 0;
        for (const b of checked) {
          // A transaction the registry cannot take is logged as refused and skipped, so one bad
          // transaction never blocks a table's outbox.
          const kept = b.txs.filter((hex) => {
            try {
              return applyNodeTxsBody(this.reg, { ...b, txs: [hex] }, this.registryCtx()) > 0;
            } catch (e) {
              if (!isProtocolError(e)) throw e;
              console.warn(`beacon: registry refused a transaction of table ${b.table}: ${e.message}`);
              refused++;
              return false;
            }
          });
          if (kept.length) this.append(DposEvent.nodeTxs, { ...b, txs: kept });
          applied += kept.length;
        }
        return { applied, refused };
      });
    } catch (e) {
      this.reg = loadRegistry(this.sql, this.registryCtx());
      throw e;
    }
    void this.reschedule();
    return result;
  }

  /** A node leaves, by a message signed with its account key. */
  async deregisterNode(
    message: unknown,
    signature: unknown,
  ): Promise<{ seq: number } | { error: ErrorInfo }> {
    return asResult(() => this.deregisterNow(message, signature));
  }

  private deregisterNow(message: unknown, signature: unknown): { seq: number } {
    const m = checkNodeMessage(message, signature, this.config.chainId);
    if (Math.abs(m.epoch - this.reg.epoch) > 1)
      fail(
        ErrorCode.OUT_OF_RANGE,
        `epoch ${m.epoch} is not the current epoch ${this.reg.epoch}`,
        'message.epoch',
      );
    return this.atomically(() => {
      deregisterNode(this.reg, m.node, this.params);
      return { seq: this.append(DposEvent.deregistered, { message: m, signature }).seq };
    });
  }

  /** Equivocation evidence: checked against the named epoch's committee; the offender is slashed. */
  async submitEvidence(
    evidence: Evidence,
  ): Promise<{ offender: string; seq: number } | { error: ErrorInfo }> {
    return asResult(() => this.punish(evidence));
  }

  private punish(evidence: Evidence): { offender: string; seq: number } {
    const found = verifyEvidence(evidence, (epoch, g) => this.committeeByIndex(epoch, g));
    return this.atomically(() => {
      const key = evidenceKey(evidence.epoch, evidence.committee, found.conviction);
      if (this.reg.evidence.has(key))
        fail(ErrorCode.DUPLICATE_TX, 'this equivocation was already punished', 'evidence');
      if (!this.reg.nodes.has(found.offender))
        fail(ErrorCode.NOT_FOUND, `${found.offender} is not a registered node`, 'evidence');
      slashNode(this.reg, found.offender, this.params);
      this.reg.evidence.add(key);
      const seq = this.append(DposEvent.evidence, {
        evidence: found.evidence,
        offender: found.offender,
        conviction: found.conviction,
      }).seq;
      return { offender: found.offender, seq };
    });
  }

  /**
   * Closes the current epoch and starts the next: asks each committee what it certified, settles
   * (credit, rewards), elects, logs EpochStarted with every proof and input, and pushes each table
   * its new committee. Refuses (NOT_ENOUGH candidates, OUT_OF_RANGE) without changing anything.
   */
  async advanceEpoch(): Promise<{ epoch: number; committees: CommitteeInfo[] }> {
    const closing = this.reg.epoch;
    const reports = closing === 0 ? [] : await this.collectWorkload(closing);
    try {
      return this.atomically(() => {
        if (this.reg.epoch !== closing)
          fail(ErrorCode.OUT_OF_RANGE, 'another epoch change ran meanwhile', 'epoch');
        const prev = closing === 0 ? null : epochStarted(this.sql, closing)?.body.election;
        const seed = prev ? fromHex(prev.nextSeed, 'seed', 32) : firstElectionSeed(this.config);
        const body = electNext({
          reg: this.reg,
          config: this.config,
          params: this.params,
          seed,
          previous: prev?.committees ?? [],
          reports,
        });
        this.append(BeaconEvent.epochStarted, body);
        this.committees = body.committees;
        for (const c of body.committees)
          for (const table of c.tables) {
            const name = tableName(this.config, table);
            const a: TableAssignment = { epoch: body.epoch, committee: c.name, zone: c.zone, index: c.index };
            this.enqueue(`table:${name}`, `epoch:${body.epoch}:${table}`, a);
          }
        return { epoch: body.epoch, committees: body.committees };
      });
    } catch (e) {
      // settle/elect mutated the registry before failing: rebuild it from the log.
      this.reg = loadRegistry(this.sql, this.registryCtx());
      throw e;
    } finally {
      this.kickOutbox();
      void this.reschedule();
    }
  }

  private async collectWorkload(epoch: number) {
    const names = new Set<string>();
    for (let z = 0; z < this.config.zones; z++)
      for (let g = 0; g < this.config.committeesPerZone; g++)
        names.add(`${this.config.name}/committee/${z}/${g}`);
    return Promise.all([...names].map((n) => this.env.COMMITTEE.getByName(n).workload(epoch)));
  }

  /**
   * Elections run by themselves every epochSeconds once enough validators can stand (the first one
   * epoch after the latest registry change); EPOCH_TIMER=off leaves them to explicit advanceEpoch calls.
   */
  protected override nextWakeup(): number | null {
    if (this.env.EPOCH_TIMER === 'off') return null;
    const seats = this.config.zones * this.config.committeesPerZone * this.config.committeeSize;
    if (standbys(this.reg, this.params).standbys.length < seats) return null;
    const last = epochStarted(this.sql);
    const length = this.config.epochSeconds * 1000;
    if (last) return last.time + length;
    // The first election: one epoch after the latest registry change (a fixed point in the log).
    const t = this.sql
      .exec<{ t: number | null }>('SELECT max(time) AS t FROM events WHERE type = ?', DposEvent.nodeTxs)
      .one().t;
    return (t ?? Date.now()) + length;
  }

  protected override async onAlarm(): Promise<void> {
    const due = this.nextWakeup();
    if (due === null || due > Date.now()) return;
    try {
      await this.advanceEpoch();
    } catch (e) {
      console.warn(`beacon: epoch change failed: ${(e as Error).message}`);
    }
  }

  private committeeByIndex(epoch: number, g: number): EpochCommittee | null {
    const zone = Math.floor(g / this.config.committeesPerZone);
    return committeeOfEpoch(
      this.sql,
      this.config,
      this.genesisInfo.committees,
      epoch,
      zone,
      g % this.config.committeesPerZone,
    );
  }

  /** The committee that owns `table` now (the latest election, else genesis). */
  async assignmentOf(table: number): Promise<TableAssignment> {
    const c = this.committees.find((x) => x.tables.includes(table));
    if (!c) fail(ErrorCode.OUT_OF_RANGE, `table ${table} is not in this network`, 'table');
    return { epoch: this.reg.epoch, committee: c.name, zone: c.zone, index: c.index };
  }

  /** Committee `zone/index` of `epoch` with its members' keys and node addresses. */
  async epochCommittee(epoch: number, zone: number, index: number): Promise<EpochCommittee | null> {
    return committeeOfEpoch(this.sql, this.config, this.genesisInfo.committees, epoch, zone, index);
  }

  /** Member keys of every committee that has owned `table`, newest first (certificate checks). */
  async tableKeyHistory(table: number): Promise<{ epoch: number; members: string[] }[]> {
    return tableKeyHistory(this.sql, this.config, table);
  }

  async epochNow(): Promise<number> {
    return this.reg.epoch;
  }

  async nodeInfo(address: string): Promise<NodeView | null> {
    const a = parseAddress(address, 'address').text;
    const n = this.reg.nodes.get(a);
    return n ? nodeView(this.reg, this.params, n, epochStarted(this.sql)) : null;
  }

  async nodes(): Promise<NodeView[]> {
    const cur = epochStarted(this.sql);
    return [...this.reg.nodes.values()]
      .sort((a, b) => (a.address < b.address ? -1 : 1))
      .map((n) => nodeView(this.reg, this.params, n, cur));
  }

  async standbys(): Promise<StandbyView> {
    return standbys(this.reg, this.params);
  }

  /** The election of `epoch` (the latest if omitted), as logged. */
  async electInfo(epoch?: number): Promise<ElectInfo | null> {
    const e = epochStarted(this.sql, epoch);
    if (!e?.body.election) return null;
    return {
      epoch: e.body.epoch,
      seq: e.seq,
      time: e.time,
      committees: e.body.committees,
      election: e.body.election,
      ...(e.body.settlement ? { settlement: e.body.settlement } : {}),
    };
  }

  async elections(): Promise<
    { epoch: number; seq: number; time: number; candidates: number; committees: string[][] }[]
  > {
    return allEpochs(this.sql)
      .filter((e) => e.body.election)
      .map((e) => ({
        epoch: e.body.epoch,
        seq: e.seq,
        time: e.time,
        candidates: e.body.election!.candidates.length,
        committees: e.body.election!.committees,
      }));
  }

  async nodeReward(address: string): Promise<NodeRewardView> {
    return rewardView(parseAddress(address, 'address').text, allEpochs(this.sql));
  }

  async nodeHistory(address: string): Promise<NodeHistoryEntry[]> {
    return nodeHistory(parseAddress(address, 'address').text, allEpochs(this.sql));
  }

  async votesUsed(voter: string): Promise<VoteUsedView> {
    return votesUsed(this.reg, parseAddress(voter, 'voter').text);
  }

  async dposParams(): Promise<DposParams> {
    return this.params;
  }

  private checkpointOf(table: number): TableHead | undefined {
    return this.readHeads('WHERE table_index = ?', table)[0];
  }

  private readHeads(where: string, ...args: number[]): TableHead[] {
    return this.sql
      .exec<{ t: number; height: number; hash: ArrayBuffer; time: number }>(
        `SELECT table_index AS t, height, hash, time FROM beacon_checkpoints ${where} ORDER BY table_index`,
        ...args,
      )
      .toArray()
      .map((r) => ({
        table: r.t,
        height: r.height,
        hash: '0x' + toHex(new Uint8Array(r.hash)),
        time: r.time,
      }));
  }

  private applyCheckpoint(body: CheckpointBody, seq: number): void {
    for (const h of body.heads)
      this.sql.exec(
        `INSERT INTO beacon_checkpoints (table_index, height, hash, time, seq) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(table_index) DO UPDATE SET height = excluded.height, hash = excluded.hash, time = excluded.time, seq = excluded.seq`,
        h.table,
        h.height,
        fromHex(h.hash),
        h.time,
        seq,
      );
  }
}

/** A command's result, or its ProtocolError as data (RPC across objects keeps only an error's message). */
function asResult<T>(f: () => T): T | { error: ErrorInfo } {
  try {
    return f();
  } catch (e) {
    if (isProtocolError(e)) return { error: e.toJSON() };
    throw e;
  }
}
