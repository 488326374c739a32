/**
 * Shared fixtures for election tests: deterministic stand-ins for VRF outputs (SHA-512 of a label,
 * as uniform as a VRF output for these purposes) and a ProtocolError code catcher.
 */
import { createHash } from 'node:crypto';
import { ProtocolError } from '../../../protocol/errors.ts';

export function fakeBeta(label: string): Uint8Array {
  return new Uint8Array(createHash('sha512').update(label).digest());
}

export function fakeSeed(label: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(label).digest());
}

export function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof ProtocolError) return e.code;
    throw e;
  }
  return undefined;
}
