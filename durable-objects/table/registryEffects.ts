/**
 * Registry transactions leave the table for the beacon: registerNode, vote and unvote lock funds
 * here (deposit, votes) when their block commits, and the beacon's node registry learns of them
 * from that block, through the outbox, so a registration exists only once its deposit is locked.
 */
import { toHex } from '../../protocol/bytes.ts';
import { encodeTx } from '../../protocol/tx/encodeTx.ts';
import { txHash } from '../../protocol/tx/txHash.ts';
import { TxType, type Tx } from '../../protocol/tx/types.ts';
import type { BlockResult } from '../../protocol/lattice/types.ts';
import type { NodeTxsBody } from '../../schema/dpos.ts';

const REGISTRY = new Set<number>([TxType.registerNode, TxType.vote, TxType.unvote]);

/** The block's successful registry transactions, or null when it has none. */
export function registryBatch(table: number, r: BlockResult, txs: readonly Tx[]): NodeTxsBody | null {
  const candidates = txs.filter((t) => REGISTRY.has(t.type));
  if (!candidates.length) return null;
  const ok = new Set(r.results.filter((x) => x.ok).map((x) => toHex(x.hash)));
  const picked = candidates.filter((t) => ok.has(toHex(txHash(t))));
  if (!picked.length) return null;
  return { table, height: Number(r.header.height), txs: picked.map((t) => '0x' + toHex(encodeTx(t))) };
}
