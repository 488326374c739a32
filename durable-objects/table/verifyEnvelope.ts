/**
 * Checks receipts from another table before they may enter this table's inbox: each receipt is a
 * leaf of the source block's receiptsRoot, and the source header carries a commit certificate of
 * the source table's committee over exactly that header. Signatures are checked natively and
 * synchronously (node:crypto: no WebCrypto key import or promise per signature); a block's
 * certificate is checked once and remembered.
 */
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { decodeReceipt, verifyReceiptInBlock } from '../../protocol/lattice/receipt.ts';
import { decodeHeader, blockHash } from '../../protocol/lattice/tableBlock.ts';
import { decodeMerkleProof } from '../../protocol/merkle/merkle.ts';
import { decodeBlockCertificate, verifyBlockCertificate } from '../../protocol/lattice/blockCertificate.ts';
import { nativeVerify } from '../base/nativeEd25519.ts';
import { committeeKeys, genesisCommitteeOf, type NetworkConfig } from '../../protocol/network/config.ts';
import { ErrorCode, fail } from '../../protocol/errors.ts';
import type { Receipt } from '../../protocol/lattice/types.ts';
import type { ReceiptBatch } from '../../schema/rpc.ts';
import type { CertKeys } from './certKeys.ts';

const verifiedBlocks = new Set<string>();

/**
 * True when `certificateHex` is a valid block certificate for `headerBytes` by the committee with
 * `keys` (default: the table's genesis committee).
 */
export async function verifyHeaderCertificate(
  config: NetworkConfig,
  table: number,
  headerBytes: Uint8Array,
  certificateHex: string,
  keys?: Uint8Array[],
): Promise<boolean> {
  const cert = decodeBlockCertificate(fromHex(certificateHex, 'certificate'));
  const { zone, index } = genesisCommitteeOf(config, table);
  return verifyBlockCertificate(
    blockHash(decodeHeader(headerBytes)),
    cert,
    keys ?? committeeKeys(config, zone, index),
    {
      verify: nativeVerify,
    },
  );
}

/**
 * Opens a batch of receipts from another table: its header's certificate is checked once (and
 * remembered per block), then each receipt's Merkle path into that header. Any failure rejects the
 * whole batch.
 */
/** A receipt that checked out, with its encoding as delivered (the log stores that, not a re-encoding). */
export interface Opened {
  receipt: Receipt;
  raw: string;
}

export async function openBatch(
  config: NetworkConfig,
  toTable: number,
  batch: ReceiptBatch,
  certKeys?: CertKeys,
): Promise<Opened[]> {
  const headerBytes = fromHex(batch.header, 'header');
  const header = decodeHeader(headerBytes);
  if (header.table !== batch.fromTable || header.height !== BigInt(batch.height))
    fail(ErrorCode.BAD_RECEIPT, "the header is not the batch's block", 'header');
  const key = toHex(blockHash(header));
  if (!verifiedBlocks.has(key)) {
    const ok = certKeys
      ? await certKeys.verifyWith(header.table, (keys) =>
          verifyHeaderCertificate(config, header.table, headerBytes, batch.certificate, keys),
        )
      : await verifyHeaderCertificate(config, header.table, headerBytes, batch.certificate);
    if (!ok) fail(ErrorCode.BAD_CERTIFICATE, 'certificate does not certify the source block', 'certificate');
    if (verifiedBlocks.size > 10_000) verifiedBlocks.clear();
    verifiedBlocks.add(key);
  }
  return batch.envelopes.map((env) => {
    const receipt = decodeReceipt(fromHex(env.receipt, 'receipt'));
    if (receipt.toTable !== toTable)
      fail(ErrorCode.BAD_RECEIPT, `receipt is for table ${receipt.toTable}`, 'receipt.toTable');
    verifyReceiptInBlock(receipt, decodeMerkleProof(fromHex(env.proof, 'proof')), header);
    return { receipt, raw: env.receipt.toLowerCase() };
  });
}
