/** Shared helpers of the workerd tests: the test network's config, dev signers, signed transfers, polling. */
import { env, exports } from 'cloudflare:workers';
import { networkConfig } from '../../durable-objects/base/config.ts';
import { devAccounts, accountTable, tableName, type NetworkConfig } from '../../protocol/network/config.ts';
import { signTx } from '../../protocol/tx/signTx.ts';
import { encodeTx } from '../../protocol/tx/encodeTx.ts';
import { txHash } from '../../protocol/tx/txHash.ts';
import { bytesToBigInt, fromHex, toHex, ZERO32 } from '../../protocol/bytes.ts';
import { encodeEthTx, ethSigningHash, ethTxHash, type EthTxFields } from '../../protocol/eth/ethTx.ts';
import { secp256k1Sign } from '../../protocol/keys/secp256k1.ts';
import { WEI_PER_UTOP } from '../../protocol/tx/ethTransfer.ts';
import type { Signer } from '../../protocol/keys/signer.ts';
import type { Tx, UnsignedTx } from '../../protocol/tx/types.ts';
import type { EventRecord } from '../../schema/log.ts';

export const config: NetworkConfig = networkConfig(env);
export const dev = devAccounts();

export function tableStub(t: number) {
  return env.TABLE.getByName(tableName(config, t));
}

export function tableOfAddr(address: string): number {
  return accountTable(config, address);
}

/** Tracks each signer's next nonce and previous hash, as a wallet would. */
export class Wallet {
  nonce = 0n;
  prevHash: Uint8Array = ZERO32;
  constructor(readonly signer: Signer) {}

  sign(fields: Partial<UnsignedTx> & { receiver: string; amount: bigint }): Tx {
    const now = Math.floor(Date.now() / 1000);
    const tx = signTx(
      {
        chainId: config.chainId,
        type: 0,
        sender: this.signer.address,
        nonce: this.nonce,
        prevHash: this.prevHash,
        timestamp: now,
        expiry: now + 600,
        memo: '',
        ...fields,
      },
      this.signer,
    );
    this.nonce += 1n;
    this.prevHash = txHash(tx);
    return tx;
  }
}

export function hex(tx: Tx): string {
  return '0x' + toHex(encodeTx(tx));
}

export function hashHex(tx: Tx): string {
  return '0x' + toHex(txHash(tx));
}

export async function waitFor<T>(
  f: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A stub's event log (typed here: RPC typing of free-form event bodies is too deep for tsc). */
export async function eventsOf(stub: unknown, afterSeq = 0, limit = 5000): Promise<EventRecord[]> {
  return (stub as { events(a: number, l: number): Promise<EventRecord[]> }).events(afterSeq, limit);
}

/**
 * Waits until the network is quiet — no pending transactions, inboxes or outboxes in any table —
 * so no background delivery is still running when a test file's isolate is torn down.
 */
/**
 * Waits until nothing is in flight: every table's mempool, inbox and outbox and every zone's outbox
 * are empty, twice in a row (a zone delivery in flight refills an inbox), so no object is still
 * working when the test file's environment closes.
 */
export async function settle(timeoutMs = 60_000): Promise<void> {
  const { tableCount } = await import('../../protocol/network/config.ts');
  const { zoneName } = await import('../../durable-objects/base/config.ts');
  const quiet = async (): Promise<boolean> => {
    const stats = await Promise.all(
      Array.from({ length: tableCount(config) }, (_, t) => tableStub(t).stats()),
    );
    const zones = await Promise.all(
      Array.from({ length: config.zones }, (_, z) => env.ZONE.getByName(zoneName(config, z)).stats()),
    );
    return (
      stats.every((s) => s.pending === 0 && s.inbox === 0 && s.outbox === 0) &&
      zones.every((z) => z.queued === 0)
    );
  };
  let streak = 0;
  await waitFor(
    async () => {
      streak = (await quiet()) ? streak + 1 : 0;
      return streak >= 2;
    },
    timeoutMs,
    'the network to settle',
  );
}

export interface RpcRes {
  id?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: { code: string; field?: string } };
}

/** One JSON-RPC batch to the Worker's /rpc, answers in call order. */
export async function rpcBatch(calls: [string, unknown[]][]): Promise<RpcRes[]> {
  const res = await exports.default.fetch('http://topnet/rpc', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(calls.map(([method, params], id) => ({ jsonrpc: '2.0', id, method, params }))),
  });
  return res.json();
}

export const rpcCall = async (method: string, params: unknown[]): Promise<RpcRes> =>
  (await rpcBatch([[method, params]]))[0]!;

/**
 * A signed EIP-1559 transfer of `amount` uTOP to the T8 address `to`, as a wallet sends it to
 * eth_sendRawTransaction; `forgeR` replaces the signature's r (e.g. with one that recovers nothing).
 */
export function signEthTransfer(
  secret: Uint8Array,
  to: string,
  amount: bigint,
  nonce: bigint,
  forgeR?: bigint,
): { raw: string; hash: string } {
  const fields: EthTxFields = {
    type: 2,
    chainId: BigInt(config.chainId),
    nonce,
    maxFeePerGas: 0n,
    maxPriorityFeePerGas: 0n,
    gas: 21000n,
    to: fromHex(to.slice(6), 'to', 20),
    value: amount * WEI_PER_UTOP,
    data: new Uint8Array(0),
    accessList: [],
  };
  const sig = secp256k1Sign(secret, ethSigningHash(fields));
  const raw = encodeEthTx(fields, {
    r: forgeR ?? bytesToBigInt(sig.subarray(0, 32)),
    s: bytesToBigInt(sig.subarray(32, 64)),
    yParity: sig[64] as 0 | 1,
  });
  return { raw: '0x' + toHex(raw), hash: '0x' + toHex(ethTxHash(raw)) };
}
