/**
 * Account addresses. Text form: 'T' + type char + 4 hex digits of ledger id + body hex.
 *  - T8 (secp256k1): body = last 20 bytes of keccak256(x || y), the Ethereum address of the key.
 *  - TE (ed25519): body = the 32-byte public key itself, so verifying needs no key registry.
 * The canonical text (stored, compared, hashed for tables) has 'T' and the type char in uppercase
 * and everything after them in lowercase. A body may also arrive EIP-55 checksummed; mixed case must
 * then verify, all-lower or all-upper is taken as unchecksummed. Binary form: u8 kind tag, u16
 * ledger, fixed-length body. See docs/protocol/keys.md.
 */
import { BoundedLru } from './lru.ts';
import { bytesToBigInt, fromHex, toHex, utf8 } from '../bytes.ts';
import type { Reader } from '../codec/reader.ts';
import type { Writer } from '../codec/writer.ts';
import { ErrorCode, fail, isProtocolError } from '../errors.ts';
import { sha256 } from '../hash.ts';
import { decodeEd25519PublicKey } from './ed25519.ts';
import { eip55, isMixedCase } from './eip55.ts';
import { secp256k1AddressBody } from './secp256k1.ts';

export type AccountKind = 'secp256k1' | 'ed25519';

export interface ParsedAddress {
  kind: AccountKind;
  ledger: number;
  body: Uint8Array;
  text: string;
}

interface KindSpec {
  kind: AccountKind;
  char: string;
  tag: number;
  bodyLength: number;
}

const SPECS: Record<AccountKind, KindSpec> = {
  secp256k1: { kind: 'secp256k1', char: '8', tag: 0x08, bodyLength: 20 },
  ed25519: { kind: 'ed25519', char: 'E', tag: 0x0e, bodyLength: 32 },
};
const BY_CHAR = new Map(Object.values(SPECS).map((s) => [s.char, s]));
const BY_TAG = new Map(Object.values(SPECS).map((s) => [s.tag, s]));

const HEX_RE = /^[0-9a-fA-F]*$/;
const PREFIX_LENGTH = 6; // 'T' + type char + 4 ledger digits

function specOf(kind: unknown, field: string): KindSpec {
  const spec = typeof kind === 'string' ? SPECS[kind as AccountKind] : undefined;
  if (!spec) fail(ErrorCode.BAD_ADDRESS_TYPE, `unknown account kind ${JSON.stringify(kind)}`, field);
  return spec;
}

