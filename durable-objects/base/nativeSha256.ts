/**
 * Installs the runtime's native SHA-256 (node:crypto in workerd with nodejs_compat: BoringSSL,
 * synchronous) as protocol/'s hash. Imported for its effect by every Worker entry and object base,
 * so hashes everywhere take the fast path; protocol/hash refuses a candidate that misses its vector.
 */
// @ts-expect-error node:crypto is provided by workerd's nodejs_compat; the workers tsconfig has no Node types
import { createHash, hash as oneShot } from 'node:crypto';
import { useSha256, type Sha256Parts } from '../../protocol/hash.ts';
import { concatBytes } from '../../protocol/bytes.ts';

interface NodeHash {
  update(data: Uint8Array): NodeHash;
  digest(): Uint8Array;
}

// crypto.hash (one call, no Hash object or stream machinery) is the cheaper path for the small
// inputs that dominate (Merkle nodes, tagged hashes); createHash where the runtime lacks it.
const hashOnce = oneShot as ((alg: string, data: Uint8Array, enc: 'buffer') => Uint8Array) | undefined;

export const nativeSha256Parts: Sha256Parts = (parts) => {
  let d: Uint8Array;
  if (hashOnce) d = hashOnce('sha256', parts.length === 1 ? parts[0]! : concatBytes(...parts), 'buffer');
  else {
    const h = (createHash as (alg: string) => NodeHash)('sha256');
    for (const p of parts) h.update(p);
    d = h.digest();
  }
  // A plain view over the Buffer's bytes: callers expect Uint8Array semantics (slice copies).
  return new Uint8Array(d.buffer, d.byteOffset, d.length);
};

useSha256(nativeSha256Parts);
