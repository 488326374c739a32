/**
 * Typed errors of the protocol core. Every rejection of input carries a stable machine code and,
 * where one field is at fault, the field's name, so the edge can answer "what was wrong" precisely
 * and callers can branch on `code` without parsing messages.
 */

export const ErrorCode = {
  // decoding
  TRUNCATED: 'TRUNCATED',
  TRAILING_BYTES: 'TRAILING_BYTES',
  OVERSIZED: 'OVERSIZED',
  BAD_TYPE: 'BAD_TYPE',
  BAD_HEX: 'BAD_HEX',
  BAD_LENGTH: 'BAD_LENGTH',
  BAD_VERSION: 'BAD_VERSION',
  BAD_ENUM: 'BAD_ENUM',
  BAD_UTF8: 'BAD_UTF8',
  // numbers and amounts
  NOT_INTEGER: 'NOT_INTEGER',
  NEGATIVE: 'NEGATIVE',
  OUT_OF_RANGE: 'OUT_OF_RANGE',
  BAD_AMOUNT: 'BAD_AMOUNT',
  // keys, addresses and signatures
  BAD_ADDRESS: 'BAD_ADDRESS',
  BAD_ADDRESS_CHECKSUM: 'BAD_ADDRESS_CHECKSUM',
  BAD_ADDRESS_TYPE: 'BAD_ADDRESS_TYPE',
  BAD_KEY: 'BAD_KEY',
  BAD_SIGNATURE: 'BAD_SIGNATURE',
  SIGNER_MISMATCH: 'SIGNER_MISMATCH',
  // transaction rules
  WRONG_CHAIN: 'WRONG_CHAIN',
  EXPIRED: 'EXPIRED',
  TIMESTAMP_SKEW: 'TIMESTAMP_SKEW',
  NONCE_TOO_LOW: 'NONCE_TOO_LOW',
  NONCE_GAP: 'NONCE_GAP',
  PREV_HASH_MISMATCH: 'PREV_HASH_MISMATCH',
  INSUFFICIENT_FUNDS: 'INSUFFICIENT_FUNDS',
  INSUFFICIENT_GAS: 'INSUFFICIENT_GAS',
  DUPLICATE_TX: 'DUPLICATE_TX',
  WRONG_TABLE: 'WRONG_TABLE',
  SELF_TRANSFER: 'SELF_TRANSFER',
  BAD_RECEIPT: 'BAD_RECEIPT',
  RECEIPT_OUT_OF_ORDER: 'RECEIPT_OUT_OF_ORDER',
  BAD_CERTIFICATE: 'BAD_CERTIFICATE',
  BAD_PROOF: 'BAD_PROOF',
  BAD_VRF_PROOF: 'BAD_VRF_PROOF',
  /** Two different blocks claimed for one table and height: a fork. */
  CHECKPOINT_CONFLICT: 'CHECKPOINT_CONFLICT',
  UNSUPPORTED: 'UNSUPPORTED',
  // service limits
  RATE_LIMITED: 'RATE_LIMITED',
  MEMPOOL_FULL: 'MEMPOOL_FULL',
  NOT_FOUND: 'NOT_FOUND',
  UNAVAILABLE: 'UNAVAILABLE',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(field ? `${field}: ${message}` : message);
  }

  toJSON(): { code: ErrorCode; message: string; field?: string } {
    return this.field
      ? { code: this.code, message: this.message, field: this.field }
      : { code: this.code, message: this.message };
  }
}

export function fail(code: ErrorCode, message: string, field?: string): never {
  throw new ProtocolError(code, message, field);
}

export function isProtocolError(e: unknown): e is ProtocolError {
  return e instanceof ProtocolError;
}
