/**
 * Reads of the beacon's DPoS history straight from its event log: the registry rebuilt by folding
 * the log, each epoch's EpochStarted body, and a committee or a table's owner in a given epoch.
 * Elections are rare (one per epoch), so their events are read by type instead of kept in extra
 * read models.
 */
import { toHex } from '../../protocol/bytes.ts';
import { committeeKeys, genesisCommitteeOf, type NetworkConfig } from '../../protocol/network/config.ts';
import { DposEvent, foldBeaconEvent, type EpochElection } from '../../protocol/dpos/beaconEvents.ts';
import { emptyRegistry, type Registry, type RegistryContext } from '../../protocol/dpos/registry.ts';
import type { CommitteeInfo } from '../../schema/rpc.ts';
import type { EpochCommittee } from '../../schema/dpos.ts';

export type EpochStartedRow = {
  seq: number;
  time: number;
  body: { epoch: number; committees: CommitteeInfo[] } & Partial<EpochElection>;
};

const FOLDED = [DposEvent.nodeTxs, DposEvent.deregistered, DposEvent.evidence, DposEvent.epochStarted];

export function loadRegistry(sql: SqlStorage, ctx: RegistryContext): Registry {
  const reg = emptyRegistry();
  for (const r of sql.exec<{ type: string; body: string }>(
    `SELECT type, body FROM events WHERE type IN (${FOLDED.map(() => '?').join(', ')}) ORDER BY seq`,
    ...FOLDED,
  ))
    foldBeaconEvent(reg, r.type, JSON.parse(r.body), ctx);
  return reg;
}

/** The EpochStarted event of `epoch` (latest if omitted), or null. */
export function epochStarted(sql: SqlStorage, epoch?: number): EpochStartedRow | null {
  const rows = sql
    .exec<{ seq: number; time: number; body: string }>(
      'SELECT seq, time, body FROM events WHERE type = ? ORDER BY seq DESC',
      DposEvent.epochStarted,
    )
    .toArray();
  for (const r of rows) {
    const body = JSON.parse(r.body) as EpochStartedRow['body'];
    if (epoch === undefined || body.epoch === epoch) return { seq: r.seq, time: r.time, body };
  }
  return null;
}

export function allEpochs(sql: SqlStorage): EpochStartedRow[] {
  return sql
    .exec<{ seq: number; time: number; body: string }>(
      'SELECT seq, time, body FROM events WHERE type = ? ORDER BY seq',
      DposEvent.epochStarted,
    )
    .toArray()
    .map((r) => ({ seq: r.seq, time: r.time, body: JSON.parse(r.body) }));
}

/** Committee `zone/index` of `epoch` (0 = genesis). */
export function committeeOfEpoch(
  sql: SqlStorage,
  config: NetworkConfig,
  genesis: CommitteeInfo[],
  epoch: number,
  zone: number,
  index: number,
): EpochCommittee | null {
  const list = epoch === 0 ? genesis : epochStarted(sql, epoch)?.body.committees;
  const c = list?.find((x) => x.zone === zone && x.index === index);
  if (!c) {
    if (epoch !== 0 || zone >= config.zones || index >= config.committeesPerZone) return null;
    // A genesis committee that owns no table is left out of Genesis but still exists.
    return {
      epoch,
      name: `${config.name}/committee/${zone}/${index}`,
      zone,
      index,
      tables: [],
      members: committeeKeys(config, zone, index).map((k) => '0x' + toHex(k)),
      nodes: null,
    };
  }
  return { epoch, ...c, nodes: (c as CommitteeInfo & { nodes?: string[] }).nodes ?? null };
}

/** The member keys of every committee that owned `table`, newest epoch first, genesis last. */
export function tableKeyHistory(
  sql: SqlStorage,
  config: NetworkConfig,
  table: number,
): { epoch: number; members: string[] }[] {
  const out: { epoch: number; members: string[] }[] = [];
  for (const e of allEpochs(sql).reverse()) {
    const c = e.body.committees.find((x) => x.tables.includes(table));
    if (c) out.push({ epoch: e.body.epoch, members: c.members });
  }
  const g = genesisCommitteeOf(config, table);
  out.push({ epoch: 0, members: committeeKeys(config, g.zone, g.index).map((k) => '0x' + toHex(k)) });
  return out;
}
