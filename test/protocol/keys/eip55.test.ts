// EIP-55 'Test Cases' applied to Ethereum and T8 addresses, the same rule on 32-byte TE bodies,
// and a flipped-case letter always caught as BAD_ADDRESS_CHECKSUM.
import { describe, expect, it } from 'vitest';
import { ErrorCode, ProtocolError } from '../../../protocol/errors.ts';
import {
  addressFromEthereum,
  checksumAddress,
  ethereumAddressOf,
  formatAddress,
  parseAddress,
} from '../../../protocol/keys/address.ts';
import { eip55 } from '../../../protocol/keys/eip55.ts';
import vectors from '../vectors/keys-ethereum.json' with { type: 'json' };

const all = [...vectors.eip55.allCaps, ...vectors.eip55.allLower, ...vectors.eip55.normal];

function codeOf(fn: () => unknown): { code: string; field?: string } | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProtocolError) return { code: e.code, field: e.field };
    throw e;
  }
  return undefined;
}

/** Flips the case of the letter at index i (which must be a letter). */
function flipCase(s: string, i: number): string {
  const c = s[i]!;
  const f = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
  return s.slice(0, i) + f + s.slice(i + 1);
}

describe('EIP-55 test cases', () => {
  it.each(all)('%s is its own checksum', (eth) => {
    const body = eth.slice(2);
    expect(eip55(body.toLowerCase())).toBe(body);
    expect(ethereumAddressOf(addressFromEthereum(eth))).toBe(eth);
    expect(checksumAddress('T80000' + body.toLowerCase())).toBe('T80000' + body);
    expect(parseAddress('T80000' + body).text).toBe('T80000' + body.toLowerCase());
  });

  it.each(vectors.eip55.normal)('%s with any one letter case-flipped is BAD_ADDRESS_CHECKSUM', (eth) => {
    const body = eth.slice(2);
    let flipped = 0;
    for (let i = 0; i < body.length; i++) {
      if (!/[a-fA-F]/.test(body[i]!)) continue;
      const bad = flipCase(body, i);
      if (bad === bad.toLowerCase() || bad === bad.toUpperCase()) continue; // no longer claims a checksum
      expect(codeOf(() => parseAddress('T80000' + bad, 'to'))).toEqual({
        code: ErrorCode.BAD_ADDRESS_CHECKSUM,
        field: 'to',
      });
      expect(codeOf(() => addressFromEthereum('0x' + bad))?.code).toBe(ErrorCode.BAD_ADDRESS_CHECKSUM);
      flipped++;
    }
    expect(flipped).toBeGreaterThan(10);
  });

  it('accepts all-lowercase and all-uppercase bodies unchecksummed', () => {
    for (const eth of vectors.eip55.normal) {
      const lower = eth.slice(2).toLowerCase();
      expect(parseAddress('T80000' + lower.toUpperCase()).text).toBe('T80000' + lower);
      expect(addressFromEthereum('0x' + lower.toUpperCase())).toBe('T80000' + lower);
    }
  });
});

describe('checksums on TE addresses (64-hex bodies)', () => {
  const body = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
  const canonical = formatAddress('ed25519', body);

  it('round-trips through the checksummed form and catches a flipped letter', () => {
    const mixed = checksumAddress(canonical);
    expect(mixed.slice(0, 6)).toBe('TE0000');
    expect(mixed.toLowerCase()).toBe(canonical.toLowerCase());
    expect(mixed).not.toBe(canonical); // this body has letters with hash nibbles >= 8
    expect(parseAddress(mixed).text).toBe(canonical);
    const i = [...mixed].findIndex((c, k) => k >= 6 && /[A-F]/.test(c));
    expect(codeOf(() => parseAddress(flipCase(mixed, i)))?.code).toBe(ErrorCode.BAD_ADDRESS_CHECKSUM);
  });

  it('is EIP-55 over the 64 lowercase hex characters', () => {
    expect(checksumAddress(canonical)).toBe('TE0000' + eip55(canonical.slice(6)));
  });
});
