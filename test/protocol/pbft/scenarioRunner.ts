/**
 * Runs a range of seeded random scenarios and checks each one independently of the simulator's own
 * bookkeeping: no two honest replicas executed different digests at one seq, every executed value
 * hashes to its digest, every commit certificate verifies, and a quorum of honest replicas executed
 * new values after the network healed. Replay one seed with PBFT_SEED=<seed>, or a range with
 * PBFT_SEEDS=<from>-<to>.
 *
 * Signatures are real ed25519 (node:crypto). Nine seeds in ten trust signatures the run itself
 * created (see nodeCrypto.ts: the cache records each fresh signature as valid for its own key and
 * hash, which is what verify answers); every tenth seed verifies every signature for real and
 * re-verifies every certificate with an empty cache; every 50th (250th for n > 7) also sends every
 * message through the binary codec.
 */
import { toHex } from '../../../protocol/bytes.ts';
import { valueDigest, verifyCertificate } from '../../../protocol/pbft/index.ts';
import { randomScenario, runScenario } from '../../../protocol/pbft/sim/index.ts';
import type { ScenarioResult } from '../../../protocol/pbft/sim/index.ts';
import { cachedVerify, newVerifyCache, nodeKeys } from './nodeCrypto.ts';

export interface SeedFailure {
  seed: number;
  problems: string[];
}

export interface RangeReport {
  first: number;
  last: number;
  failures: SeedFailure[];
  ms: number;
  /** CPU time of this process during the run (user + system), unaffected by other load. */
  cpuMs: number;
  commits: number;
  viewChanges: number;
}

export function seedRange(count: number): [number, number] {
  const one = process.env.PBFT_SEED;
  if (one) return [Number(one), Number(one)];
  const range = process.env.PBFT_SEEDS?.match(/^(\d+)-(\d+)$/);
  if (range) return [Number(range[1]), Number(range[2])];
  return [1, count];
}

export function checkScenario(
  r: ScenarioResult,
  independentCache: boolean,
  runVerify: ReturnType<typeof newVerifyCache>,
): string[] {
  const problems: string[] = [];
  const bySeq = new Map<number, { replica: number; digest: string }>();
  const verifier = independentCache ? newVerifyCache() : runVerify;
  const v = { verify: (k: Uint8Array, m: Uint8Array, s: Uint8Array) => cachedVerify(verifier, k, m, s) };
  for (const id of r.honest) {
    let prevSeq = 0;
    for (const { commit } of r.commits[id]!) {
      const d = toHex(commit.digest);
      const first = bySeq.get(commit.seq);
      if (!first) bySeq.set(commit.seq, { replica: id, digest: d });
      else if (first.digest !== d)
        problems.push(
          `seq ${commit.seq}: replica ${first.replica} executed ${first.digest}, replica ${id} ${d}`,
        );
      if (toHex(valueDigest(commit.value)) !== d)
        problems.push(`replica ${id} seq ${commit.seq}: value does not hash to digest`);
      if (commit.seq <= prevSeq) problems.push(`replica ${id}: seq ${commit.seq} executed after ${prevSeq}`);
      prevSeq = commit.seq;
      if (commit.certificate.seq !== commit.seq || toHex(commit.certificate.digest) !== d)
        problems.push(`replica ${id} seq ${commit.seq}: certificate is for another slot`);
      else if (!verifyCertificate(commit.certificate, r.publicKeys, v))
        problems.push(`replica ${id} seq ${commit.seq}: certificate does not verify`);
    }
  }
  for (const s of r.safetyViolations) problems.push(`simulator saw a safety violation at seq ${s.seq}`);
  if (!r.live) {
    const after = r.honest
      .map((id) => `${id}:${r.committedAfterHeal[id]}${r.freshAfterHeal[id] ? '+' : ''}`)
      .join(' ');
    problems.push(
      `not live: fewer than ${r.quorum} honest replicas executed new values after heal at ${r.healAt} (${after})`,
    );
  }
  return problems;
}

export function runSeedRange(n: number, count = 1000): RangeReport {
  const [first, last] = seedRange(count);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const failures: SeedFailure[] = [];
  let commits = 0;
  let viewChanges = 0;
  for (let seed = first; seed <= last; seed++) {
    const full = seed % 10 === 0;
    const cache = newVerifyCache();
    let r: ScenarioResult;
    try {
      // Through the codec: every 50th seed, every 250th for n > 7 (large new-view messages are slow to re-decode).
      const wire = seed % (n > 7 ? 250 : 50) === 0;
      r = runScenario(randomScenario(n, seed, { keys: nodeKeys(cache, !full), wire }));
    } catch (e) {
      failures.push({ seed, problems: [`threw: ${(e as Error).stack ?? String(e)}`] });
      continue;
    }
    const problems = checkScenario(r, full, cache);
    if (problems.length > 0) failures.push({ seed, problems });
    commits += Math.max(...r.honest.map((id) => r.commits[id]!.length));
    viewChanges += Math.max(...r.finalViews);
  }
  const used = process.cpuUsage(cpu);
  return {
    first,
    last,
    failures,
    ms: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
    commits,
    viewChanges,
  };
}

export function report(n: number, file: string, rep: RangeReport): void {
  const count = rep.last - rep.first + 1;
  console.log(
    `pbft n=${n} seeds ${rep.first}..${rep.last}: ${count - rep.failures.length}/${count} passed in ${(rep.ms / 1000).toFixed(1)} s ` +
      `(${(rep.cpuMs / 1000).toFixed(1)} s CPU) ` +
      `(${(rep.ms / count).toFixed(1)} ms/scenario, ${(rep.commits / count).toFixed(1)} blocks and ${(rep.viewChanges / count).toFixed(2)} view changes on average)`,
  );
  for (const f of rep.failures.slice(0, 20)) {
    console.log(`pbft n=${n} FAILED seed ${f.seed}:\n  ${f.problems.slice(0, 5).join('\n  ')}`);
    console.log(`  replay: PBFT_SEED=${f.seed} npx vitest run ${file}`);
  }
}
