/**
 * RFC 9381 ECVRF-EDWARDS25519-SHA512-TAI: the verifiable random function behind topnet's elections.
 * Each candidate proves over the epoch's election alpha; anyone holding its public key checks the
 * proof and reads the same 64-byte output.
 */
export { vrfPublicKey, expandSecretKey, type ExpandedSecret } from './expandSecretKey.ts';
export { vrfProve, vrfProveTrace, type VrfProveTrace } from './prove.ts';
export { vrfProofToHash } from './proofToHash.ts';
export { vrfVerify, type VrfVerifyResult, type VrfInvalidReason } from './verify.ts';
export { decodeVrfProof, type DecodedProof, type ProofDefect } from './decodeProof.ts';
export { encodeToCurve } from './encodeToCurve.ts';
export { BETA_LEN, PROOF_LEN, PUBLIC_KEY_LEN, SECRET_LEN, SUITE } from './suite.ts';
