/**
 * A signer: one secret key with its public key, address and sign function, for either account
 * kind. ed25519 signs any message (RFC 8032); secp256k1 signs a 32-byte digest and returns
 * r || s || v. Secrets are passed in (from a wallet, a seed via deriveSecret, or test vectors):
 * nothing here draws randomness.
 */
import { fromHex } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { addressFromPublicKey, formatAddress } from './address.ts';
import type { AccountKind } from './address.ts';
import { ed25519PublicKey, ed25519Sign } from './ed25519.ts';
import { isValidSecp256k1Secret, secp256k1PublicKey, secp256k1Sign } from './secp256k1.ts';

export { verifySignature, verifySignatureAsync } from './verifySignature.ts';

export interface Signer {
  kind: AccountKind;
  secretKey: Uint8Array;
  /** ed25519: 32 bytes; secp256k1: 33-byte compressed SEC1. */
  publicKey: Uint8Array;
  address: string;
  sign(message: Uint8Array): Uint8Array;
}

/** BAD_TYPE if not bytes, BAD_LENGTH if not 32 bytes, BAD_KEY if not a valid secret (secp256k1: 0 or >= n). */
export function signerFromSecret(kind: AccountKind, secretKey: Uint8Array): Signer {
  if (kind !== 'secp256k1' && kind !== 'ed25519')
    fail(ErrorCode.BAD_ADDRESS_TYPE, `unknown account kind ${JSON.stringify(kind)}`, 'kind');
  if (!(secretKey instanceof Uint8Array))
    fail(ErrorCode.BAD_TYPE, 'expected the secret key as bytes', 'secretKey');
  if (secretKey.length !== 32)
    fail(ErrorCode.BAD_LENGTH, `expected 32 bytes, got ${secretKey.length}`, 'secretKey');
  const secret = secretKey.slice();
  if (kind === 'ed25519') {
    const publicKey = ed25519PublicKey(secret);
    return {
      kind,
      secretKey: secret.slice(),
      publicKey,
      address: formatAddress('ed25519', publicKey),
      sign: (message) => ed25519Sign(secret, message),
    };
  }
  if (!isValidSecp256k1Secret(secret))
    fail(ErrorCode.BAD_KEY, 'secp256k1 secret key must be a scalar in [1, n)', 'secretKey');
  const publicKey = secp256k1PublicKey(secret);
  return {
    kind,
    secretKey: secret.slice(),
    publicKey,
    address: addressFromPublicKey('secp256k1', publicKey),
    sign: (message) => secp256k1Sign(secret, message),
  };
}

/** The secret as 64 hex digits, with or without 0x. */
export function signerFromHex(kind: AccountKind, hex: string): Signer {
  return signerFromSecret(kind, fromHex(hex, 'secretKey', 32));
}
