/**
 * The consensus keys a receipt batch's certificate may be signed with: the members of a committee
 * that owned the source table in some epoch. The key set that last verified for a source table is
 * tried first, then genesis, and only on a miss is the beacon asked for the table's key history
 * (newest epoch first) — so a steady epoch costs no beacon call per batch.
 */
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { committeeKeys, genesisCommitteeOf, type NetworkConfig } from '../../protocol/network/config.ts';

export type KeySetSource = (table: number) => Promise<{ epoch: number; members: string[] }[]>;

export class CertKeys {
  private last = new Map<number, Uint8Array[]>();
  constructor(
    private readonly config: NetworkConfig,
    private readonly history: KeySetSource,
  ) {}

  /** Tries `verify` with each candidate key set; remembers the one that worked. */
  async verifyWith(table: number, verify: (keys: Uint8Array[]) => Promise<boolean>): Promise<boolean> {
    const g = genesisCommitteeOf(this.config, table);
    const tried = new Set<string>();
    const attempt = async (keys: Uint8Array[]): Promise<boolean> => {
      const id = keys.map(toHex).join();
      if (tried.has(id)) return false;
      tried.add(id);
      if (!(await verify(keys))) return false;
      this.last.set(table, keys);
      return true;
    };
    const last = this.last.get(table);
    if (last && (await attempt(last))) return true;
    if (await attempt(committeeKeys(this.config, g.zone, g.index))) return true;
    for (const h of await this.history(table))
      if (await attempt(h.members.map((k) => fromHex(k, 'member', 32)))) return true;
    return false;
  }
}
