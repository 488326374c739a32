/**
 * The beacon Durable Object: the network's genesis and its clock. Its first event, written the first
 * time the object loads, is Genesis: the full config and the genesis committees (tables owned,
 * members' keys), stamped with the genesis time so the same config gives the same genesis hash
 * everywhere. From then on the logged config, not the Worker's env, is the network's. The beacon
 * answers what time and epoch it is, which committee owns which table (the latest EpochStarted
 * once elections write one, else genesis), and keeps the latest checkpointed head of every table
 * (Checkpoint events, only when a head moves forward; a second block at a checkpointed height is
 * refused as a fork). No effects on other objects, so no outbox.
 */
import { EventSourcedDO } from '../base/EventSourcedDO.ts';
import { networkConfig } from '../base/config.ts';
import { readModelDigest } from '../base/readModelDigest.ts';
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { ErrorCode, fail } from '../../protocol/errors.ts';
import { tableCount, type NetworkConfig } from '../../protocol/network/config.ts';
import {
  BeaconEvent,
  type CheckpointBody,
  type EpochStartedBody,
  type GenesisBody,
} from '../../schema/events.ts';
import type {
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

const READ_MODEL_QUERIES = ['SELECT * FROM beacon_checkpoints ORDER BY table_index'];

export class BeaconDO extends EventSourcedDO {
  private genesisInfo!: GenesisInfo;
  /** The committees of the current assignment (genesis until an EpochStarted replaces them). */
  private committees!: CommitteeInfo[];

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
    const after = readModelDigest(this.sql, READ_MODEL_QUERIES);
    return { equal: before === after, before, after, events };
  }

  protected async deliverEffect(target: string): Promise<void> {
    throw new Error(`the beacon has no outbox (asked to deliver to ${target})`);
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
