// Known secp256k1 private key → Ethereum address pairs: T8 bodies are exactly Ethereum addresses,
// and checksumAddress / ethereumAddressOf / addressFromEthereum give the EIP-55 forms.
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../protocol/bytes.ts';
import {
  addressFromEthereum,
  addressFromPublicKey,
  checksumAddress,
  ethereumAddressOf,
  parseAddress,
} from '../../../protocol/keys/address.ts';
import { secp256k1PublicKey } from '../../../protocol/keys/secp256k1.ts';
import { signerFromHex, signerFromSecret } from '../../../protocol/keys/signer.ts';
import vectors from '../vectors/keys-ethereum.json' with { type: 'json' };

describe.each(vectors.keyPairs.cases)('$name', (c) => {
  const lowerBody = c.ethereum.slice(2).toLowerCase();
  const t8 = 'T80000' + lowerBody;

  it('signer address is T80000 + the lowercase Ethereum body', () => {
    expect(signerFromHex('secp256k1', c.secretKey).address).toBe(t8);
    expect(signerFromHex('secp256k1', c.secretKey.slice(2)).address).toBe(t8);
    expect(signerFromSecret('secp256k1', fromHex(c.secretKey)).address).toBe(t8);
  });

  it('derives the same address from the compressed and the uncompressed public key', () => {
    const secret = fromHex(c.secretKey);
    const compressed = secp256k1PublicKey(secret);
    const uncompressed = secp256k1PublicKey(secret, false);
    expect(compressed.length).toBe(33);
    expect(uncompressed.length).toBe(65);
    expect(addressFromPublicKey('secp256k1', compressed)).toBe(t8);
    expect(addressFromPublicKey('secp256k1', uncompressed)).toBe(t8);
    expect(toHex(signerFromSecret('secp256k1', secret).publicKey)).toBe(toHex(compressed));
  });

  it('gives exactly the EIP-55 forms', () => {
    expect(ethereumAddressOf(t8)).toBe(c.ethereum);
    expect(checksumAddress(t8)).toBe('T80000' + c.ethereum.slice(2));
    expect(addressFromEthereum(c.ethereum)).toBe(t8);
    expect(addressFromEthereum(c.ethereum.toLowerCase())).toBe(t8);
    const parsed = parseAddress(checksumAddress(t8));
    expect(parsed).toEqual({ kind: 'secp256k1', ledger: 0, body: fromHex(lowerBody), text: t8 });
  });
});
