/**
 * The seeded PBFT simulator: runScenario for one configured run, randomScenario to draw a fault mix
 * from a seed. Pure and deterministic; bring your own (fast) signature implementation via `keys`.
 */
export { runScenario, simSecret } from './scenario.ts';
export type {
  ScenarioConfig,
  ScenarioResult,
  CommitRecord,
  SafetyViolation,
  KeyFactory,
  SimKey,
} from './scenario.ts';
export { randomScenario } from './randomScenario.ts';
export { Prng } from './prng.ts';
export { EventQueue } from './eventQueue.ts';
export { Network, NO_FAULTS } from './network.ts';
export type { NetworkFaults, Partition } from './network.ts';
export { ByzantineReplica, BYZANTINE_KINDS, altValue } from './byzantine.ts';
export type { ByzantineKind } from './byzantine.ts';
