/**
 * Checking a signature against an address, the one question transaction and consensus code ask.
 * A TE address holds the ed25519 public key, so the signature is verified against it directly; a
 * T8 address holds only a hash of the key, so the key is recovered from the signature and its
 * address compared. Both functions answer false — never throw — on any malformed input.
 */
import { bytesEqual } from '../bytes.ts';
import { parseAddress } from './address.ts';
import type { ParsedAddress } from './address.ts';
import { ed25519Verify } from './ed25519.ts';
import { ed25519VerifyAsync } from './ed25519Async.ts';
import { recoverSecp256k1AddressBody } from './secp256k1.ts';

function parsed(address: string, message: Uint8Array, signature: Uint8Array): ParsedAddress | null {
  if (!(message instanceof Uint8Array) || !(signature instanceof Uint8Array)) return null;
  try {
    return parseAddress(address);
  } catch {
    return null;
  }
}

function verifySecp256k1(body: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
  if (digest.length !== 32 || signature.length !== 65) return false;
  try {
    return bytesEqual(recoverSecp256k1AddressBody(digest, signature), body);
  } catch {
    return false;
  }
}

/** Synchronous check (noble for both kinds). T8 messages must be 32-byte digests. */
export function verifySignature(address: string, message: Uint8Array, signature: Uint8Array): boolean {
  const p = parsed(address, message, signature);
  if (!p) return false;
  if (p.kind === 'ed25519') return ed25519Verify(p.body, message, signature);
  return verifySecp256k1(p.body, message, signature);
}

/** Same answers as verifySignature; ed25519 goes through WebCrypto when the runtime has it. */
export async function verifySignatureAsync(
  address: string,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  const p = parsed(address, message, signature);
  if (!p) return false;
  if (p.kind === 'ed25519') return ed25519VerifyAsync(p.body, message, signature);
  return verifySecp256k1(p.body, message, signature);
}
