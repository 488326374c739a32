/**
 * The edge's checks before a transaction reaches any table: schema (JSON object or 0x-hex
 * encoding), size, chain id, time window, signature (WebCrypto for ed25519). Then a batch is
 * grouped by the sender's table, one Durable Object call per table, results back in input order.
 */
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { ErrorCode, fail } from '../../protocol/errors.ts';
import { decodeTx, encodeTx } from '../../protocol/tx/encodeTx.ts';
import { txFromJson } from '../../protocol/tx/txJson.ts';
import { txHash } from '../../protocol/tx/txHash.ts';
import { checkTxFields, checkTxSignatureAsync } from '../../protocol/tx/checkTx.ts';
import { MAX_TX_BYTES, type Tx } from '../../protocol/tx/types.ts';
import { accountTable, tableName, type NetworkConfig } from '../../protocol/network/config.ts';
import type { Env } from '../../schema/env.ts';
import type { SubmitResult } from '../../schema/rpc.ts';
import { toRpcError } from './rpcErrors.ts';

/** A transaction as sent: the JSON form, or the 0x-hex of its signed encoding. */
export function parseTxParam(p: unknown): Tx {
  if (typeof p === 'string') {
    if (p.length > 2 + MAX_TX_BYTES * 2)
      fail(ErrorCode.OVERSIZED, `transaction exceeds ${MAX_TX_BYTES} bytes`, 'transaction');
    return decodeTx(fromHex(p, 'transaction'));
  }
  return txFromJson(p);
}

/**
 * Transactions whose sender was recovered from their own signature while parsing them
 * (eth_sendRawTransaction): checking the signature again would only repeat that recovery.
 */
const senderRecovered = new WeakSet<Tx>();
export function markSenderRecovered(tx: Tx): Tx {
  senderRecovered.add(tx);
  return tx;
}

export async function checkAtEdge(
  tx: Tx,
  config: NetworkConfig,
  now: number,
): Promise<{ raw: string; hash: string }> {
  checkTxFields(tx, { chainId: config.chainId, now });
  const raw = encodeTx(tx);
  const hash = txHash(tx);
  if (!senderRecovered.has(tx)) await checkTxSignatureAsync(tx, hash);
  return { raw: '0x' + toHex(raw), hash: '0x' + toHex(hash) };
}

export type Outcome = { ok: true; result: SubmitResult } | { ok: false; error: unknown };

/**
 * Validates and submits many transactions: one submit call per table, in parallel. `parse` turns
 * param i into a transaction (eth_sendRawTransaction wraps wallet bytes; see eth/ethMethods.ts).
 */
export async function submitMany(
  env: Env,
  config: NetworkConfig,
  params: unknown[],
  parse: (p: unknown, i: number, now: number) => Tx = (p) => parseTxParam(p),
): Promise<Outcome[]> {
  const now = Math.floor(Date.now() / 1000);
  const out: Outcome[] = new Array(params.length);
  const byTable = new Map<number, { i: number; raw: string }[]>();
  await Promise.all(
    params.map(async (p, i) => {
      try {
        const tx = parse(p, i, now);
        const { raw } = await checkAtEdge(tx, config, now);
        const t = accountTable(config, tx.sender);
        let list = byTable.get(t);
        if (!list) byTable.set(t, (list = []));
        list.push({ i, raw });
      } catch (e) {
        out[i] = { ok: false, error: e };
      }
    }),
  );
  await Promise.all(
    [...byTable].map(async ([t, list]) => {
      list.sort((a, b) => a.i - b.i);
      try {
        const results = await env.TABLE.getByName(tableName(config, t)).submit(list.map((x) => x.raw));
        results.forEach((r, k) => (out[list[k]!.i] = { ok: true, result: r }));
      } catch (e) {
        for (const x of list) out[x.i] = { ok: false, error: toRpcError(e) };
      }
    }),
  );
  return out;
}
