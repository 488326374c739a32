/**
 * EIP-55 mixed-case checksums. The case of each hex letter of an address body carries one check bit
 * taken from keccak256 of the lowercase body text, so a mistyped address is caught without changing
 * its length or its bytes. T-addresses apply the same rule to their body (20 or 32 bytes), which
 * makes a T8 body's checksum identical to the Ethereum checksum of the same 20 bytes.
 */
import { utf8 } from '../bytes.ts';
import { keccak256 } from '../hash.ts';

/** EIP-55 casing of a lowercase hex string (no prefix): a letter is uppercased when its hash nibble is >= 8. */
export function eip55(lowerHex: string): string {
  const h = keccak256(utf8(lowerHex));
  let out = '';
  for (let i = 0; i < lowerHex.length; i++) {
    const c = lowerHex[i]!;
    if (c >= 'a' && c <= 'f') {
      const byte = h[i >> 1]!;
      const nibble = i % 2 === 0 ? byte >> 4 : byte & 15;
      out += nibble >= 8 ? c.toUpperCase() : c;
    } else {
      out += c;
    }
  }
  return out;
}

/** True when the hex text has both lower- and uppercase letters, i.e. it claims to be checksummed. */
export function isMixedCase(hex: string): boolean {
  return /[a-f]/.test(hex) && /[A-F]/.test(hex);
}
