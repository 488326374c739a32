/**
 * Decoding bounds of the PBFT wire format: what a decoder refuses before allocating. Encoders apply
 * the same bounds, so anything encodable decodes.
 */

export const MAX_VALUE_BYTES = 4 * 1024 * 1024;
/** Replica ids are u16 on the wire; lists of per-replica items are bounded by this. */
export const MAX_REPLICAS = 1024;
/** Bound on per-sequence lists (prepared proofs, new-view pre-prepares, fetched entries). */
export const MAX_SEQS = 4096;
