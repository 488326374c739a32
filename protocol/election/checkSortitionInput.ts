/**
 * Boundary checks of a sortition call: exact lengths, unique ids, non-negative stakes, sane sizes,
 * and enough eligible candidates to fill every seat. Each failure names the field at fault.
 */
import { utf8 } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { PPM } from '../stake/constants.ts';
import { checkBeta, checkSeed } from './electionAlpha.ts';
import type { SortitionInput } from './sortition.ts';

export const MAX_ID_BYTES = 256;
export const DEFAULT_MAX_ROTATION_PPM = 250_000;

function positiveInt(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v))
    return fail(ErrorCode.NOT_INTEGER, 'expected an integer', field);
  if (v < 1) return fail(ErrorCode.OUT_OF_RANGE, 'must be at least 1', field);
  return v;
}

export interface CheckedSortition {
  committees: number;
  committeeSize: number;
  maxRotationPpm: number;
}

export function checkSortitionInput(input: SortitionInput): CheckedSortition {
  if (typeof input !== 'object' || input === null) fail(ErrorCode.BAD_TYPE, 'expected an object', 'input');
  checkSeed(input.seed);
  const committees = positiveInt(input.committees, 'committees');
  const committeeSize = positiveInt(input.committeeSize, 'committeeSize');
  if (!Array.isArray(input.candidates)) fail(ErrorCode.BAD_TYPE, 'expected an array', 'candidates');
  const ids = new Set<string>();
  let eligible = 0;
  input.candidates.forEach((c, i) => {
    const f = `candidates[${i}]`;
    if (typeof c !== 'object' || c === null) fail(ErrorCode.BAD_TYPE, 'expected a candidate', f);
    if (typeof c.id !== 'string' || c.id.length === 0)
      fail(ErrorCode.BAD_TYPE, 'id must be a non-empty string', `${f}.id`);
    if (utf8(c.id).length > MAX_ID_BYTES)
      fail(ErrorCode.OVERSIZED, `id longer than ${MAX_ID_BYTES} bytes`, `${f}.id`);
    if (ids.has(c.id)) fail(ErrorCode.OUT_OF_RANGE, `duplicate candidate id ${c.id}`, `${f}.id`);
    ids.add(c.id);
    if (typeof c.stake !== 'bigint') fail(ErrorCode.BAD_TYPE, 'stake must be a bigint', `${f}.stake`);
    if (c.stake < 0n) fail(ErrorCode.NEGATIVE, 'stake must not be negative', `${f}.stake`);
    checkBeta(c.beta, `${f}.beta`);
    if (c.stake > 0n) eligible++;
  });
  if (eligible < committees * committeeSize)
    fail(
      ErrorCode.OUT_OF_RANGE,
      `${eligible} candidates with stake for ${committees * committeeSize} seats`,
      'candidates',
    );
  if (input.previous !== undefined) {
    if (!Array.isArray(input.previous))
      fail(ErrorCode.BAD_TYPE, 'expected an array of committees', 'previous');
    input.previous.forEach((g, i) => {
      if (!Array.isArray(g) || g.some((id) => typeof id !== 'string'))
        fail(ErrorCode.BAD_TYPE, 'expected an array of ids', `previous[${i}]`);
    });
  }
  const rot = input.maxRotationPpm ?? DEFAULT_MAX_ROTATION_PPM;
  if (typeof rot !== 'number' || !Number.isSafeInteger(rot))
    fail(ErrorCode.NOT_INTEGER, 'expected an integer', 'maxRotationPpm');
  if (rot < 0 || rot > PPM) fail(ErrorCode.OUT_OF_RANGE, `must be in [0, ${PPM}]`, 'maxRotationPpm');
  return { committees, committeeSize, maxRotationPpm: rot };
}
