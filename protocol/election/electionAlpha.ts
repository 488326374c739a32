/**
 * What every candidate proves over in an epoch, and how the epoch seed chain starts and advances.
 * alpha = taggedHash(alpha tag, seed || u64be(epoch)); the next seed hashes the previous seed with
 * the sorted, de-duplicated VRF outputs of the epoch, so it does not depend on arrival order.
 */
import { compareBytes, concatBytes, u32be, u64be, utf8 } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { taggedHash } from '../hash.ts';
import { BETA_LEN, ElectionDomain, SEED_LEN } from './domains.ts';

export function checkSeed(seed: unknown, field = 'seed'): Uint8Array {
  if (!(seed instanceof Uint8Array)) return fail(ErrorCode.BAD_TYPE, 'expected a Uint8Array', field);
  if (seed.length !== SEED_LEN)
    return fail(ErrorCode.BAD_LENGTH, `expected ${SEED_LEN} bytes, got ${seed.length}`, field);
  return seed;
}

export function checkBeta(beta: unknown, field = 'beta'): Uint8Array {
  if (!(beta instanceof Uint8Array)) return fail(ErrorCode.BAD_TYPE, 'expected a Uint8Array', field);
  if (beta.length !== BETA_LEN)
    return fail(ErrorCode.BAD_LENGTH, `expected ${BETA_LEN} bytes, got ${beta.length}`, field);
  return beta;
}

function checkEpoch(epoch: unknown): bigint {
  let e: bigint;
  if (typeof epoch === 'bigint') e = epoch;
  else if (typeof epoch === 'number') {
    if (!Number.isSafeInteger(epoch)) fail(ErrorCode.NOT_INTEGER, 'epoch must be an integer', 'epoch');
    e = BigInt(epoch);
  } else return fail(ErrorCode.BAD_TYPE, 'epoch must be a number or bigint', 'epoch');
  if (e < 0n || e >= 1n << 64n) fail(ErrorCode.OUT_OF_RANGE, 'epoch must fit in u64', 'epoch');
  return e;
}

/**
 * The VRF input of an epoch's election (32 bytes).
 * @example
 * const pi = vrfProve(secret, electionAlpha(seed, 7));
 */
export function electionAlpha(seed: Uint8Array, epoch: number | bigint): Uint8Array {
  return taggedHash(ElectionDomain.alpha, concatBytes(checkSeed(seed), u64be(checkEpoch(epoch))));
}

/** The seed of epoch 0: a hash of the network's name, so networks never share a seed chain. */
export function genesisSeed(network: string): Uint8Array {
  if (typeof network !== 'string' || network.length === 0)
    fail(ErrorCode.BAD_TYPE, 'expected a network name', 'network');
  return taggedHash(ElectionDomain.genesisSeed, utf8(network));
}

/**
 * seed' = taggedHash(epoch-seed tag, prevSeed || u32be(k) || beta_1 || … || beta_k), betas sorted
 * ascending as bytes with duplicates removed.
 */
export function nextEpochSeed(prevSeed: Uint8Array, betas: readonly Uint8Array[]): Uint8Array {
  checkSeed(prevSeed, 'prevSeed');
  if (!Array.isArray(betas)) fail(ErrorCode.BAD_TYPE, 'expected an array of VRF outputs', 'betas');
  const sorted = betas.map((b, i) => checkBeta(b, `betas[${i}]`)).sort(compareBytes);
  const unique = sorted.filter((b, i) => i === 0 || compareBytes(b, sorted[i - 1]!) !== 0);
  return taggedHash(ElectionDomain.epochSeed, concatBytes(prevSeed, u32be(unique.length), ...unique));
}
