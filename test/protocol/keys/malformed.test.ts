// Every malformed address, key or table count is rejected with its own stable code and the field
// named; verification never throws on garbage.
import { describe, expect, it } from 'vitest';
import { ErrorCode, ProtocolError } from '../../../protocol/errors.ts';
import { Reader } from '../../../protocol/codec/reader.ts';
import { Writer } from '../../../protocol/codec/writer.ts';
import {
  addressFromEthereum,
  addressFromPublicKey,
  ethereumAddressOf,
  formatAddress,
  isAddress,
  parseAddress,
  readAddress,
  tableOf,
  writeAddress,
} from '../../../protocol/keys/address.ts';
import type { AccountKind } from '../../../protocol/keys/address.ts';
import { SECP256K1_N, recoverSecp256k1PublicKey } from '../../../protocol/keys/secp256k1.ts';
import {
  signerFromHex,
  signerFromSecret,
  verifySignature,
  verifySignatureAsync,
} from '../../../protocol/keys/signer.ts';
import { ed25519PublicKey, ed25519Sign } from '../../../protocol/keys/ed25519.ts';

function err(fn: () => unknown): { code: string; field: string | undefined } {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProtocolError) return { code: e.code, field: e.field };
    throw e;
  }
  throw new Error('expected a ProtocolError');
}

const B40 = '7e5f4552091a69125d5dfcb7b8c2659029395bdf';
const B64 = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const T8 = 'T80000' + B40;
const TE = 'TE0000' + B64;

describe('parseAddress rejects', () => {
  const cases: [string, unknown, string][] = [
    ['a number', 42, ErrorCode.BAD_TYPE],
    ['null', null, ErrorCode.BAD_TYPE],
    ['undefined', undefined, ErrorCode.BAD_TYPE],
    ['bytes', new Uint8Array(26), ErrorCode.BAD_TYPE],
    ['an array', [T8], ErrorCode.BAD_TYPE],
    ['the empty string', '', ErrorCode.BAD_ADDRESS],
    ['a lone T', 'T', ErrorCode.BAD_ADDRESS],
    ['a lowercase t prefix', 't80000' + B40, ErrorCode.BAD_ADDRESS],
    ['a wrong prefix letter', 'X80000' + B40, ErrorCode.BAD_ADDRESS],
    ['a 0x Ethereum address', '0x' + B40, ErrorCode.BAD_ADDRESS],
    ['leading whitespace', ' ' + T8, ErrorCode.BAD_ADDRESS],
    ['an unknown type char 0', 'T00000' + B40, ErrorCode.BAD_ADDRESS_TYPE],
    ['an unknown type char 2', 'T20000' + B40, ErrorCode.BAD_ADDRESS_TYPE],
    ['a lowercase e type char', 'Te0000' + B64, ErrorCode.BAD_ADDRESS_TYPE],
    ['a punctuation type char', 'T#0000' + B40, ErrorCode.BAD_ADDRESS_TYPE],
    ['a T8 body one digit short', T8.slice(0, -1), ErrorCode.BAD_ADDRESS],
    ['a T8 body one digit long', T8 + '0', ErrorCode.BAD_ADDRESS],
    ['a T8 with a 32-byte body', 'T80000' + B64, ErrorCode.BAD_ADDRESS],
    ['a TE with a 20-byte body', 'TE0000' + B40, ErrorCode.BAD_ADDRESS],
    ['a missing ledger id', 'T8' + B40, ErrorCode.BAD_ADDRESS],
    ['trailing whitespace', T8.slice(0, -1) + ' ', ErrorCode.BAD_ADDRESS],
    ['a non-hex body', T8.slice(0, -1) + 'g', ErrorCode.BAD_ADDRESS],
    ['a non-hex ledger', 'T8000g' + B40, ErrorCode.BAD_ADDRESS],
    ['a signed ledger', 'T8-001' + B40, ErrorCode.BAD_ADDRESS],
    ['a bad checksum', 'T80000' + '7E5F4552091A69125d5DfCb7b8C2659029395BDF', ErrorCode.BAD_ADDRESS_CHECKSUM],
  ];

  it.each(cases)('%s', (_name, input, code) => {
    expect(err(() => parseAddress(input, 'to'))).toEqual({ code, field: 'to' });
    expect(err(() => parseAddress(input)).field).toBe('address');
    expect(isAddress(input)).toBe(false);
  });

  it('accepts the well-formed ones', () => {
    expect(parseAddress(T8).text).toBe(T8);
    expect(parseAddress(TE).text).toBe(TE);
    expect(parseAddress('T8ABCD' + B40).text).toBe('T8abcd' + B40);
    expect(parseAddress('T8ABCD' + B40).ledger).toBe(0xabcd);
    expect(isAddress(T8)).toBe(true);
  });
});

