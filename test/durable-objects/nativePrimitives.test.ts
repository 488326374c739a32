/**
 * The native fast paths the objects install or pick up in workerd — node:crypto SHA-256 behind
 * protocol/hash, and V8's Uint8Array hex codec behind protocol/bytes — agree with the pure-JS
 * implementations on random inputs and keep the strict error contract for bad hex.
 */
import { nativeSha256Parts } from '../../durable-objects/base/nativeSha256.ts';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { sha256, taggedHash, useSha256, usePureSha256 } from '../../protocol/hash.ts';

const pureHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('native primitives in workerd', () => {
  it('uses the runtime hex codec, matching the pure one', () => {
    expect(typeof (Uint8Array.prototype as { toHex?: unknown }).toHex).toBe('function');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const hex = toHex(b);
        expect(hex).toBe(pureHex(b));
        expect(fromHex('0x' + hex)).toEqual(b);
        expect(fromHex(hex.toUpperCase())).toEqual(b);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps hex errors strict and specific', () => {
    expect(() => fromHex('0x0g', 'amount')).toThrow(
      expect.objectContaining({ code: 'BAD_HEX', field: 'amount' }),
    );
    expect(() => fromHex('abc', 'hash')).toThrow(expect.objectContaining({ code: 'BAD_HEX', field: 'hash' }));
    expect(() => fromHex('0x' + '00'.repeat(31), 'hash', 32)).toThrow(
      expect.objectContaining({ code: 'BAD_LENGTH', field: 'hash' }),
    );
    expect(() => fromHex(' 00', 'x')).toThrow(expect.objectContaining({ code: 'BAD_HEX' }));
  });

  it('hashes with node:crypto exactly as noble does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.string(), (b, tag) => {
        const native = [sha256(b), taggedHash(tag, b)];
        usePureSha256();
        try {
          expect(native[0]).toEqual(nobleSha256(b));
          expect(native[1]).toEqual(taggedHash(tag, b));
        } finally {
          useSha256(nativeSha256Parts);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a SHA-256 that misses the vector, and keeps the one it had', () => {
    expect(() => useSha256((parts) => nobleSha256(parts[0]!))).toThrow(/does not compute SHA-256/);
    expect(() => useSha256(() => new Uint8Array(32))).toThrow(/does not compute SHA-256/);
    expect(toHex(sha256(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
