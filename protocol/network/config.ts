/**
 * A network's genesis config and the names and layout that follow from it: how many zones and
 * tables, which committee owns which table at genesis, the committees' member keys (derived from
 * the network seed, so every part computes them alike), and the prefunded accounts.
 */
import { fromHex, toHex, utf8 } from '../bytes.ts';
import { signerFromSecret, type Signer } from '../keys/signer.ts';
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
  /** Shortest time from one block's start to the next one's, per table; 0 = as soon as the previous one commits. */
  blockIntervalMs: number;
  epochSeconds: number;
  genesisTime: number;
  /** Hex seed every derived key of the network comes from. */
  seed: string;
  prefunded: { address: string; balance: string }[];
}

export const DEV_ACCOUNT_COUNT = 10;
export const DEVNET_SEED = '0x' + toHex(sha256(utf8('topnet devnet seed')));
export const DEV_ACCOUNT_BALANCE = 1_000_000_000n * UTOP_PER_TOP;

/**
 * The dev accounts' addresses, written out: deriving them (PBKDF2 + BIP-32 in JS) costs seconds,
 * and every cold object needs the genesis list. A test checks they equal devAccounts().
 */
export const DEV_ADDRESSES = [
  'f39fd6e51aad88f6f4ce6ab8827279cfffb92266',
  '70997970c51812dc3a010c7d01b50e0d17dc79c8',
  '3c44cdddb6a900fa2b585dd299e03d12fa4293bc',
  '90f79bf6eb2c4f870365e785982e1f101e93b906',
  '15d34aaf54267db7d7c367839aaf71a00a2c6a65',
  '9965507d1a55bcc2695c58ba16fb37d819b0a4dc',
  '976ea74026e726554db657fa54763abd0c3a0aa9',
  '14dc79964da2c08b23698b3d3cc7ca32193d9955',
  '23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f',
  'a0ee7a142d267c1f36714e4a8f75612f20a79720',
].map((body) => 'T80000' + body);

export function devAccounts(count = DEV_ACCOUNT_COUNT): ReturnType<typeof secp256k1FromMnemonic>[] {
  return Array.from({ length: count }, (_, i) => secp256k1FromMnemonic(DEV_MNEMONIC, i));
}

/** The faucet's account: an ed25519 key derived from the network seed. */
export function faucetSigner(c: Pick<NetworkConfig, 'seed'>): Signer {
  return signerFromSecret('ed25519', deriveSecret(fromHex(c.seed, 'seed'), 'faucet'));
}

export const FAUCET_BALANCE = 1_000_000_000_000n * UTOP_PER_TOP;
export const FAUCET_DRIP = 1_000n * UTOP_PER_TOP;

export function devnetConfig(overrides: Partial<NetworkConfig> = {}): NetworkConfig {
  const seed = overrides.seed ?? DEVNET_SEED;
  return {
    name: 'devnet',
    chainId: 1023,
    // Sized for one machine: locally every object shares one workerd thread, so a table adds
    // per-block work (a PBFT round, receipt batches, log appends) and no parallelism. Two tables,
    // each with its own committee, are the smallest sharded shape: half of all transfers between
    // random accounts cross tables (send, recv, confirm). At 560 transfers/s paced, p90 was 243 ms
    // against 581 on four tables (docs/bench.md, fifth session): a table adds rounds, not cores.
    // A deployment sets its own shape (NETWORK_CONFIG).
    zones: 1,
    tablesPerZone: 2,
    committeesPerZone: 2,
    committeeSize: 4,
    // Under load a table starts at most one block per 40 ms, so blocks grow with the load instead
    // of paying a round per few transactions; an idle table, or one whose last block carried a
    // single input, starts its next block at once (TableDO.produceLoop). On two tables, at 657
    // transfers/s paced, p50 was 200 ms at 30 ms (4 runs), 218 at 40 (5), 235 at 60 (3) and 279 at
    // 80 (1), docs/bench.md: fewer tables pay fewer rounds, so a table can afford more frequent
    // blocks; 40 rather than 30 for a quarter fewer blocks at the same latency within the noise.
    blockIntervalMs: 40,
    epochSeconds: 600,
    genesisTime: 1_767_225_600,
    seed,
    prefunded: [
      ...DEV_ADDRESSES.map((address) => ({ address, balance: DEV_ACCOUNT_BALANCE.toString() })),
      { address: faucetSigner({ seed }).address, balance: FAUCET_BALANCE.toString() },
    ],
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
    keys = Array.from({ length: c.committeeSize }, (_, i) =>
      ed25519PublicKey(memberSecret(c, zone, index, i)),
    );
    keyCache.set(k, keys);
  }
  return keys;
}
