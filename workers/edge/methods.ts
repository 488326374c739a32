/**
 * The native JSON-RPC methods (names as the TOP chain's API where they fit). Each takes positional
 * params; REST routes call the same functions. The edge holds no ledger: every answer comes from a
 * Durable Object.
 */
import { fromHex } from '../../protocol/bytes.ts';
import { parseAddress } from '../../protocol/keys/address.ts';
import { ErrorCode, fail } from '../../protocol/errors.ts';
import {
  accountTable,
  committeeTables,
  genesisCommitteeOf,
  tableCount,
  tableName,
  type NetworkConfig,
} from '../../protocol/network/config.ts';
import type { Env } from '../../schema/env.ts';
import type { TxView } from '../../schema/rpc.ts';
import { beaconName } from '../../durable-objects/base/config.ts';
import { RpcCode, RpcError } from './rpcErrors.ts';

export interface Ctx {
  env: Env;
  config: NetworkConfig;
  ip: string;
}

function hash32(v: unknown, field: string): string {
  if (typeof v !== 'string') fail(ErrorCode.BAD_TYPE, 'expected a 0x-hex hash', field);
  fromHex(v, field, 32);
  return v.toLowerCase().startsWith('0x') ? v.toLowerCase() : '0x' + v.toLowerCase();
}

function tableIndex(c: Ctx, v: unknown, field = 'table'): number {
  if (typeof v !== 'number' || !Number.isInteger(v))
    fail(ErrorCode.BAD_TYPE, 'expected a table index (integer)', field);
  if (v < 0 || v >= tableCount(c.config))
    fail(ErrorCode.OUT_OF_RANGE, `table ${v} is not in 0..${tableCount(c.config) - 1}`, field);
  return v;
}

function height(v: unknown, field = 'height'): number {
  if (typeof v !== 'number' || !Number.isInteger(v))
    fail(ErrorCode.BAD_TYPE, 'expected a block height (integer)', field);
  if (v < 0) fail(ErrorCode.NEGATIVE, 'height is negative', field);
  return v;
}

function table(c: Ctx, t: number) {
  return c.env.TABLE.getByName(tableName(c.config, t));
}

const notFound = (what: string): RpcError =>
  new RpcError(RpcCode.notFound, `${what} not found`, { code: 'NOT_FOUND', message: `${what} not found` });

export async function getAccount(c: Ctx, [address]: unknown[]) {
  const a = parseAddress(address, 'address').text;
  return table(c, accountTable(c.config, a)).getAccount(a);
}

/** Finds a transaction by hash (and, to go straight to its table, its sender), with all three phases. */
export async function getTransaction(c: Ctx, [hash, account]: unknown[]): Promise<TxView> {
  const h = hash32(hash, 'hash');
  let view: TxView | null;
  if (account !== undefined && account !== null) {
    const a = parseAddress(account, 'account').text;
    view = await table(c, accountTable(c.config, a)).getTransaction(h);
  } else {
    const all = await Promise.all(
      Array.from({ length: tableCount(c.config) }, (_, t) => table(c, t).getTransaction(h)),
    );
    view = all.find((v) => v) ?? null;
  }
  if (!view) throw notFound(`transaction ${h}`);
  if (view.status === 'sent' && view.send) {
    // Between recv and confirm only the receiver's table knows of the recv phase.
    const recvTable = accountTable(c.config, view.tx.receiver);
    const r = await table(c, recvTable).getReceived(h);
    if (r) {
      view.status = 'received';
      view.recv = { table: recvTable, height: r.height, receiptId: r.receiptId };
    }
  }
  if (view.recv && view.recv.blockHash === undefined) {
    const h = await table(c, view.recv.table).blockHash(view.recv.height);
    if (h) view.recv.blockHash = h;
  }
  return view;
}

export async function getBlock(c: Ctx, params: unknown[], maxUnits?: number) {
  const [t, hashOrHeight] = params;
  const ti = tableIndex(c, t);
  const b =
    typeof hashOrHeight === 'number'
      ? await table(c, ti).getBlock({ height: height(hashOrHeight) }, maxUnits)
      : await table(c, ti).getBlock({ hash: hash32(hashOrHeight, 'hash') }, maxUnits);
  if (!b) throw notFound('block');
  return b;
}

export async function getBlockByHeight(c: Ctx, [t, h]: unknown[]) {
  return getBlock(c, [t, height(h)]);
}

export async function getLatestBlock(c: Ctx, [t]: unknown[]) {
  const ti = tableIndex(c, t);
  const head = await table(c, ti).latest();
  return getBlock(c, [ti, head.height]);
}

export async function getLatestTables(c: Ctx) {
  return Promise.all(Array.from({ length: tableCount(c.config) }, (_, t) => table(c, t).latest()));
}

export async function getCrossReceiptIds(c: Ctx, [t]: unknown[]) {
  return table(c, tableIndex(c, t)).getCrossReceiptIds();
}

export async function getTableStats(c: Ctx) {
  return Promise.all(Array.from({ length: tableCount(c.config) }, (_, t) => table(c, t).stats()));
}

export async function getConsensus(c: Ctx, [t]: unknown[]) {
  const tables =
    t === undefined ? Array.from({ length: tableCount(c.config) }, (_, i) => i) : [tableIndex(c, t)];
  // The committees that own the tables now (DPoS epochs), genesis ones until the first election.
  const owners = await c.env.BEACON.getByName(beaconName(c.config)).assignments();
  const ownerOf = (ti: number) =>
    owners.find((o) => o.table === ti)?.committee ?? genesisCommitteeOf(c.config, ti).name;
  const names = [...new Set(tables.map(ownerOf))];
  return Promise.all(names.map((n) => c.env.COMMITTEE.getByName(n).info()));
}

export async function getChainId(c: Ctx) {
  return c.config.chainId;
}

export async function getGeneralInfos(c: Ctx) {
  const beacon = c.env.BEACON.getByName(beaconName(c.config)) as unknown as {
    generalInfos?: () => Promise<unknown>;
  };
  return {
    chainId: c.config.chainId,
    network: c.config.name,
    zones: c.config.zones,
    tablesPerZone: c.config.tablesPerZone,
    tables: tableCount(c.config),
    committees: c.config.zones * c.config.committeesPerZone,
    committeeSize: c.config.committeeSize,
    committeeTables: Array.from({ length: c.config.committeesPerZone }, (_, g) =>
      committeeTables(c.config, 0, g),
    ),
    ...((await beacon.generalInfos?.()) as object | undefined),
  };
}

export async function getTimerInfo(c: Ctx) {
  const beacon = c.env.BEACON.getByName(beaconName(c.config)) as unknown as {
    clock?: () => Promise<unknown>;
  };
  return beacon.clock ? beacon.clock() : { now: Math.floor(Date.now() / 1000) };
}
