/**
 * What a committed block says to the rest of the network, built from its result: the
 * BlockCommitted event body, the receipt batches for the zone (each receipt with its Merkle proof,
 * the header and the certificate), the hub's live events, and the head for the beacon.
 */
import { toHex } from '../../protocol/bytes.ts';
import { encodeReceipt, receiptProofs } from '../../protocol/lattice/receipt.ts';
import { encodeHeader } from '../../protocol/lattice/tableBlock.ts';
import { encodeUnit } from '../../protocol/lattice/unitBlock.ts';
import { encodeMerkleProof } from '../../protocol/merkle/merkle.ts';
import { ReceiptKind, type BlockResult } from '../../protocol/lattice/types.ts';
import { isTransfer, type Tx } from '../../protocol/tx/types.ts';
import type { BlockCommittedBody } from '../../schema/events.ts';
import { genesisTable } from '../../protocol/lattice/genesis.ts';
import { tableCount, type NetworkConfig } from '../../protocol/network/config.ts';
import type { HubEvent, ReceiptBatch, TableHead } from '../../schema/rpc.ts';

const hex = (b: Uint8Array): string => '0x' + toHex(b);

export function committedBody(
  r: BlockResult,
  certificate: string | null,
  committee: string | null,
): BlockCommittedBody {
  return {
    height: Number(r.header.height),
    hash: hex(r.hash),
    header: hex(encodeHeader(r.header)),
    certificate,
    committee,
    results: r.results.map((x) => ({
      hash: hex(x.hash),
      ok: x.ok,
      ...(x.ok ? {} : { code: x.code, message: x.message }),
    })),
    units: r.units.map((u) => hex(encodeUnit(u))),
    outgoing: r.outgoing.map((x) => hex(encodeReceipt(x))),
    applied: r.applied.map((x) => hex(encodeReceipt(x))),
    dropped: r.skipped.map((x) => hex(encodeReceipt(x))),
  };
}

/** Block 0 of a table, from the network's genesis config (no certificate: the config defines it). */
export function genesisBody(config: NetworkConfig, table: number): BlockCommittedBody {
  const g = genesisTable({
    chainId: config.chainId,
    table,
    tableCount: tableCount(config),
    time: config.genesisTime,
    accounts: config.prefunded.map((a) => ({ address: a.address, balance: BigInt(a.balance) })),
  });
  return committedBody(g.block, null, null);
}

/** One batch per target table, receipts in id order, each with its proof; the body's certificate is set. */
export function receiptBatches(r: BlockResult, body: BlockCommittedBody): ReceiptBatch[] {
  const proofs = receiptProofs(r.outgoing);
  const byTarget = new Map<number, ReceiptBatch>();
  r.outgoing.forEach((x, i) => {
    let b = byTarget.get(x.toTable);
    if (!b) {
      b = {
        fromTable: x.fromTable,
        toTable: x.toTable,
        height: body.height,
        header: body.header,
        certificate: body.certificate!,
        envelopes: [],
      };
      byTarget.set(x.toTable, b);
    }
    b.envelopes.push({ receipt: body.outgoing[i]!, proof: hex(encodeMerkleProof(proofs[i]!)) });
  });
  return [...byTarget.values()];
}

/** Live events: the block, each included or rejected transaction, each recv and confirm applied. */
export function hubEvents(
  table: number,
  tableOf: (address: string) => number,
  r: BlockResult,
  body: BlockCommittedBody,
  txs: readonly Tx[],
): HubEvent[] {
  const height = body.height;
  const events: HubEvent[] = [
    { kind: 'block', table, height, hash: body.hash, txCount: r.header.txCount, time: r.header.time },
  ];
  r.results.forEach((x, i) => {
    const tx = txs[i]!;
    const cross = isTransfer(tx.type) && tableOf(tx.receiver) !== table;
    events.push({
      kind: 'tx',
      hash: body.results[i]!.hash,
      status: !x.ok ? 'rejected' : cross ? 'sent' : 'final',
      table,
      height,
      accounts: [tx.sender, tx.receiver],
    });
  });
  for (const x of r.applied)
    events.push({
      kind: 'tx',
      hash: hex(x.txHash),
      status: x.kind === ReceiptKind.send ? 'received' : 'final',
      table,
      height,
      accounts: [x.sender, x.receiver],
    });
  return events;
}

export function headOf(table: number, r: BlockResult): TableHead {
  return { table, height: Number(r.header.height), hash: hex(r.hash), time: r.header.time };
}
