/**
 * The Ethereum JSON-RPC subset on POST /rpc, so that viem, ethers and browser wallets can send TOP
 * between T8 accounts: chain and account reads, fee answers, eth_sendRawTransaction (wrapped as an
 * ethTransfer and admitted like any transaction; batched per table in rpc.ts), and transactions,
 * receipts and blocks in Ethereum's shapes (see ethFormat.ts and docs/ethereum.md).
 */
import { fromHex } from '../../../protocol/bytes.ts';
import { ErrorCode, fail } from '../../../protocol/errors.ts';
import { addressFromEthereum } from '../../../protocol/keys/address.ts';
import { MAX_ETH_TX_BYTES } from '../../../protocol/eth/ethTx.ts';
import { ethTransferFromRaw, TRANSFER_GAS, WEI_PER_UTOP } from '../../../protocol/tx/ethTransfer.ts';
import { MAX_EXPIRY_SECONDS, type Tx } from '../../../protocol/tx/types.ts';
import type { AccountView, BlockView, TxView } from '../../../schema/rpc.ts';
import * as m from '../methods.ts';
import { markSenderRecovered } from '../admit.ts';
import { RpcCode, RpcError } from '../rpcErrors.ts';
import { toEthError } from './ethErrors.ts';
import {
  ethReceipt,
  ethTransaction,
  qty,
  slotBlock,
  slotHash,
  slotOf,
  type EthInclusion,
} from './ethFormat.ts';

type Method = (c: m.Ctx, params: unknown[]) => Promise<unknown>;

/** How long the edge lets a wallet's transaction wait for inclusion (wallet bytes carry no expiry). */
export const ETH_TX_WINDOW_SECONDS = Math.min(3600, MAX_EXPIRY_SECONDS);

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const currentSlot = (c: m.Ctx): number => slotOf(c.config.genesisTime, nowSeconds());

function address(v: unknown, field: string): string {
  if (typeof v !== 'string') fail(ErrorCode.BAD_TYPE, "expected a '0x' Ethereum address", field);
  return addressFromEthereum(v, field);
}

function quantity(v: unknown, field: string): bigint {
  if (typeof v !== 'string' || !/^0x(0|[1-9a-fA-F][0-9a-fA-F]*)$/.test(v) || v.length > 66)
    fail(ErrorCode.BAD_TYPE, 'expected a hex quantity (0x-prefixed, no leading zeros)', field);
  return BigInt(v);
}

/** A block tag as a slot number; null for a slot not reached yet. */
function slotOfTag(c: m.Ctx, tag: unknown, field = 'block'): number | null {
  if (tag === undefined || tag === 'latest' || tag === 'pending' || tag === 'safe' || tag === 'finalized')
    return currentSlot(c);
  if (tag === 'earliest') return 0;
  const n = quantity(tag, field);
  return n > BigInt(currentSlot(c)) ? null : Number(n);
}

/** State reads have no history: every tag that names a reached block reads the latest state. */
function stateTag(c: m.Ctx, tag: unknown): void {
  if (slotOfTag(c, tag) === null)
    fail(ErrorCode.OUT_OF_RANGE, 'block not reached yet: state is only known up to the latest slot', 'block');
}

async function account(c: m.Ctx, v: unknown, field = 'address'): Promise<AccountView> {
  return (await m.getAccount(c, [address(v, field)])) as AccountView;
}

/** An ethTransfer's view by Ethereum hash, or null (unknown, or not sent by an Ethereum wallet). */
async function ethView(c: m.Ctx, hash: unknown): Promise<TxView | null> {
  try {
    const v = await m.getTransaction(c, [hash]);
    return v.tx.type === 'ethTransfer' ? v : null;
  } catch (e) {
    if (e instanceof RpcError && e.rpcCode === RpcCode.notFound) return null;
    throw e;
  }
}

/** The slot of the table block that decided a transaction (final: the last phase; rejected: its block). */
async function inclusion(c: m.Ctx, v: TxView): Promise<EthInclusion | null> {
  if (v.status !== 'final' && v.status !== 'rejected') return null;
  const at = v.confirm ?? v.recv ?? v.send;
  if (!at) return null;
  const block = (await m.getBlock(c, [at.table, at.height])) as BlockView;
  const n = slotOf(c.config.genesisTime, block.header.time);
  return { blockNumber: n, blockHash: slotHash(c.config.chainId, n) };
}

