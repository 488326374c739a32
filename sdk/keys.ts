/**
 * Keys for both account kinds: T8 (secp256k1, the same keys and addresses as Ethereum wallets) and
 * TE (ed25519). Generate from the platform's secure random source, or import a hex secret or a
 * BIP-39 mnemonic (T8 at m/44'/60'/0'/0/i exactly as MetaMask, Anvil and Hardhat derive it).
 *
 * @example
 * const k = generateKey('secp256k1');          // k.address 'T80000…', k.ethAddress '0x…'
 * const dev = keyFromMnemonic(DEV_MNEMONIC);   // T80000f39fd6e51aad88f6f4ce6ab8827279cfffb92266
 */
import { generateMnemonic as bip39Generate } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { toHex } from '../protocol/bytes.ts';
import { ethereumAddressOf, type AccountKind } from '../protocol/keys/address.ts';
import { isValidSecp256k1Secret } from '../protocol/keys/secp256k1.ts';
import { signerFromHex, signerFromSecret, type Signer } from '../protocol/keys/signer.ts';
import { DEV_MNEMONIC, ed25519FromMnemonic, secp256k1FromMnemonic } from '../protocol/keys/mnemonic.ts';
import { InvalidInputError, local } from './errors.ts';

export { DEV_MNEMONIC };
export type { AccountKind };

export interface Key {
  kind: AccountKind;
  /** The topnet address: T80000… (secp256k1) or TE0000… (ed25519). */
  address: string;
  /** The 0x address Ethereum tools show (T8 only). */
  ethAddress?: string;
  /** 0x-hex public key (33-byte compressed for secp256k1, 32 bytes for ed25519). */
  publicKey: string;
  /** 0x-hex 32-byte secret. Keep it secret. */
  secretKey: string;
  signer: Signer;
}

function kindOf(kind: unknown): AccountKind {
  if (kind !== 'secp256k1' && kind !== 'ed25519')
    throw new InvalidInputError(
      `unknown account kind ${JSON.stringify(kind)}: secp256k1 (T8) or ed25519 (TE)`,
      'BAD_ADDRESS_TYPE',
      'kind',
    );
  return kind;
}

export function keyFromSigner(signer: Signer): Key {
  return {
    kind: signer.kind,
    address: signer.address,
    ...(signer.kind === 'secp256k1' ? { ethAddress: ethereumAddressOf(signer.address) } : {}),
    publicKey: '0x' + toHex(signer.publicKey),
    secretKey: '0x' + toHex(signer.secretKey),
    signer,
  };
}

/** A fresh key from crypto.getRandomValues. */
export function generateKey(kind: AccountKind = 'secp256k1'): Key {
  const k = kindOf(kind);
  for (;;) {
    const secret = globalThis.crypto.getRandomValues(new Uint8Array(32));
    if (k === 'ed25519' || isValidSecp256k1Secret(secret)) return keyFromSigner(signerFromSecret(k, secret));
  }
}

/** A key from its 32-byte secret as 64 hex digits (0x optional). */
export function keyFromHex(secretHex: string, kind: AccountKind = 'secp256k1'): Key {
  const k = kindOf(kind);
  return keyFromSigner(local(() => signerFromHex(k, String(secretHex).trim())));
}

/** Account `index` of a BIP-39 English mnemonic. */
export function keyFromMnemonic(
  mnemonic: string,
  { index = 0, kind = 'secp256k1' }: { index?: number; kind?: AccountKind } = {},
): Key {
  const k = kindOf(kind);
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** 31)
    throw new InvalidInputError('index must be an integer in 0..2^31-1', 'OUT_OF_RANGE', 'index');
  const words = String(mnemonic).trim().split(/\s+/).join(' ');
  return keyFromSigner(
    local(() =>
      k === 'secp256k1' ? secp256k1FromMnemonic(words, index) : ed25519FromMnemonic(words, index),
    ),
  );
}

/** A new 12-word BIP-39 English mnemonic. */
export function generateMnemonic(): string {
  return bip39Generate(wordlist, 128);
}
