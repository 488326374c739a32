/**
 * The committee in workerd: certify requests that arrive together are certified by one PBFT round,
 * whose block certificate names every block it covers and verifies for each of them only; answers
 * are idempotent per (table, height); a request the committee must refuse fails alone.
 */
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { config, eventsOf } from './helpers.ts';
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { sha256 } from '../../protocol/hash.ts';
import { blockHash, encodeHeader } from '../../protocol/lattice/tableBlock.ts';
import { decodeBlockCertificate, verifyBlockCertificate } from '../../protocol/lattice/blockCertificate.ts';
import { committeeKeys, committeeTables, genesisCommitteeOf } from '../../protocol/network/config.ts';
import type { TableBlockHeader } from '../../protocol/lattice/types.ts';
import type { CommitteeDO } from '../../durable-objects/committee/CommitteeDO.ts';

function header(table: number, height: number, salt = 'a'): TableBlockHeader {
  const h = (s: string) => sha256(new TextEncoder().encode(`${s}/${table}/${height}/${salt}`));
  return {
    chainId: config.chainId,
    table,
    height: BigInt(height),
    prevHash: h('prev'),
    time: config.genesisTime + height,
    txCount: 0,
    txRoot: h('tx'),
    rejectedRoot: h('rejected'),
    inputsRoot: h('inputs'),
    unitsRoot: h('units'),
    receiptsRoot: h('receipts'),
  };
}

const req = (h: TableBlockHeader) => ({
  table: h.table,
  height: Number(h.height),
  header: '0x' + toHex(encodeHeader(h)),
});

describe('committee rounds', () => {
  const [t0, t1] = committeeTables(config, 0, 0);
  const ref = genesisCommitteeOf(config, t0!);
  const committee = env.COMMITTEE.getByName(ref.name);
  const keys = committeeKeys(config, ref.zone, ref.index);

  it('certifies the blocks of several tables in one round, each certificate binding its own block', async () => {
    expect(t1, 'the committee owns two tables').toBeDefined();
    const [a, b] = [header(t0!, 1), header(t1!, 1)];
    const before = (await eventsOf(committee)).length;
    // Both requests reach the object before its next round starts, as they do under load.
    const [ra, rb] = await runInDurableObject(committee, (instance: CommitteeDO) =>
      Promise.all([instance.certify(req(a)), instance.certify(req(b))]),
    );
    expect(ra.seq).toBe(rb.seq);
    expect(ra.certificate).toBe(rb.certificate);
    const cert = decodeBlockCertificate(fromHex(ra.certificate));
    expect(cert.blocks.map((x) => toHex(x)).sort()).toEqual([blockHash(a), blockHash(b)].map(toHex).sort());
    expect(verifyBlockCertificate(blockHash(a), cert, keys)).toBe(true);
    expect(verifyBlockCertificate(blockHash(b), cert, keys)).toBe(true);
    expect(verifyBlockCertificate(blockHash(header(t0!, 1, 'other')), cert, keys)).toBe(false);
    // A list that is not the round's value, or another committee's keys, do not verify.
    expect(verifyBlockCertificate(blockHash(a), { ...cert, blocks: [blockHash(a)] }, keys)).toBe(false);
    expect(verifyBlockCertificate(blockHash(a), cert, committeeKeys(config, 0, 1))).toBe(false);
    // One round: one Proposed per block, one set of messages, one Certified per block.
    const evs = (await eventsOf(committee)).slice(before);
    expect(evs.filter((e) => e.type === 'Proposed')).toHaveLength(2);
    expect(evs.filter((e) => e.type === 'Certified')).toHaveLength(2);
    expect(new Set(evs.filter((e) => e.type === 'Message').map((e) => e.body.seq)).size).toBeLessThanOrEqual(
      2,
    );
  });

  it('answers a repeated request with the stored certificate and refuses a second header', async () => {
    const a = header(t0!, 2);
    const first = await committee.certify(req(a));
    expect(await committee.certify(req(a))).toEqual(first);
    const fork = await committee.certify(req(header(t0!, 2, 'fork'))).then(
      () => null,
      (e: unknown) => String(e),
    );
    expect(fork).toMatch(/already certified with another header/);
  });

  it('refuses a table it does not own without failing the others in the round', async () => {
    const foreign = committeeTables(config, 0, 1)[0]!;
    const [bad, good] = await runInDurableObject(committee, (instance: CommitteeDO) =>
      Promise.allSettled([instance.certify(req(header(foreign, 1))), instance.certify(req(header(t1!, 2)))]),
    );
    expect(bad.status).toBe('rejected');
    expect(String((bad as PromiseRejectedResult).reason)).toMatch(/does not own table/);
    expect(good.status).toBe('fulfilled');
  });
});
