/**
 * Sortition rules on concrete cases: determinism and order independence, zero stake never seated,
 * the deal of ranks over committees, the rotation cap with previous committees (including forced
 * exits, duplicates, strangers and shrinking committees), and input rejection with stable codes.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.ts';
import { sortition, type SortitionInput } from '../../../protocol/election/index.ts';
import { codeOf, fakeBeta, fakeSeed } from './helpers.ts';

const seedA = fakeSeed('epoch-a');
const seedB = fakeSeed('epoch-b');

function pool(n: number, tag: string, stake = (i: number) => BigInt(100 + ((i * 37) % 400))) {
  return Array.from({ length: n }, (_, i) => ({
    id: `n${String(i).padStart(2, '0')}`,
    stake: stake(i),
    beta: fakeBeta(`${tag}/${i}`),
  }));
}

const newcomers = (now: string[], before: readonly string[]) =>
  now.filter((id) => !before.includes(id)).length;

describe('sortition basics', () => {
  const base: SortitionInput = { seed: seedA, candidates: pool(20, 'a'), committees: 3, committeeSize: 4 };

  it('is deterministic and independent of candidate order', () => {
    const r1 = sortition(base);
    const r2 = sortition({ ...base, candidates: [...base.candidates].reverse() });
    expect(r2).toEqual(r1);
    expect(sortition(base)).toEqual(r1);
  });

  it('deals rank r into committee r mod committees, members best-ranked first', () => {
    const { committees, ranking } = sortition(base);
    const ids = ranking.map((c) => c.id);
    expect(committees).toEqual([0, 1, 2].map((g) => [0, 1, 2, 3].map((k) => ids[k * 3 + g])));
  });

  it('changes with the seed and with the betas', () => {
    const a = sortition(base).ranking.map((c) => c.id);
    expect(sortition({ ...base, seed: seedB }).ranking.map((c) => c.id)).not.toEqual(a);
    expect(sortition({ ...base, candidates: pool(20, 'other') }).ranking.map((c) => c.id)).not.toEqual(a);
  });

  it('never ranks or seats a zero-stake candidate, even the one with the best ticket', () => {
    const cands = pool(10, 'z');
    const best = sortition({ ...base, candidates: cands, committees: 1, committeeSize: 1 }).ranking[0]!.id;
    const zeroed = cands.map((c) => (c.id === best ? { ...c, stake: 0n } : c));
    const r = sortition({ ...base, candidates: zeroed, committees: 2, committeeSize: 4 });
    expect(r.ranking.map((c) => c.id)).not.toContain(best);
    expect(r.committees.flat()).not.toContain(best);
    expect(r.ranking).toHaveLength(9);
  });

  it('lets an overwhelming stake win almost surely', () => {
    let wins = 0;
    for (let d = 0; d < 200; d++) {
      const cands = pool(5, `w${d}`, (i) => (i === 3 ? 1_000_000n : 1n));
      if (
        sortition({ seed: fakeSeed(`w${d}`), candidates: cands, committees: 1, committeeSize: 1 })
          .committees[0]![0] === 'n03'
      )
        wins++;
    }
    expect(wins).toBeGreaterThanOrEqual(199);
  });

  it('seats exactly all candidates when there are just enough', () => {
    const r = sortition({ ...base, candidates: pool(12, 'e') });
    expect(r.committees.flat().sort()).toEqual(pool(12, 'e').map((c) => c.id));
  });
});

describe('rotation cap with previous committees', () => {
  const cands = pool(30, 'r');
  const first = sortition({ seed: seedA, candidates: cands, committees: 2, committeeSize: 8 }).committees;
  const unconstrained = sortition({
    seed: seedB,
    candidates: cands,
    committees: 2,
    committeeSize: 8,
  }).committees;
  const next = (maxRotationPpm: number, previous = first, c = cands, size = 8) =>
    sortition({ seed: seedB, candidates: c, committees: 2, committeeSize: size, previous, maxRotationPpm })
      .committees;

  it('would change many seats without a cap (so the cap below is doing work)', () => {
    expect(newcomers(unconstrained[0]!, first[0]!) + newcomers(unconstrained[1]!, first[1]!)).toBeGreaterThan(
      4,
    );
  });

  it('rotates at most floor(8 × 25%) = 2 seats per committee, each newcomer from the elected set', () => {
    const now = next(250_000);
    const elected = new Set(unconstrained.flat());
    now.forEach((g, i) => {
      expect(g).toHaveLength(8);
      expect(newcomers(g, first[i]!)).toBeLessThanOrEqual(2);
      for (const id of g) if (!first[i]!.includes(id)) expect(elected.has(id)).toBe(true);
    });
    expect(newcomers(now[0]!, first[0]!) + newcomers(now[1]!, first[1]!)).toBeGreaterThan(0);
  });

  it('keeps every seat at 0%, and reaches exactly the elected set at 100%', () => {
    expect(next(0).map((g) => [...g].sort())).toEqual(first.map((g) => [...g].sort()));
    expect(next(1_000_000).flat().sort()).toEqual(unconstrained.flat().sort());
  });

  it('converges to a stable committee when the seed stops changing', () => {
    let prev = first;
    for (let e = 0; e < 8; e++) prev = next(250_000, prev);
    expect(prev.flat().sort()).toEqual(unconstrained.flat().sort());
  });

  it('forces out members who lost their stake or left, even at 0%, and those vacancies use up the quota', () => {
    const gone = first[0]![0]!;
    const zeroStake = cands.map((c) => (c.id === gone ? { ...c, stake: 0n } : c));
    const now = next(0, first, zeroStake);
    expect(now[0]).not.toContain(gone);
    expect(newcomers(now[0]!, first[0]!)).toBe(1);
    expect(now[1]!.sort()).toEqual([...first[1]!].sort());
    const left = cands.filter((c) => c.id !== first[1]![0] && c.id !== first[1]![1]);
    const now2 = next(250_000, first, left);
    expect(newcomers(now2[1]!, first[1]!)).toBe(2); // two forced vacancies = the whole quota of 2
  });

  it('seats a member listed in two previous committees only in the first, ignores strangers', () => {
    const dup = first[0]![0]!;
    const previous = [first[0]!, [dup, 'stranger', ...first[1]!.slice(1)]];
    const now = next(0, previous);
    expect(now.flat().filter((id) => id === dup)).toHaveLength(1);
    expect(now[0]).toContain(dup);
    expect(now.flat()).not.toContain('stranger');
    expect(now.flat()).toHaveLength(16);
  });

  it('keeps the best-ranked members when committees shrink', () => {
    const now = sortition({
      seed: seedB,
      candidates: cands,
      committees: 2,
      committeeSize: 5,
      previous: first,
      maxRotationPpm: 0,
    });
    const rank = new Map(now.ranking.map((c, i) => [c.id, i]));
    now.committees.forEach((g, i) => {
      const best5 = [...first[i]!].sort((a, b) => rank.get(a)! - rank.get(b)!).slice(0, 5);
      expect(g).toEqual(best5);
    });
  });

  it('fills new committees from the ranking when the committee count grows', () => {
    const now = sortition({
      seed: seedB,
      candidates: cands,
      committees: 3,
      committeeSize: 8,
      previous: first,
      maxRotationPpm: 0,
    });
    expect(now.committees[0]!.sort()).toEqual([...first[0]!].sort());
    expect(now.committees[2]).toHaveLength(8);
    expect(new Set(now.committees.flat()).size).toBe(24);
  });
});

describe('input checks', () => {
  const ok: SortitionInput = { seed: seedA, candidates: pool(6, 'i'), committees: 2, committeeSize: 3 };
  const withCand = (patch: object) => ({
    ...ok,
    candidates: [{ ...ok.candidates[0]!, ...patch }, ...ok.candidates.slice(1)],
  });
  it.each([
    ['a short seed', { ...ok, seed: new Uint8Array(31) }, ErrorCode.BAD_LENGTH],
    ['a seed that is not bytes', { ...ok, seed: 'ab' }, ErrorCode.BAD_TYPE],
    ['zero committees', { ...ok, committees: 0 }, ErrorCode.OUT_OF_RANGE],
    ['a fractional size', { ...ok, committeeSize: 1.5 }, ErrorCode.NOT_INTEGER],
    ['too few candidates with stake', { ...ok, committeeSize: 4 }, ErrorCode.OUT_OF_RANGE],
    ['a duplicate id', withCand({ id: ok.candidates[1]!.id }), ErrorCode.OUT_OF_RANGE],
    ['an empty id', withCand({ id: '' }), ErrorCode.BAD_TYPE],
    ['an oversized id', withCand({ id: 'x'.repeat(257) }), ErrorCode.OVERSIZED],
    ['a negative stake', withCand({ stake: -1n }), ErrorCode.NEGATIVE],
    ['a number stake', withCand({ stake: 5 }), ErrorCode.BAD_TYPE],
    ['a short beta', withCand({ beta: new Uint8Array(32) }), ErrorCode.BAD_LENGTH],
    ['previous not an array of arrays', { ...ok, previous: ['a'] }, ErrorCode.BAD_TYPE],
    ['a rotation share above 100%', { ...ok, maxRotationPpm: 1_000_001 }, ErrorCode.OUT_OF_RANGE],
    ['a fractional rotation share', { ...ok, maxRotationPpm: 0.5 }, ErrorCode.NOT_INTEGER],
  ])('refuses %s', (_name, input, code) => {
    expect(codeOf(() => sortition(input as unknown as SortitionInput))).toBe(code);
  });
});