function ledgerHex(ledger: number): string {
  return ledger.toString(16).padStart(4, '0');
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

// Addresses repeat on every hot path (encoding, admission, routing): remember valid parses.
const parsedCache = new BoundedLru<string, ParsedAddress>(65_536);

/** Parses and validates a T-address in any accepted case; `text` is the canonical form. The result is shared: do not mutate it. */
export function parseAddress(text: unknown, field = 'address'): ParsedAddress {
  if (typeof text === 'string') {
    const hit = parsedCache.get(text);
    if (hit) return hit;
    const p = parseAddressUncached(text, field);
    parsedCache.set(text, p);
    return p;
  }
  return parseAddressUncached(text, field);
}

function parseAddressUncached(text: unknown, field: string): ParsedAddress {
  if (typeof text !== 'string')
    fail(ErrorCode.BAD_TYPE, `expected an address string, got ${describe(text)}`, field);
  if (text.startsWith('0x') || text.startsWith('0X'))
    fail(
      ErrorCode.BAD_ADDRESS,
      'a 0x Ethereum address is not a T-address; convert it with addressFromEthereum',
      field,
    );
  if (text[0] !== 'T') fail(ErrorCode.BAD_ADDRESS, "address must start with 'T'", field);
  if (text.length < 2) fail(ErrorCode.BAD_ADDRESS, 'address is too short', field);
  const spec = BY_CHAR.get(text[1]!);
  if (!spec)
    fail(
      ErrorCode.BAD_ADDRESS_TYPE,
      `unknown address type ${JSON.stringify(text[1])} (known: T8, TE)`,
      field,
    );
  const length = PREFIX_LENGTH + spec.bodyLength * 2;
  if (text.length !== length)
    fail(
      ErrorCode.BAD_ADDRESS,
      `T${spec.char} address must be ${length} characters (T${spec.char} + 4 ledger hex + ${spec.bodyLength * 2} body hex), got ${text.length}`,
      field,
    );
  const ledgerText = text.slice(2, PREFIX_LENGTH);
  const bodyText = text.slice(PREFIX_LENGTH);
  if (!HEX_RE.test(ledgerText)) fail(ErrorCode.BAD_ADDRESS, 'ledger id must be 4 hex digits', field);
  if (!HEX_RE.test(bodyText)) fail(ErrorCode.BAD_ADDRESS, 'address body has a non-hex character', field);
  const lower = bodyText.toLowerCase();
  if (isMixedCase(bodyText) && eip55(lower) !== bodyText)
    fail(ErrorCode.BAD_ADDRESS_CHECKSUM, 'mixed-case address fails its EIP-55 checksum', field);
  const ledger = parseInt(ledgerText, 16);
  return {
    kind: spec.kind,
    ledger,
    body: fromHex(lower, field),
    text: 'T' + spec.char + ledgerHex(ledger) + lower,
  };
}

export function isAddress(text: unknown): boolean {
  try {
    parseAddress(text);
    return true;
  } catch (e) {
    if (isProtocolError(e)) return false;
    throw e;
  }
}

/** The canonical text of a body; the body must have its kind's exact length, the ledger must be a u16. */
export function formatAddress(kind: AccountKind, body: Uint8Array, ledger = 0): string {
  const spec = specOf(kind, 'kind');
  if (!(body instanceof Uint8Array)) fail(ErrorCode.BAD_TYPE, 'expected the address body as bytes', 'body');
  if (body.length !== spec.bodyLength)
    fail(
      ErrorCode.BAD_LENGTH,
      `${kind} address body must be ${spec.bodyLength} bytes, got ${body.length}`,
      'body',
    );
  if (!Number.isInteger(ledger) || ledger < 0 || ledger > 0xffff)
    fail(ErrorCode.OUT_OF_RANGE, `ledger id ${ledger} is not a u16`, 'ledger');
  return 'T' + spec.char + ledgerHex(ledger) + toHex(body);
}

/** The mixed-case display form: canonical prefix and ledger, EIP-55 cased body. */
export function checksumAddress(address: string): string {
  const p = parseAddress(address);
  return p.text.slice(0, PREFIX_LENGTH) + eip55(p.text.slice(PREFIX_LENGTH));
}

/**
 * The ledger-0 address of a public key. secp256k1 takes a 33-byte compressed or 65-byte uncompressed
 * SEC1 key; ed25519 a 32-byte key, which must decode strictly and not be of small order (such a key
 * could never sign for its account). BAD_KEY otherwise.
 */
export function addressFromPublicKey(kind: AccountKind, publicKey: Uint8Array): string {
  const spec = specOf(kind, 'kind');
  if (!(publicKey instanceof Uint8Array))
    fail(ErrorCode.BAD_TYPE, 'expected the public key as bytes', 'publicKey');
  if (spec.kind === 'secp256k1') return formatAddress('secp256k1', secp256k1AddressBody(publicKey));
  if (publicKey.length !== 32)
    fail(ErrorCode.BAD_KEY, `ed25519 public key must be 32 bytes, got ${publicKey.length}`, 'publicKey');
  if (!decodeEd25519PublicKey(publicKey))
    fail(ErrorCode.BAD_KEY, 'not a valid ed25519 public key', 'publicKey');
  return formatAddress('ed25519', publicKey);
}

/** '0x' + 40 hex (checksum verified when mixed case) → the T8 address of ledger 0 with the same 20 bytes. */
export function addressFromEthereum(eth: string, field = 'address'): string {
  if (typeof eth !== 'string')
    fail(ErrorCode.BAD_TYPE, `expected an address string, got ${describe(eth)}`, field);
  if (!/^0x[0-9a-fA-F]{40}$/.test(eth))
    fail(ErrorCode.BAD_ADDRESS, "Ethereum address must be '0x' followed by 40 hex digits", field);
  const hex = eth.slice(2);
  if (isMixedCase(hex) && eip55(hex.toLowerCase()) !== hex)
    fail(ErrorCode.BAD_ADDRESS_CHECKSUM, 'mixed-case address fails its EIP-55 checksum', field);
  return 'T80000' + hex.toLowerCase();
}

/** The EIP-55 checksummed '0x' Ethereum address of a T8 account (any ledger); BAD_ADDRESS_TYPE for others. */
export function ethereumAddressOf(address: string): string {
  const p = parseAddress(address);
  if (p.kind !== 'secp256k1')
    fail(
      ErrorCode.BAD_ADDRESS_TYPE,
      `only T8 addresses have an Ethereum address, got T${SPECS[p.kind].char}`,
      'address',
    );
  return '0x' + eip55(p.text.slice(PREFIX_LENGTH));
}

/** Binary form: u8 kind tag (0x08 secp256k1, 0x0e ed25519), u16 ledger, body (20 or 32 bytes). */
export function writeAddress(w: Writer, address: string, field = 'address'): void {
  const p = parseAddress(address, field);
  const spec = SPECS[p.kind];
  w.u8(spec.tag, field).u16(p.ledger, field).fixed(p.body, spec.bodyLength, field);
}

/** Reads the binary form back to canonical text; an unknown kind tag is BAD_ADDRESS_TYPE. */
export function readAddress(r: Reader, field = 'address'): string {
  const tag = r.u8(field);
  const spec = BY_TAG.get(tag);
  if (!spec)
    fail(
      ErrorCode.BAD_ADDRESS_TYPE,
      `unknown address kind tag 0x${tag.toString(16).padStart(2, '0')}`,
      field,
    );
  const ledger = r.u16(field);
  return formatAddress(spec.kind, r.fixed(spec.bodyLength, field), ledger);
}

/** The table (shard) of an account: u32be(sha256(utf8(canonical text))[0..4]) mod tableCount. */
const tableCache = new BoundedLru<string, number>(65_536);

export function tableOf(address: string, tableCount: number): number {
  const key = `${tableCount}/${address}`;
  const hit = tableCache.get(key);
  if (hit !== undefined) return hit;
  const t = tableOfUncached(address, tableCount);
  tableCache.set(key, t);
  return t;
}

function tableOfUncached(address: string, tableCount: number): number {
  if (!Number.isInteger(tableCount) || tableCount < 1 || tableCount > 0xffffffff)
    fail(
      ErrorCode.OUT_OF_RANGE,
      `table count must be an integer in [1, 2^32), got ${tableCount}`,
      'tableCount',
    );
  const h = sha256(utf8(parseAddress(address).text));
  return Number(bytesToBigInt(h.subarray(0, 4)) % BigInt(tableCount));
}

/** The fixed body length of a kind (20 for secp256k1, 32 for ed25519). */
export function bodyLengthOf(kind: AccountKind): number {
  return specOf(kind, 'kind').bodyLength;
}
