/**
 * The body of a network's Genesis event: its config and the genesis committees — which tables each
 * owns and its members' consensus keys — all derived from the config, so every part agrees.
 * A committee that owns no table (more committees than tables in a zone) is left out.
 */
import { toHex } from '../../protocol/bytes.ts';
import {
  committeeKeys,
  genesisCommitteeOf,
  tableCount,
  type NetworkConfig,
} from '../../protocol/network/config.ts';
import type { GenesisBody } from '../../schema/events.ts';
import type { CommitteeInfo } from '../../schema/rpc.ts';

export function genesisBody(config: NetworkConfig): GenesisBody {
  const byName = new Map<string, CommitteeInfo>();
  for (let table = 0; table < tableCount(config); table++) {
    const { zone, index, name } = genesisCommitteeOf(config, table);
    let c = byName.get(name);
    if (!c) {
      c = {
        name,
        zone,
        index,
        tables: [],
        members: committeeKeys(config, zone, index).map((k) => '0x' + toHex(k)),
      };
      byName.set(name, c);
    }
    c.tables.push(table);
  }
  const committees = [...byName.values()].sort((a, b) => a.zone - b.zone || a.index - b.index);
  return { config, committees };
}
