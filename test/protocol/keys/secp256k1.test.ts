// secp256k1 signatures: r || s || v layout, low-s, deterministic, recoverable to the signer, and
// accepted by an independent implementation (OpenSSL through node:crypto).
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytesToBigInt, concatBytes, fromHex, toHex } from '../../../protocol/bytes.ts';
import {
  SECP256K1_N,
  recoverSecp256k1PublicKey,
  secp256k1PublicKey,
} from '../../../protocol/keys/secp256k1.ts';
import { signerFromHex, verifySignature, verifySignatureAsync } from '../../../protocol/keys/signer.ts';
import vectors from '../vectors/keys-ethereum.json' with { type: 'json' };

const b64url = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const u256 = (n: bigint) => fromHex(n.toString(16).padStart(64, '0'));

function opensslVerify(uncompressed: Uint8Array, message: Uint8Array, rs: Uint8Array): boolean {
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'secp256k1',
      x: b64url(uncompressed.subarray(1, 33)),
      y: b64url(uncompressed.subarray(33)),
    },
    format: 'jwk',
  });
  return nodeVerify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, rs);
}

describe.each(vectors.keyPairs.cases)('$name', (c) => {
  const signer = signerFromHex('secp256k1', c.secretKey);
  const message = new TextEncoder().encode(`topnet ${c.name}`);
  const digest = new Uint8Array(createHash('sha256').update(message).digest());
  const sig = signer.sign(digest);

  it('is 65 bytes r || s || v with v in {0, 1}, low s, and deterministic', () => {
    expect(sig.length).toBe(65);
    expect([0, 1]).toContain(sig[64]);
    const r = bytesToBigInt(sig.subarray(0, 32));
    const s = bytesToBigInt(sig.subarray(32, 64));
    expect(r > 0n && r < SECP256K1_N).toBe(true);
    expect(s > 0n && s <= SECP256K1_N / 2n).toBe(true);
    expect(toHex(signer.sign(digest))).toBe(toHex(sig));
  });

  it('recovers the signer key and verifies against its T8 address (sync and async)', async () => {
    expect(toHex(recoverSecp256k1PublicKey(digest, sig))).toBe(toHex(signer.publicKey));
    expect(verifySignature(signer.address, digest, sig)).toBe(true);
    expect(await verifySignatureAsync(signer.address, digest, sig)).toBe(true);
    // mixed-case and other-ledger spellings of the same account verify too
    expect(verifySignature('T80000' + c.ethereum.slice(2), digest, sig)).toBe(true);
    expect(verifySignature('T80001' + signer.address.slice(6), digest, sig)).toBe(true);
  });

  it('is a valid ECDSA signature for OpenSSL', () => {
    const uncompressed = secp256k1PublicKey(fromHex(c.secretKey), false);
    expect(opensslVerify(uncompressed, message, sig.subarray(0, 64))).toBe(true);
    expect(opensslVerify(uncompressed, new Uint8Array([...message, 0]), sig.subarray(0, 64))).toBe(false);
  });

  it('rejects the high-s twin, the other recovery id and other messages', () => {
    const s = bytesToBigInt(sig.subarray(32, 64));
    const twin = concatBytes(sig.subarray(0, 32), u256(SECP256K1_N - s), Uint8Array.of(sig[64]! ^ 1));
    // the twin is mathematically valid (OpenSSL accepts it) but not canonical here
    const uncompressed = secp256k1PublicKey(fromHex(c.secretKey), false);
    expect(opensslVerify(uncompressed, message, twin.subarray(0, 64))).toBe(true);
    expect(verifySignature(signer.address, digest, twin)).toBe(false);
    const otherV = sig.slice();
    otherV[64] = otherV[64]! ^ 1;
    expect(verifySignature(signer.address, digest, otherV)).toBe(false);
    expect(verifySignature(signer.address, digest.slice().reverse(), sig)).toBe(false);
    // the message must be the 32-byte digest itself, not the preimage
    expect(verifySignature(signer.address, message, sig)).toBe(false);
  });

  it('does not verify for another T8 address or the TE address of the same bytes', () => {
    const other = signerFromHex('secp256k1', '11'.repeat(32));
    expect(verifySignature(other.address, digest, sig)).toBe(false);
    expect(verifySignature('TE0000' + '00'.repeat(32), digest, sig)).toBe(false);
  });
});
