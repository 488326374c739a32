/** The network config: written-out dev addresses equal their derivation; names and committees follow the layout. */
import { describe, expect, it } from 'vitest';
import {
  committeeKeys,
  committeeTables,
  DEV_ADDRESSES,
  devAccounts,
  devnetConfig,
  faucetSigner,
  genesisCommitteeOf,
  tableCount,
  tableName,
} from '../../../protocol/network/config.ts';

describe('network config', () => {
  it('DEV_ADDRESSES are the mnemonic-derived dev accounts (Anvil/Hardhat keys)', () => {
    expect(devAccounts().map((s) => s.address)).toEqual(DEV_ADDRESSES);
  });

  it('prefunds the dev accounts and the faucet', () => {
    const c = devnetConfig();
    expect(c.prefunded.map((p) => p.address)).toEqual([...DEV_ADDRESSES, faucetSigner(c).address]);
  });

  it('every table has exactly one genesis committee, which lists it', () => {
    const c = devnetConfig({ zones: 2, tablesPerZone: 8, committeesPerZone: 3 });
    for (let t = 0; t < tableCount(c); t++) {
      const g = genesisCommitteeOf(c, t);
      expect(committeeTables(c, g.zone, g.index)).toContain(t);
      expect(tableName(c, t)).toBe(`devnet/table/${Math.floor(t / 8)}/${t % 8}`);
    }
    expect(committeeKeys(c, 0, 0)).toHaveLength(c.committeeSize);
  });
});
