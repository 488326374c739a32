/**
 * Stake-weighted sortition of an epoch's committees from the candidates' VRF outputs.
 *
 * 1. Rank every candidate with stake > 0 by its Efraimidis–Spirakis key (rankCandidates.ts).
 *    The first N = committees × committeeSize are this epoch's elected set.
 * 2. Without `previous`, rank r sits in committee r mod committees (a deal, so every committee
 *    gets an equal mix of the ranking).
 * 3. With `previous`, each committee keeps its members that are still candidates with stake
 *    (first committee wins if one appears twice; the worst-ranked go if there are too many). Of
 *    R = floor(committeeSize × maxRotationPpm / 10^6) rotations allowed, seats already vacant use
 *    some up; the rest retire the worst-ranked keepers outside the elected set. Vacant seats are
 *    then dealt, in ranking order, round-robin over the committees that have vacancies.
 * So each committee takes in at most max(R, seats it could not keep) newcomers, and every
 * newcomer is in the elected set; with maxRotationPpm = 10^6 the members are exactly that set.
 */
import { checkSortitionInput } from './checkSortitionInput.ts';
import { rankCandidates, type RankInput, type RankedCandidate } from './rankCandidates.ts';
import { PPM } from '../stake/constants.ts';

export interface SortitionInput {
  /** 32-byte epoch seed; the betas are VRF outputs over electionAlpha(seed, epoch). */
  seed: Uint8Array;
  candidates: readonly RankInput[];
  committees: number;
  committeeSize: number;
  /** Last epoch's committees, by index. */
  previous?: readonly (readonly string[])[];
  /** Share of a committee that may rotate per epoch, ppm; default 250_000 (25%). */
  maxRotationPpm?: number;
}

export interface SortitionResult {
  /** committees[g]: member ids, best-ranked first. */
  committees: string[][];
  /** Every candidate with stake, best (smallest key) first. */
  ranking: RankedCandidate[];
}

/**
 * @example
 * const { committees } = sortition({ seed, candidates, committees: 4, committeeSize: 7 });
 */
export function sortition(input: SortitionInput): SortitionResult {
  const { committees: count, committeeSize: size, maxRotationPpm } = checkSortitionInput(input);
  const ranking = rankCandidates(input.seed, input.candidates);
  const rankOf = new Map(ranking.map((c, i) => [c.id, i]));
  const elected = count * size;
  const byRank = (a: string, b: string) => rankOf.get(a)! - rankOf.get(b)!;

  const seated = new Set<string>();
  const kept: string[][] = [];
  for (let g = 0; g < count; g++) {
    const keep: string[] = [];
    for (const id of input.previous?.[g] ?? []) {
      if (rankOf.has(id) && !seated.has(id)) {
        seated.add(id);
        keep.push(id);
      }
    }
    keep.sort(byRank);
    for (const id of keep.splice(size)) seated.delete(id);
    kept.push(keep);
  }

  const allowed = Math.floor((size * maxRotationPpm) / PPM);
  for (const keep of kept) {
    let retire = Math.max(0, allowed - (size - keep.length));
    for (let i = keep.length - 1; i >= 0 && retire > 0; i--) {
      if (rankOf.get(keep[i]!)! >= elected) {
        seated.delete(keep[i]!);
        keep.splice(i, 1);
        retire--;
      }
    }
  }

  // Deal the vacant seats in ranking order, round-robin over committees that still have room.
  let g = 0;
  let vacant = kept.reduce((n, k) => n + size - k.length, 0);
  for (const c of ranking) {
    if (vacant === 0) break;
    if (seated.has(c.id)) continue;
    while (kept[g]!.length >= size) g = (g + 1) % count;
    kept[g]!.push(c.id);
    seated.add(c.id);
    vacant--;
    g = (g + 1) % count;
  }

  return { committees: kept.map((k) => k.sort(byRank)), ranking };
}
