/**
 * The seed chain and the VRF input, checked against an independent computation with node:crypto
 * from the byte layouts in docs/protocol/vrf-election-stake.md, plus order and duplicate
 * independence of the next seed and rejection of malformed input.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytesToBigInt, toHex } from '../../../protocol/bytes.ts';
import { ErrorCode } from '../../../protocol/errors.ts';
import {
  electionAlpha,
  genesisSeed,
  negLnUnit,
  nextEpochSeed,
  sortitionTicket,
} from '../../../protocol/election/index.ts';
import { codeOf, fakeBeta, fakeSeed } from './helpers.ts';

const tagged = (hash: 'sha256' | 'sha512', tag: string, ...parts: Uint8Array[]) => {
  const h = createHash(hash).update(Uint8Array.of(tag.length)).update(tag);
  for (const p of parts) h.update(p);
  return toHex(new Uint8Array(h.digest()));
};
const u64 = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(n);
  return new Uint8Array(b);
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return new Uint8Array(b);
};

describe('election hashes follow the documented byte layouts', () => {
  const seed = fakeSeed('s');

  it('genesisSeed = SHA-256(len || "topnet/genesis-seed/v1" || utf8(network))', () => {
    expect(toHex(genesisSeed('devnet'))).toBe(
      tagged('sha256', 'topnet/genesis-seed/v1', Buffer.from('devnet')),
    );
    expect(toHex(genesisSeed('devnet'))).not.toBe(toHex(genesisSeed('testnet')));
  });

  it('electionAlpha = SHA-256(len || "topnet/election-alpha/v1" || seed || u64be(epoch))', () => {
    expect(toHex(electionAlpha(seed, 7))).toBe(tagged('sha256', 'topnet/election-alpha/v1', seed, u64(7n)));
    expect(toHex(electionAlpha(seed, 2n ** 64n - 1n))).toBe(
      tagged('sha256', 'topnet/election-alpha/v1', seed, u64(2n ** 64n - 1n)),
    );
    expect(toHex(electionAlpha(seed, 7))).toBe(toHex(electionAlpha(seed, 7n)));
  });

  it('nextEpochSeed = SHA-256(len || "topnet/epoch-seed/v1" || prev || u32be(k) || sorted unique betas)', () => {
    const betas = [fakeBeta('x'), fakeBeta('y'), fakeBeta('z')];
    const sorted = [...betas].sort((a, b) => Buffer.compare(a, b));
    const want = tagged('sha256', 'topnet/epoch-seed/v1', seed, u32(3), ...sorted);
    expect(toHex(nextEpochSeed(seed, betas))).toBe(want);
    expect(toHex(nextEpochSeed(seed, [betas[2]!, betas[0]!, betas[1]!, betas[0]!]))).toBe(want);
    expect(toHex(nextEpochSeed(seed, []))).toBe(tagged('sha256', 'topnet/epoch-seed/v1', seed, u32(0)));
    expect(toHex(nextEpochSeed(seed, betas.slice(1)))).not.toBe(want);
  });

  it('ticket = SHA-512(len || "topnet/sortition-ticket/v1" || seed || beta || utf8(id)), u = (T + 1) / 2^512', () => {
    const beta = fakeBeta('b');
    const t = sortitionTicket(seed, 'node-α', beta);
    expect(toHex(t)).toBe(tagged('sha512', 'topnet/sortition-ticket/v1', seed, beta, Buffer.from('node-α')));
    const u = Number(bytesToBigInt(t) >> 460n) / 2 ** 52;
    expect(Number((negLnUnit(bytesToBigInt(t)) * 10n ** 12n) >> 160n) / 1e12).toBeCloseTo(-Math.log(u), 9);
  });
});

describe('input checks', () => {
  it.each([
    ['a 31-byte seed', () => electionAlpha(new Uint8Array(31), 1), ErrorCode.BAD_LENGTH],
    ['a negative epoch', () => electionAlpha(new Uint8Array(32), -1), ErrorCode.OUT_OF_RANGE],
    ['an epoch past u64', () => electionAlpha(new Uint8Array(32), 2n ** 64n), ErrorCode.OUT_OF_RANGE],
    ['a fractional epoch', () => electionAlpha(new Uint8Array(32), 1.5), ErrorCode.NOT_INTEGER],
    ['a string epoch', () => electionAlpha(new Uint8Array(32), '1' as unknown as number), ErrorCode.BAD_TYPE],
    ['a short beta', () => nextEpochSeed(new Uint8Array(32), [new Uint8Array(63)]), ErrorCode.BAD_LENGTH],
    [
      'betas not an array',
      () => nextEpochSeed(new Uint8Array(32), 'x' as unknown as Uint8Array[]),
      ErrorCode.BAD_TYPE,
    ],
    ['an empty network name', () => genesisSeed(''), ErrorCode.BAD_TYPE],
  ])('refuses %s', (_name, f, code) => {
    expect(codeOf(f)).toBe(code);
  });
});
