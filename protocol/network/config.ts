/**
 * A network's genesis config and the names and layout that follow from it: how many zones and
 * tables, which committee owns which table at genesis, the committees' member keys (derived from
 * the network seed, so every part computes them alike), and the prefunded accounts.
 */
import { fromHex, utf8 } from '../bytes.ts';
import { sha256 } from '../hash.ts';
import { deriveSecret } from '../keys/derive.ts';
import { ed25519PublicKey } from '../keys/ed25519.ts';
import { tableOf } from '../keys/address.ts';
import { UTOP_PER_TOP } from '../amount.ts';
import { DEV_MNEMONIC, secp256k1FromMnemonic } from '../keys/mnemonic.ts';

export interface NetworkConfig {
  name: string;
  chainId: number;
  zones: number;
  tablesPerZone: number;
  /** Committees per zone; committee g of a zone owns the zone's tables n with n mod committees = g. */
  committeesPerZone: number;
  committeeSize: number;
  /** Shortest gap between two blocks of one table; 0 = as soon as the previous one commits. */
  blockIntervalMs: number;
  epochSeconds: number;
  genesisTime: number;
  /** Hex seed every derived key of the network comes from. */
  seed: string;
  prefunded: { address: string; balance: string }[];
}

export const DEV_ACCOUNT_COUNT = 10;
export const DEV_ACCOUNT_BALANCE = 1_000_000_000n * UTOP_PER_TOP;

export function devAccounts(count = DEV_ACCOUNT_COUNT): ReturnType<typeof secp256k1FromMnemonic>[] {
  return Array.from({ length: count }, (_, i) => secp256k1FromMnemonic(DEV_MNEMONIC, i));
}

export function devnetConfig(overrides: Partial<NetworkConfig> = {}): NetworkConfig {
  return {
    name: 'devnet',
    chainId: 1023,
    zones: 1,
    tablesPerZone: 16,
    committeesPerZone: 4,
    committeeSize: 4,
    blockIntervalMs: 0,
    epochSeconds: 600,
    genesisTime: 1_767_225_600,
    seed: '0x' + Array.from(sha256(utf8('topnet devnet seed'))).map((b) => b.toString(16).padStart(2, '0')).join(''),
    prefunded: devAccounts().map((s) => ({ address: s.address, balance: DEV_ACCOUNT_BALANCE.toString() })),
    ...overrides,
  };
}

export function tableCount(c: NetworkConfig): number {
  return c.zones * c.tablesPerZone;
}

/** Global table index → zone and index within the zone. */
export function tableLocation(c: NetworkConfig, table: number): { zone: number; n: number } {
  return { zone: Math.floor(table / c.tablesPerZone), n: table % c.tablesPerZone };
}

export function tableName(c: NetworkConfig, table: number): string {
  const { zone, n } = tableLocation(c, table);
  return `${c.name}/table/${zone}/${n}`;
}

export function accountTable(c: NetworkConfig, address: string): number {
  return tableOf(address, tableCount(c));
}

export interface CommitteeRef {
  zone: number;
  index: number;
  name: string;
}

export function genesisCommitteeOf(c: NetworkConfig, table: number): CommitteeRef {
  const { zone, n } = tableLocation(c, table);
  const index = n % c.committeesPerZone;
  return { zone, index, name: `${c.name}/committee/${zone}/${index}` };
}

export function committeeTables(c: NetworkConfig, zone: number, index: number): number[] {
  const out: number[] = [];
  for (let n = index; n < c.tablesPerZone; n += c.committeesPerZone) out.push(zone * c.tablesPerZone + n);
  return out;
}

/** Secret key of member `i` of a genesis committee. */
export function memberSecret(c: NetworkConfig, zone: number, index: number, i: number): Uint8Array {
  return deriveSecret(fromHex(c.seed, 'seed'), `committee/${zone}/${index}/member/${i}`);
}

const keyCache = new Map<string, Uint8Array[]>();
/** Consensus public keys of a genesis committee, in member order. */
export function committeeKeys(c: NetworkConfig, zone: number, index: number): Uint8Array[] {
  const k = `${c.seed}/${zone}/${index}/${c.committeeSize}`;
  let keys = keyCache.get(k);
  if (!keys) {
    keys = Array.from({ length: c.committeeSize }, (_, i) => ed25519PublicKey(memberSecret(c, zone, index, i)));
    keyCache.set(k, keys);
  }
  return keys;
}
