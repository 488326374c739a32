/**
 * Checks receipts from another table before they may enter this table's inbox: each receipt is a
 * leaf of the source block's receiptsRoot, and the source header carries a commit certificate of
 * the source table's committee over exactly that header. Signatures are checked
 * through WebCrypto; a block's certificate is checked once and remembered.
 */
import { fromHex, toHex, bytesEqual } from '../../protocol/bytes.ts';
import { decodeReceipt, verifyReceiptInBlock } from '../../protocol/lattice/receipt.ts';
import { decodeHeader, blockHash } from '../../protocol/lattice/tableBlock.ts';
import { decodeMerkleProof } from '../../protocol/merkle/merkle.ts';
import { decodeCertificate } from '../../protocol/pbft/certificate.ts';
import { verifyCertificate } from '../../protocol/pbft/verifyCertificate.ts';
import { valueDigest } from '../../protocol/pbft/digests.ts';
import { ed25519VerifyAsync } from '../../protocol/keys/ed25519Async.ts';
import { committeeKeys, genesisCommitteeOf, type NetworkConfig } from '../../protocol/network/config.ts';
import { ErrorCode, fail } from '../../protocol/errors.ts';
import type { Receipt } from '../../protocol/lattice/types.ts';
import type { ReceiptBatch } from '../../schema/rpc.ts';
import type { CertKeys } from './certKeys.ts';

const verifiedBlocks = new Set<string>();

/**
 * True when `certificateHex` is a valid commit certificate over `headerBytes` by the committee with
 * `keys` (default: the table's genesis committee).
 */
export async function verifyHeaderCertificate(
  config: NetworkConfig,
  table: number,
  headerBytes: Uint8Array,
  certificateHex: string,
  keys?: Uint8Array[],
): Promise<boolean> {
  const cert = decodeCertificate(fromHex(certificateHex, 'certificate'));
  if (!bytesEqual(cert.digest, valueDigest(headerBytes))) return false;
  const { zone, index } = genesisCommitteeOf(config, table);
  const checks: [Uint8Array, Uint8Array, Uint8Array][] = [];
  // The structural rules (bitmap, quorum) from protocol/; the signatures themselves through WebCrypto.
  const shapeOk = verifyCertificate(cert, keys ?? committeeKeys(config, zone, index), {
    verify: (k, h, s) => (checks.push([k, h, s]), true),
  });
  if (!shapeOk) return false;
  const results = await Promise.all(checks.map(([k, h, s]) => ed25519VerifyAsync(k, h, s)));
  return results.every(Boolean);
}

/**
 * Opens a batch of receipts from another table: its header's certificate is checked once (and
 * remembered per block), then each receipt's Merkle path into that header. Any failure rejects the
 * whole batch.
 */
export async function openBatch(
  config: NetworkConfig,
  toTable: number,
  batch: ReceiptBatch,
  certKeys?: CertKeys,
): Promise<Receipt[]> {
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
    return receipt;
  });
}
