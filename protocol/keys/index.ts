/**
 * The keys module's public surface: addresses, signers, signature checks and key derivation.
 */
export * from './address.ts';
export * from './signer.ts';
export { ed25519PublicKey, ed25519Sign, ed25519Verify } from './ed25519.ts';
export { ed25519VerifyAsync, ed25519Backend, setEd25519Backend } from './ed25519Async.ts';
export type { Ed25519Backend } from './ed25519Async.ts';
export { recoverSecp256k1PublicKey, secp256k1PublicKey, secp256k1Sign } from './secp256k1.ts';
export { secp256k1Backend, useNativeSecp256k1Recover, useNobleSecp256k1Recover } from './secp256k1Recover.ts';
export type { Secp256k1Recover } from './secp256k1Recover.ts';
export { deriveSecret } from './derive.ts';
