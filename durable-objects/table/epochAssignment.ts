/**
 * Which committee this table answers to, and from which epoch: genesis until the beacon pushes an
 * election's assignment (or the table pulls one after a failed round). Only a later epoch replaces
 * the current one, so a table never goes back to an outgoing committee: the block in flight at
 * the switch is the outgoing committee's last, the next is the incoming one's first.
 */
import { genesisCommitteeOf, type NetworkConfig } from '../../protocol/network/config.ts';
import type { TableAssignment } from '../../schema/dpos.ts';

export function genesisAssignment(config: NetworkConfig, table: number): TableAssignment {
  const g = genesisCommitteeOf(config, table);
  return { epoch: 0, committee: g.name, zone: g.zone, index: g.index };
}

export function isAssignment(v: unknown): v is TableAssignment {
  const a = v as TableAssignment;
  return (
    typeof a === 'object' &&
    a !== null &&
    Number.isSafeInteger(a.epoch) &&
    a.epoch >= 0 &&
    typeof a.committee === 'string' &&
    Number.isSafeInteger(a.zone) &&
    Number.isSafeInteger(a.index)
  );
}

/** The newer of two assignments (the current one when equal). */
export function newer(cur: TableAssignment, next: TableAssignment): TableAssignment {
  return next.epoch > cur.epoch ? next : cur;
}
