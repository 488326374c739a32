/**
 * The end-to-end election vector (test/protocol/vectors/vrf-election-topnet.json): genesis seed →
 * election alpha → each node's RFC 9381 proof and output → tickets → ranking → committees → next
 * seed. It pins every byte a second implementation must reproduce. The second case was checked by
 * hand: ranking 0, 5, 4, 6 | 1, 2 elects {0, 5, 4, 6}; committee 0 = [2, 1] may rotate one seat
 * (50% of 2) and retires node-2, keeping node-1; committee 1 loses node-3 (no stake), which uses
 * its quota; the two vacancies are dealt node-0, node-5.
 */
import { describe, expect, it } from 'vitest';
import v from '../vectors/vrf-election-topnet.json';
import { fromHex, toHex } from '../../../protocol/bytes.ts';
import {
  electionAlpha,
  genesisSeed,
  nextEpochSeed,
  sortition,
  sortitionTicket,
} from '../../../protocol/election/index.ts';
import { vrfProve, vrfPublicKey, vrfVerify } from '../../../protocol/vrf/index.ts';

const seed = fromHex(v.genesisSeed);
const candidates = v.candidates.map((c) => ({ id: c.id, stake: BigInt(c.stake), beta: fromHex(c.beta) }));

describe('election vector', () => {
  it('derives the genesis seed and the epoch alpha', () => {
    expect(toHex(genesisSeed(v.network))).toBe(v.genesisSeed);
    expect(toHex(electionAlpha(seed, v.epoch))).toBe(v.alpha);
  });

  it.each(v.candidates)('$id: key, proof, verified output and ticket', (c) => {
    const alpha = fromHex(v.alpha);
    expect(toHex(vrfPublicKey(fromHex(c.sk)))).toBe(c.pk);
    expect(toHex(vrfProve(fromHex(c.sk), alpha))).toBe(c.pi);
    const r = vrfVerify(fromHex(c.pk), fromHex(c.pi), alpha);
    expect(r.valid && toHex(r.beta)).toBe(c.beta);
    expect(toHex(sortitionTicket(seed, c.id, fromHex(c.beta)))).toBe(c.ticket);
  });

  it.each(v.sortition)('$name', (s) => {
    const r = sortition({
      seed,
      candidates,
      committees: s.committees,
      committeeSize: s.committeeSize,
      previous: 'previous' in s ? s.previous : undefined,
      maxRotationPpm: 'maxRotationPpm' in s ? s.maxRotationPpm : undefined,
    });
    expect(r.committees).toEqual(s.result);
    if ('ranking' in s)
      expect(r.ranking.map((c) => ({ id: c.id, negLnU: c.negLnU.toString(16) }))).toEqual(s.ranking);
  });

  it('derives the next seed from the outputs', () => {
    expect(
      toHex(
        nextEpochSeed(
          seed,
          candidates.map((c) => c.beta),
        ),
      ),
    ).toBe(v.nextSeed);
  });
});
