/**
 * Checks a receipt envelope from another table before it may enter this table's inbox: the
 * receipt is a leaf of the source block's receiptsRoot, and the source header carries a commit
 * certificate of the source table's committee over exactly that header. Signatures are checked
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
import type { ReceiptEnvelope } from '../../schema/rpc.ts';

const verifiedBlocks = new Set<string>();

/** True when `certificateHex` is a valid commit certificate of the table's committee over `headerBytes`. */
export async function verifyHeaderCertificate(
  config: NetworkConfig,
  table: number,
  headerBytes: Uint8Array,
  certificateHex: string,
): Promise<boolean> {
  const cert = decodeCertificate(fromHex(certificateHex, 'certificate'));
  if (!bytesEqual(cert.digest, valueDigest(headerBytes))) return false;
  const { zone, index } = genesisCommitteeOf(config, table);
  const checks: [Uint8Array, Uint8Array, Uint8Array][] = [];
  // The structural rules (bitmap, quorum) from protocol/; the signatures themselves through WebCrypto.
  const shapeOk = verifyCertificate(cert, committeeKeys(config, zone, index), {
    verify: (k, h, s) => (checks.push([k, h, s]), true),
  });
  if (!shapeOk) return false;
  const results = await Promise.all(checks.map(([k, h, s]) => ed25519VerifyAsync(k, h, s)));
  return results.every(Boolean);
}

export async function openEnvelope(
  config: NetworkConfig,
  toTable: number,
  env: ReceiptEnvelope,
): Promise<Receipt> {
  const receipt = decodeReceipt(fromHex(env.receipt, 'receipt'));
  const headerBytes = fromHex(env.header, 'header');
  const header = decodeHeader(headerBytes);
  if (receipt.toTable !== toTable)
    fail(ErrorCode.BAD_RECEIPT, `receipt is for table ${receipt.toTable}`, 'receipt.toTable');
  verifyReceiptInBlock(receipt, decodeMerkleProof(fromHex(env.proof, 'proof')), header);
  const key = toHex(blockHash(header));
  if (!verifiedBlocks.has(key)) {
    if (!(await verifyHeaderCertificate(config, header.table, headerBytes, env.certificate)))
      fail(ErrorCode.BAD_CERTIFICATE, 'certificate does not certify the source block', 'certificate');
    if (verifiedBlocks.size > 10_000) verifiedBlocks.clear();
    verifiedBlocks.add(key);
  }
  return receipt;
}