describe('other address helpers reject', () => {
  it('formatAddress: bad kind, body or ledger', () => {
    expect(err(() => formatAddress('rsa' as AccountKind, new Uint8Array(20)))).toEqual({
      code: ErrorCode.BAD_ADDRESS_TYPE,
      field: 'kind',
    });
    expect(err(() => formatAddress('secp256k1', new Uint8Array(32)))).toEqual({
      code: ErrorCode.BAD_LENGTH,
      field: 'body',
    });
    expect(err(() => formatAddress('ed25519', new Uint8Array(20)))).toEqual({
      code: ErrorCode.BAD_LENGTH,
      field: 'body',
    });
    expect(err(() => formatAddress('ed25519', 'ab' as unknown as Uint8Array))).toEqual({
      code: ErrorCode.BAD_TYPE,
      field: 'body',
    });
    for (const ledger of [-1, 0x10000, 1.5, NaN])
      expect(err(() => formatAddress('secp256k1', new Uint8Array(20), ledger))).toEqual({
        code: ErrorCode.OUT_OF_RANGE,
        field: 'ledger',
      });
    expect(formatAddress('secp256k1', new Uint8Array(20), 0xffff)).toBe('T8ffff' + '00'.repeat(20));
  });

  it('addressFromEthereum: non-string, bad shape, bad checksum', () => {
    expect(err(() => addressFromEthereum(7 as unknown as string))).toEqual({
      code: ErrorCode.BAD_TYPE,
      field: 'address',
    });
    for (const bad of [
      B40,
      '0x' + B40.slice(1),
      '0x' + B40 + '00',
      '0X' + B40,
      '0x' + B40.slice(1) + 'z',
      T8,
    ])
      expect(err(() => addressFromEthereum(bad))).toEqual({ code: ErrorCode.BAD_ADDRESS, field: 'address' });
    expect(err(() => addressFromEthereum('0x7E5F4552091A69125d5DfCb7b8C2659029395BDF')).code).toBe(
      ErrorCode.BAD_ADDRESS_CHECKSUM,
    );
  });

  it('ethereumAddressOf: TE has no Ethereum address', () => {
    expect(err(() => ethereumAddressOf(TE))).toEqual({ code: ErrorCode.BAD_ADDRESS_TYPE, field: 'address' });
    expect(err(() => ethereumAddressOf('nope')).code).toBe(ErrorCode.BAD_ADDRESS);
  });

  it('addressFromPublicKey: invalid keys are BAD_KEY', () => {
    expect(err(() => addressFromPublicKey('secp256k1', new Uint8Array(32))).code).toBe(ErrorCode.BAD_KEY);
    expect(err(() => addressFromPublicKey('secp256k1', new Uint8Array(33))).code).toBe(ErrorCode.BAD_KEY);
    const offCurve = new Uint8Array(65);
    offCurve[0] = 4;
    offCurve[64] = 1;
    expect(err(() => addressFromPublicKey('secp256k1', offCurve))).toEqual({
      code: ErrorCode.BAD_KEY,
      field: 'publicKey',
    });
    expect(err(() => addressFromPublicKey('ed25519', new Uint8Array(33))).code).toBe(ErrorCode.BAD_KEY);
    // the identity point (small order) and a non-canonical y >= p
    const identity = new Uint8Array(32);
    identity[0] = 1;
    expect(err(() => addressFromPublicKey('ed25519', identity)).code).toBe(ErrorCode.BAD_KEY);
    expect(
      err(() => addressFromPublicKey('ed25519', new Uint8Array(32).fill(0xff).fill(0x7f, 31))).code,
    ).toBe(ErrorCode.BAD_KEY);
    expect(err(() => addressFromPublicKey('ed25519', 'x' as unknown as Uint8Array)).code).toBe(
      ErrorCode.BAD_TYPE,
    );
  });

  it('readAddress: unknown tag, truncated body', () => {
    const bytes = (b: number[]) => new Reader(Uint8Array.from(b));
    expect(err(() => readAddress(bytes([0x09, 0, 0, ...new Array(20).fill(0)]), 'from'))).toEqual({
      code: ErrorCode.BAD_ADDRESS_TYPE,
      field: 'from',
    });
    expect(err(() => readAddress(bytes([0x08, 0, 0, ...new Array(19).fill(0)]), 'from'))).toEqual({
      code: ErrorCode.TRUNCATED,
      field: 'from',
    });
    expect(err(() => readAddress(bytes([0x0e, 0]))).code).toBe(ErrorCode.TRUNCATED);
    expect(err(() => writeAddress(new Writer(), 'T9', 'to'))).toEqual({
      code: ErrorCode.BAD_ADDRESS_TYPE,
      field: 'to',
    });
  });

  it('tableOf: table count out of range, bad address', () => {
    for (const n of [0, -1, 1.5, 2 ** 32, NaN])
      expect(err(() => tableOf(T8, n))).toEqual({ code: ErrorCode.OUT_OF_RANGE, field: 'tableCount' });
    expect(err(() => tableOf('T8', 16)).code).toBe(ErrorCode.BAD_ADDRESS);
  });
});

