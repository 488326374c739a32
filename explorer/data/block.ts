/**
 * Table block page data: the block as getBlock gives it, plus its block certificate decoded
 * (protocol/lattice/blockCertificate) and laid against the committee: which member signed, which did not, whether the
 * quorum is met and every signature verifies against the member keys.
 */
import { beaconName } from '../../durable-objects/base/config.ts';
import * as m from '../../workers/edge/methods.ts';
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { bitSet } from '../../protocol/pbft/certificate.ts';
import { quorumSize } from '../../protocol/pbft/quorum.ts';
import { decodeBlockCertificate, verifyBlockCertificate } from '../../protocol/lattice/blockCertificate.ts';
import type { Ctx } from '../../workers/edge/methods.ts';
import type { BlockView } from '../../schema/rpc.ts';
import { parseTable } from './tables.ts';

export interface CertificateView {
  view: string;
  seq: string;
  digest: string;
  committee: string;
  quorum: number;
  signed: number;
  verified: boolean;
  signers: { index: number; key: string; signed: boolean }[];
  /** Every block the same PBFT round certified (this one among them). */
  roundBlocks: string[];
}

/**
 * Unit blocks a block page lists (and decodes); the count of the rest is in `unitCount`. Decoding
 * and hashing units is most of a big block page's cost: on the 2-table devnet a block of the
 * explorer bench's load carries ~900 transfers and ~250 units, and 200 of them put the page's p95
 * at 55 ms.
 */
export const BLOCK_PAGE_UNITS = 100;
/** Entries a block page shows per unit block; the rest are on the account's page. */
export const BLOCK_PAGE_ENTRIES = 5;

export interface BlockData {
  block: BlockView;
  certificate: CertificateView | null;
}

export function decodeCertificateView(
  hex: string,
  blockHashHex: string,
  committee: string,
  members: string[],
): CertificateView {
  const blockCert = decodeBlockCertificate(fromHex(hex, 'certificate'));
  const cert = blockCert.round;
  const keys = members.map((k) => fromHex(k, 'member', 32));
  const signers = members.map((key, index) => ({ index, key, signed: bitSet(cert.signers, index) }));
  return {
    view: cert.view.toString(),
    seq: cert.seq.toString(),
    digest: '0x' + toHex(cert.digest),
    committee,
    quorum: quorumSize(members.length),
    signed: signers.filter((s) => s.signed).length,
    verified: verifyBlockCertificate(fromHex(blockHashHex, 'hash', 32), blockCert, keys),
    signers,
    roundBlocks: blockCert.blocks.map((h) => '0x' + toHex(h)),
  };
}

export async function blockData(c: Ctx, table: string, at: string): Promise<BlockData> {
  const t = parseTable(c, table);
  const block = (await m.getBlock(c, [t, /^\d+$/.test(at) ? Number(at) : at], BLOCK_PAGE_UNITS)) as BlockView;
  if (!block.certificate) return { block, certificate: null };
  // The members of the committee that certified it, in its epoch (committees rotate).
  const named = /\/committee\/(\d+)\/(\d+)$/.exec(block.committee ?? '');
  const info = named
    ? await c.env.BEACON.getByName(beaconName(c.config)).epochCommittee(
        block.epoch ?? 0,
        Number(named[1]),
        Number(named[2]),
      )
    : ((await m.getConsensus(c, [t])) as { name: string; members: string[] }[])[0];
  return {
    block,
    certificate: decodeCertificateView(
      block.certificate,
      block.hash,
      block.committee ?? info!.name,
      info!.members,
    ),
  };
}
