/**
 * Dev accounts from a BIP-39 mnemonic: secp256k1 keys at BIP-44 m/44'/60'/0'/0/i, exactly as
 * Anvil and Hardhat derive them, so topnet's dev accounts are the same T8/Ethereum addresses that
 * builders' wallets already know; ed25519 keys are derived from the mnemonic's seed by label.
 */
import { mnemonicToSeedSync, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { HDKey } from '@scure/bip32';
import { ErrorCode, fail } from '../errors.ts';
import { deriveSecret } from './derive.ts';
import { signerFromSecret, type Signer } from './signer.ts';

/** The well-known test mnemonic of Anvil and Hardhat. Never hold real value with it. */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';

export function mnemonicSeed(mnemonic: string): Uint8Array {
  if (typeof mnemonic !== 'string' || !validateMnemonic(mnemonic.trim(), wordlist))
    fail(ErrorCode.BAD_KEY, 'not a valid BIP-39 English mnemonic', 'mnemonic');
  return mnemonicToSeedSync(mnemonic.trim());
}

/** secp256k1 (T8) account `index` at m/44'/60'/0'/0/index. */
export function secp256k1FromMnemonic(mnemonic: string, index: number): Signer {
  const key = HDKey.fromMasterSeed(mnemonicSeed(mnemonic)).derive(`m/44'/60'/0'/0/${index}`);
  if (!key.privateKey) fail(ErrorCode.BAD_KEY, 'derivation gave no private key', 'mnemonic');
  return signerFromSecret('secp256k1', key.privateKey);
}

/** ed25519 (TE) account `index`: deriveSecret(bip39 seed, "ed25519/<index>"). */
export function ed25519FromMnemonic(mnemonic: string, index: number): Signer {
  return signerFromSecret('ed25519', deriveSecret(mnemonicSeed(mnemonic), `ed25519/${index}`));
}
