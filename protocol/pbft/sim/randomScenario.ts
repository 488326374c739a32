/**
 * Draws a whole fault mix from a seed: up to f byzantine replicas of random kinds at random ids, a
 * heal time, drop / duplicate rates, a delay range (reordering), and usually one partition window
 * that ends by the heal. `runScenario(randomScenario(n, seed))` is the property test's unit of work,
 * and replaying a failing seed is rerunning exactly this.
 */
import { faultsTolerated } from '../quorum.ts';
import { BYZANTINE_KINDS } from './byzantine.ts';
import { Prng } from './prng.ts';
import type { Partition } from './network.ts';
import type { ScenarioConfig } from './scenario.ts';

export function randomScenario(
  n: number,
  seed: number,
  overrides: Partial<ScenarioConfig> = {},
): ScenarioConfig {
  const rng = new Prng(seed, 0);
  const f = faultsTolerated(n);
  const ids = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  // Faulty primaries are what stress safety: half the time the first primary is among the faulty.
  if (rng.chance(0.5)) ids.unshift(...ids.splice(ids.indexOf(0), 1));
  const faulty = rng.chance(0.5) ? f : rng.int(0, f);
  // Half the time all faulty replicas act alike (colluding), else each draws its own kind.
  const common = rng.chance(0.5) ? rng.pick(BYZANTINE_KINDS) : null;
  const byzantine = ids.slice(0, faulty).map((id) => ({ id, kind: common ?? rng.pick(BYZANTINE_KINDS) }));
  const byzIds = new Set(byzantine.map((b) => b.id));
  // Half the time equivocators show their second face to a fixed half of the honest replicas.
  const honest = rng.shuffle(ids.filter((i) => !byzIds.has(i)));
  const equivocationSplit = rng.chance(0.5)
    ? honest.slice(0, Math.floor(honest.length / 2)).sort((a, b) => a - b)
    : undefined;
  const healAt = rng.int(150, 450);
  const partitions: Partition[] = [];
  if (rng.chance(0.7)) {
    const side = rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, rng.int(1, Math.floor(n / 2)));
    const from = rng.int(0, healAt - 60);
    partitions.push({ side: side.sort((a, b) => a - b), from, to: rng.int(from + 30, healAt) });
  }
  return {
    n,
    seed,
    byzantine,
    ...(equivocationSplit ? { equivocationSplit } : {}),
    healAt,
    durationTicks: healAt + 20_000,
    faults: {
      dropRate: rng.pick([0, 0.05, 0.15, 0.3]),
      duplicateRate: rng.pick([0, 0.05, 0.2]),
      minDelay: 1,
      maxDelay: rng.int(2, 40),
      partitions,
    },
    ...overrides,
  };
}
