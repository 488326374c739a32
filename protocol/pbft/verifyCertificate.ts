/**
 * Checks a commit certificate against the committee's public keys: the bitmap is exactly
 * ceil(n/8) bytes with no bit at or beyond n, there are at least quorum(n) signers, and every
 * signature is a valid commit (view, seq, digest) signature of its signer. Never throws.
 */
import { faultsTolerated, quorumSize } from './quorum.ts';
import { bitmapBytes, bitSet, popcount } from './certificate.ts';
import type { CommitCertificate } from './certificate.ts';
import { encodeUnsigned } from './messages.ts';
import { Domain, taggedHash } from '../hash.ts';
import { nobleVerifier } from './crypto.ts';
import type { PbftVerifier } from './crypto.ts';

export function verifyCertificate(
  cert: CommitCertificate,
  publicKeys: readonly Uint8Array[],
  crypto: PbftVerifier = nobleVerifier,
): boolean {
  try {
    const n = publicKeys.length;
    if (n < 4 || faultsTolerated(n) < 1) return false;
    const { signers, signatures } = cert;
    if (!(signers instanceof Uint8Array) || signers.length !== bitmapBytes(n)) return false;
    if (!(cert.digest instanceof Uint8Array) || cert.digest.length !== 32) return false;
    const count = popcount(signers);
    if (count !== signatures.length || count < quorumSize(n)) return false;
    // Every signer signed the same commit body; only the u16 sender (bytes 1..2) differs.
    const preimage = encodeUnsigned(0, {
      type: 'commit',
      view: cert.view,
      seq: cert.seq,
      digest: cert.digest,
    });
    let k = 0;
    for (let i = 0; i < signers.length * 8; i++) {
      if (!bitSet(signers, i)) continue;
      const key = publicKeys[i];
      const sig = signatures[k++];
      if (i >= n || !key || !(sig instanceof Uint8Array) || sig.length !== 64) return false;
      preimage[1] = i >> 8;
      preimage[2] = i & 0xff;
      if (!crypto.verify(key, taggedHash(Domain.pbft, preimage), sig)) return false;
    }
    return true;
  } catch {
    return false;
  }
}
