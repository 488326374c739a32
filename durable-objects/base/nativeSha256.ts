/**
 * Installs the runtime's native SHA-256 (node:crypto in workerd with nodejs_compat: BoringSSL,
 * synchronous) as protocol/'s hash. Imported for its effect by every Worker entry and object base,
 * so hashes everywhere take the fast path; protocol/hash refuses a candidate that misses its vector.
 */
// @ts-expect-error node:crypto is provided by workerd's nodejs_compat; the workers tsconfig has no Node types
import { createHash } from 'node:crypto';
import { useSha256, type Sha256Parts } from '../../protocol/hash.ts';

interface NodeHash {
  update(data: Uint8Array): NodeHash;
  digest(): Uint8Array;
}

export const nativeSha256Parts: Sha256Parts = (parts) => {
  const h = (createHash as (alg: string) => NodeHash)('sha256');
  for (const p of parts) h.update(p);
  const d = h.digest();
  // A plain view over the Buffer's bytes: callers expect Uint8Array semantics (slice copies).
  return new Uint8Array(d.buffer, d.byteOffset, d.length);
};

useSha256(nativeSha256Parts);
