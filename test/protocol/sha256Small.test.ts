import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { sha256Small } from '../../protocol/sha256Small.ts';
import { sha256 } from '../../protocol/hash.ts';
import { fromHex, toHex, utf8 } from '../../protocol/bytes.ts';

describe('sha256Small', () => {
  it('matches the FIPS 180-2 vectors', () => {
    expect(toHex(sha256Small([utf8('abc')]))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(toHex(sha256Small([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(sha256Small([utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')]))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('equals noble at every length around the block and padding boundaries', () => {
    for (let n = 0; n <= 600; n++) {
      const d = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      expect(toHex(sha256Small([d])), `length ${n}`).toBe(toHex(nobleSha256(d)));
    }
  });

  it('hashes the concatenation of its parts, however they are split', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 6 }), (parts) => {
        const whole = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
        let at = 0;
        for (const p of parts) whole.set(p, (at += p.length) - p.length);
        expect(toHex(sha256Small(parts))).toBe(toHex(nobleSha256(whole)));
        expect(toHex(sha256(whole))).toBe(toHex(nobleSha256(whole)));
      }),
      { numRuns: 1000 },
    );
  });

  it('does not let one call leak into the next (shared scratch buffer)', () => {
    const long = sha256Small([new Uint8Array(500).fill(1)]);
    expect(toHex(sha256Small([fromHex('00')]))).toBe(toHex(nobleSha256(fromHex('00'))));
    expect(toHex(long)).toBe(toHex(nobleSha256(new Uint8Array(500).fill(1))));
  });
});
