/**
 * Public surface of the PBFT replica: create a replica, feed it inputs, verify and encode what it
 * produces. See docs/protocol/pbft.md for the wire format and the rules.
 */
export { createReplica } from './replica.ts';
export type { Replica } from './replica.ts';
export type { ReplicaConfig, Input, Output, Committed } from './context.ts';
export type { PbftEvent, IgnoreReason } from './events.ts';
export type { ReplicaState, Slot, PendingValue } from './state.ts';
export type { PbftCrypto, PbftVerifier } from './crypto.ts';
export { noblePbftCrypto, nobleVerifier } from './crypto.ts';
export {
  encodeSignedMessage,
  decodeSignedMessage,
  signingHash,
  signMessage,
  verifySignature,
  MessageTag,
  MAX_VALUE_BYTES,
} from './messages.ts';
export type {
  Message,
  MessageKind,
  SignedMessage,
  PrePrepare,
  Prepare,
  Commit,
  Checkpoint,
  ViewChange,
  NewView,
  PreparedProof,
} from './messages.ts';
export type { CommitCertificate } from './certificate.ts';
export { encodeCertificate, decodeCertificate, buildCertificate } from './certificate.ts';
export { verifyCertificate } from './verifyCertificate.ts';
export { valueDigest, nextStateDigest, NULL_DIGEST, GENESIS_STATE } from './digests.ts';
export { faultsTolerated, quorumSize, primaryOf } from './quorum.ts';