describe('keys and signatures reject', () => {
  const hex = (n: bigint) => n.toString(16).padStart(64, '0');

  it('secp256k1 secrets 0 and >= n are BAD_KEY; n - 1 is fine', () => {
    expect(err(() => signerFromHex('secp256k1', hex(0n)))).toEqual({
      code: ErrorCode.BAD_KEY,
      field: 'secretKey',
    });
    expect(err(() => signerFromHex('secp256k1', hex(SECP256K1_N))).code).toBe(ErrorCode.BAD_KEY);
    expect(err(() => signerFromHex('secp256k1', 'f'.repeat(64))).code).toBe(ErrorCode.BAD_KEY);
    expect(signerFromHex('secp256k1', hex(SECP256K1_N - 1n)).address).toMatch(/^T80000[0-9a-f]{40}$/);
    // every 32 bytes are an ed25519 secret
    expect(signerFromHex('ed25519', hex(0n)).address).toMatch(/^TE0000[0-9a-f]{64}$/);
  });

  it('secrets of the wrong length or type', () => {
    expect(err(() => signerFromSecret('ed25519', new Uint8Array(31)))).toEqual({
      code: ErrorCode.BAD_LENGTH,
      field: 'secretKey',
    });
    expect(err(() => signerFromSecret('secp256k1', 'ab' as unknown as Uint8Array)).code).toBe(
      ErrorCode.BAD_TYPE,
    );
    expect(err(() => signerFromSecret('rsa' as AccountKind, new Uint8Array(32))).code).toBe(
      ErrorCode.BAD_ADDRESS_TYPE,
    );
    expect(err(() => signerFromHex('ed25519', 'zz'.repeat(32))).code).toBe(ErrorCode.BAD_HEX);
    expect(err(() => signerFromHex('ed25519', 'ab'.repeat(31))).code).toBe(ErrorCode.BAD_LENGTH);
    expect(err(() => ed25519PublicKey(new Uint8Array(64))).code).toBe(ErrorCode.BAD_LENGTH);
    expect(err(() => ed25519Sign(new Uint8Array(32), 'hi' as unknown as Uint8Array)).code).toBe(
      ErrorCode.BAD_TYPE,
    );
  });

  it('secp256k1 signs only 32-byte digests', () => {
    const s = signerFromHex('secp256k1', hex(1n));
    expect(err(() => s.sign(new Uint8Array(31)))).toEqual({ code: ErrorCode.BAD_LENGTH, field: 'message' });
    expect(err(() => s.sign(new Uint8Array(64))).code).toBe(ErrorCode.BAD_LENGTH);
  });

  it('recoverSecp256k1PublicKey: BAD_SIGNATURE on malformed signatures', () => {
    const s = signerFromHex('secp256k1', hex(7n));
    const d = new Uint8Array(32).fill(9);
    const sig = s.sign(d);
    const bad = (f: (b: Uint8Array) => void) => {
      const b = sig.slice();
      f(b);
      return b;
    };
    for (const b of [
      sig.subarray(0, 64),
      new Uint8Array(66),
      bad((b) => (b[64] = 2)),
      bad((b) => (b[64] = 27)),
      bad((b) => b.fill(0, 0, 32)), // r = 0
      bad((b) => b.fill(0, 32, 64)), // s = 0
      bad((b) => b.fill(0xff, 0, 32)), // r >= n
    ])
      expect(err(() => recoverSecp256k1PublicKey(d, b))).toEqual({
        code: ErrorCode.BAD_SIGNATURE,
        field: 'signature',
      });
    expect(err(() => recoverSecp256k1PublicKey(new Uint8Array(31), sig)).code).toBe(ErrorCode.BAD_LENGTH);
  });

  it('verifySignature never throws on garbage', async () => {
    const garbage: unknown[] = [
      undefined,
      null,
      1,
      'x',
      {},
      [],
      new Uint8Array(0),
      new Uint8Array(65),
      new Uint8Array(64),
    ];
    for (const a of [...garbage, T8, TE])
      for (const m of garbage)
        for (const s of garbage) {
          const args = [a, m, s] as [string, Uint8Array, Uint8Array];
          expect(verifySignature(...args)).toBe(false);
          expect(await verifySignatureAsync(...args)).toBe(false);
        }
  });
});
