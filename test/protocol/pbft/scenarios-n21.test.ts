// Property: for n = 21, 1,000 seeded scenarios (up to f byzantine replicas, drops, duplicates,
// reordering, a partition, all healing) never let two honest replicas execute different digests at
// one seq, and always execute new values at a quorum of honest replicas after the heal.
// Replay one seed: PBFT_SEED=123 npx vitest run test/protocol/pbft/scenarios-n21.test.ts
import { expect, test } from 'vitest';
import { report, runSeedRange } from './scenarioRunner.ts';

test('pbft n=21: safety and liveness over seeded fault scenarios', { timeout: 600_000 }, () => {
  const rep = runSeedRange(21, 1000);
  report(21, 'test/protocol/pbft/scenarios-n21.test.ts', rep);
  expect(rep.failures.map((f) => f.seed)).toEqual([]);
});
