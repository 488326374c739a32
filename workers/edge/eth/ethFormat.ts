/**
 * The shapes Ethereum clients read, built from topnet's views. topnet has many table chains and no
 * single block sequence, so the Ethereum face numbers one-second slots since genesis: block n is
 * the second genesisTime + n, its hash is derived from (chain id, n), and a transaction's block is
 * the slot of the table block that made it final. Slot blocks list no transactions (the explorer
 * and getTransaction show where each one lives). Amounts are wei = uTOP × 10^12. See docs/ethereum.md.
 */
import { concatBytes, toHex, u32be, u64be, utf8 } from '../../../protocol/bytes.ts';
import { keccak256 } from '../../../protocol/hash.ts';
import { ethereumAddressOf } from '../../../protocol/keys/address.ts';
import { decodeEthTx, EthTxType } from '../../../protocol/eth/ethTx.ts';
import { fromHex } from '../../../protocol/bytes.ts';
import type { TxView } from '../../../schema/rpc.ts';

export const ZERO_HASH = '0x' + '00'.repeat(32);
const EMPTY_TRIE = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421';
const EMPTY_UNCLES = '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347';
const EMPTY_BLOOM = '0x' + '00'.repeat(256);
export const BLOCK_GAS_LIMIT = 30_000_000n;

export const qty = (v: bigint | number): string => '0x' + BigInt(v).toString(16);

/** The slot of a Unix time in seconds (never negative). */
export function slotOf(genesisTime: number, unixSeconds: number): number {
  return Math.max(0, Math.floor(unixSeconds) - genesisTime);
}

export function slotHash(chainId: number, n: number): string {
  return '0x' + toHex(keccak256(concatBytes(utf8('topnet/eth-slot'), u32be(chainId), u64be(BigInt(n)))));
}

export function slotBlock(chainId: number, genesisTime: number, n: number) {
  return {
    number: qty(n),
    hash: slotHash(chainId, n),
    parentHash: n === 0 ? ZERO_HASH : slotHash(chainId, n - 1),
    nonce: '0x0000000000000000',
    mixHash: ZERO_HASH,
    sha3Uncles: EMPTY_UNCLES,
    logsBloom: EMPTY_BLOOM,
    transactionsRoot: EMPTY_TRIE,
    stateRoot: EMPTY_TRIE,
    receiptsRoot: EMPTY_TRIE,
    miner: '0x' + '00'.repeat(20),
    difficulty: '0x0',
    totalDifficulty: '0x0',
    extraData: '0x',
    size: '0x0',
    gasLimit: qty(BLOCK_GAS_LIMIT),
    gasUsed: '0x0',
    timestamp: qty(genesisTime + n),
    baseFeePerGas: '0x0',
    transactions: [] as unknown[],
    uncles: [] as unknown[],
  };
}

/** Where a final (or rejected) transaction's slot block is, for the transaction and its receipt. */
export interface EthInclusion {
  blockNumber: number;
  blockHash: string;
}

/** eth_getTransactionByHash's object for an ethTransfer view. */
export function ethTransaction(view: TxView, at: EthInclusion | null) {
  const e = decodeEthTx(fromHex(view.tx.eth!, 'eth'));
  const legacy = e.type === EthTxType.legacy;
  return {
    type: qty(e.type),
    hash: view.hash,
    chainId: qty(e.chainId),
    nonce: qty(e.nonce),
    from: ethereumAddressOf(view.tx.sender).toLowerCase(),
    to: ethereumAddressOf(view.tx.receiver).toLowerCase(),
    value: qty(e.value),
    gas: qty(e.gas),
    input: '0x',
    // Nothing is charged per unit of gas on topnet (docs/ethereum.md): the effective price is 0.
    gasPrice: legacy ? qty(e.maxFeePerGas) : '0x0',
    ...(legacy
      ? { v: qty(e.chainId * 2n + 35n + BigInt(e.yParity)) }
      : {
          maxFeePerGas: qty(e.maxFeePerGas),
          maxPriorityFeePerGas: qty(e.maxPriorityFeePerGas),
          accessList: [],
          v: qty(e.yParity),
          yParity: qty(e.yParity),
        }),
    r: qty(e.r),
    s: qty(e.s),
    blockHash: at?.blockHash ?? null,
    blockNumber: at ? qty(at.blockNumber) : null,
    transactionIndex: at ? '0x0' : null,
  };
}

export function ethReceipt(view: TxView, at: EthInclusion) {
  const ok = view.status === 'final';
  const e = decodeEthTx(fromHex(view.tx.eth!, 'eth'));
  return {
    type: qty(e.type),
    transactionHash: view.hash,
    transactionIndex: '0x0',
    blockHash: at.blockHash,
    blockNumber: qty(at.blockNumber),
    from: ethereumAddressOf(view.tx.sender).toLowerCase(),
    to: ethereumAddressOf(view.tx.receiver).toLowerCase(),
    cumulativeGasUsed: ok ? '0x5208' : '0x0',
    gasUsed: ok ? '0x5208' : '0x0',
    effectiveGasPrice: '0x0',
    contractAddress: null,
    logs: [],
    logsBloom: EMPTY_BLOOM,
    status: ok ? '0x1' : '0x0',
  };
}
