/**
 * Who sits in this committee in a given epoch, and with which keys: the genesis members (keys
 * derived from the network seed) for epoch 0, else the members the beacon elected, whose hosted
 * consensus keys (protocol/dpos/hostedKeys.ts) the network derives and checks against the keys the
 * election logged. Also the per-epoch workload tally the beacon settles rewards and credit with.
 */
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { hostedKeys } from '../../protocol/dpos/hostedKeys.ts';
import {
  committeeKeys,
  committeeTables,
  memberSecret,
  type NetworkConfig,
} from '../../protocol/network/config.ts';
import type { Env } from '../../schema/env.ts';
import type { WorkloadReport } from '../../schema/dpos.ts';
import { beaconName } from '../base/config.ts';

export interface Membership {
  epoch: number;
  keys: Uint8Array[];
  secrets: Uint8Array[];
  /** Node addresses in member order; null for the genesis members, who are not nodes. */
  nodes: string[] | null;
  tables: number[];
}

export function genesisMembership(config: NetworkConfig, zone: number, index: number): Membership {
  return {
    epoch: 0,
    keys: committeeKeys(config, zone, index),
    secrets: Array.from({ length: config.committeeSize }, (_, i) => memberSecret(config, zone, index, i)),
    nodes: null,
    tables: committeeTables(config, zone, index),
  };
}

export async function epochMembership(
  env: Env,
  config: NetworkConfig,
  epoch: number,
  zone: number,
  index: number,
): Promise<Membership> {
  if (epoch === 0) return genesisMembership(config, zone, index);
  const c = await env.BEACON.getByName(beaconName(config)).epochCommittee(epoch, zone, index);
  if (!c || !c.nodes) throw new Error(`the beacon has no committee ${zone}/${index} for epoch ${epoch}`);
  const hosted = c.nodes.map((a) => hostedKeys(config.seed, a));
  hosted.forEach((h, i) => {
    if ('0x' + toHex(h.consensusKey) !== c.members[i])
      throw new Error(`member ${i} of ${zone}/${index} in epoch ${epoch} is not a hosted key`);
  });
  return {
    epoch,
    keys: c.members.map((k) => fromHex(k, 'member', 32)),
    secrets: hosted.map((h) => h.consensusSecret),
    nodes: c.nodes,
    tables: c.tables,
  };
}

/**
 * Adds one certified block to the epoch's tally: every member was expected to sign it, and those
 * that sent a signed commit for it (all logged in the committee's log) did. The certificate holds
 * only the first quorum of commits, so it would undercount members that were merely slower.
 */
export function tallyBlock(
  report: WorkloadReport | null,
  m: Membership,
  table: number,
  committers: ReadonlySet<number>,
): WorkloadReport {
  const r: WorkloadReport = report ?? {
    epoch: m.epoch,
    members: (m.nodes ?? []).map((address) => ({ address, signed: 0, expected: 0 })),
    tables: [],
  };
  r.members.forEach((x, i) => {
    x.expected += 1;
    if (committers.has(i)) x.signed += 1;
  });
  const t = r.tables.find((x) => x.table === table);
  if (t) t.blocks += 1;
  else r.tables.push({ table, blocks: 1 });
  return r;
}