/** eth_sendRawTransaction's param as the transaction the edge admits. */
export function parseEthRawParam(p: unknown, now: number): Tx {
  if (typeof p !== 'string') fail(ErrorCode.BAD_TYPE, 'expected the signed transaction as 0x-hex', 'raw');
  if (p.length > 2 + MAX_ETH_TX_BYTES * 2)
    fail(ErrorCode.OVERSIZED, `transaction exceeds ${MAX_ETH_TX_BYTES} bytes`, 'raw');
  // The sender is recovered from the signature here, so the edge does not check it a second time.
  return markSenderRecovered(ethTransferFromRaw(fromHex(p, 'raw'), now, now + ETH_TX_WINDOW_SECONDS));
}

async function estimateGas(c: m.Ctx, [call]: unknown[]): Promise<string> {
  if (typeof call !== 'object' || call === null)
    fail(ErrorCode.BAD_TYPE, 'expected a call object {from, to, value}', 'call');
  const o = call as Record<string, unknown>;
  if (o.to === undefined || o.to === null)
    fail(ErrorCode.UNSUPPORTED, 'contract creation is not supported: topnet runs no EVM', 'to');
  address(o.to, 'to');
  const data = o.data ?? o.input;
  if (data !== undefined && data !== '0x')
    fail(ErrorCode.UNSUPPORTED, 'topnet runs no contracts: a transfer carries no data', 'data');
  const value = o.value === undefined ? 0n : quantity(o.value, 'value');
  if (value % WEI_PER_UTOP !== 0n)
    fail(ErrorCode.BAD_AMOUNT, 'value must be a whole number of uTOP (a multiple of 10^12 wei)', 'value');
  if (o.from !== undefined) {
    const a = await account(c, o.from, 'from');
    if (BigInt(a.balance) * WEI_PER_UTOP < value)
      fail(
        ErrorCode.INSUFFICIENT_FUNDS,
        `balance ${a.balance} uTOP is less than ${value / WEI_PER_UTOP} uTOP`,
        'value',
      );
  }
  return qty(TRANSFER_GAS);
}

const methods: Record<string, Method> = {
  eth_chainId: async (c) => qty(c.config.chainId),
  net_version: async (c) => String(c.config.chainId),
  web3_clientVersion: async () => 'topnet/0.1.0',
  eth_syncing: async () => false,
  eth_accounts: async () => [],
  eth_blockNumber: async (c) => qty(currentSlot(c)),
  eth_gasPrice: async () => '0x0',
  eth_maxPriorityFeePerGas: async () => '0x0',
  eth_getBalance: async (c, [a, tag]) => {
    stateTag(c, tag);
    return qty(BigInt((await account(c, a)).balance) * WEI_PER_UTOP);
  },
  eth_getTransactionCount: async (c, [a, tag]) => {
    stateTag(c, tag);
    const v = await account(c, a);
    return qty(BigInt(v.nonce) + (tag === 'pending' ? BigInt(v.pending) : 0n));
  },
  eth_estimateGas: estimateGas,
  eth_getTransactionByHash: async (c, [hash]) => {
    const v = await ethView(c, hash);
    return v ? ethTransaction(v, await inclusion(c, v)) : null;
  },
  eth_getTransactionReceipt: async (c, [hash]) => {
    const v = await ethView(c, hash);
    const at = v && (await inclusion(c, v));
    return v && at ? ethReceipt(v, at) : null;
  },
  eth_getBlockByNumber: async (c, [tag]) => {
    const n = slotOfTag(c, tag);
    return n === null ? null : slotBlock(c.config.chainId, c.config.genesisTime, n);
  },
};

/** The eth_* methods, each answering errors in geth's words (see ethErrors.ts). */
export const ETH_METHODS: Record<string, Method> = Object.fromEntries(
  Object.entries(methods).map(([name, f]) => [
    name,
    async (c: m.Ctx, params: unknown[]) => {
      try {
        return await f(c, params);
      } catch (e) {
        throw toEthError(e);
      }
    },
  ]),
);
