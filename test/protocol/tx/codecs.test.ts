/**
 * Every codec round-trips (1,000 cases each), and every decoder turns malformed input — truncated,
 * oversized, wrong types, bad checksums, amounts out of range, negative or non-integer — into a
 * ProtocolError with a stable code, never a crash.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeTx, encodeTx } from '../../../protocol/tx/encodeTx.ts';
import { txFromJson, txToJson } from '../../../protocol/tx/txJson.ts';
import { decodeUnit, encodeUnit } from '../../../protocol/lattice/unitBlock.ts';
import { decodeReceipt, encodeReceipt } from '../../../protocol/lattice/receipt.ts';
import { decodeHeader, encodeHeader } from '../../../protocol/lattice/tableBlock.ts';
import { decodeMerkleProof } from '../../../protocol/merkle/merkle.ts';
import { parseAmount, parseTop, formatTop } from '../../../protocol/amount.ts';
import { fromHex } from '../../../protocol/bytes.ts';
import { isProtocolError } from '../../../protocol/errors.ts';
import { headerArb, receiptArb, txArb, unitArb } from './arbitraries.ts';
import { testSigner } from '../lattice/miniNet.ts';

const runs = { numRuns: 1000 };

describe('codecs round-trip', () => {
  it('transactions (binary)', () => {
    fc.assert(
      fc.property(txArb, (tx) => {
        expect(decodeTx(encodeTx(tx))).toEqual(tx);
      }),
      runs,
    );
  });
  it('transactions (JSON)', () => {
    fc.assert(
      fc.property(txArb, (tx) => {
        const json = JSON.parse(JSON.stringify(txToJson(tx)));
        expect(txFromJson(json)).toEqual(tx);
      }),
      runs,
    );
  });
  it('unit blocks', () => {
    fc.assert(
      fc.property(unitArb, (u) => void expect(decodeUnit(encodeUnit(u))).toEqual(u)),
      runs,
    );
  });
  it('receipts', () => {
    fc.assert(
      fc.property(receiptArb, (x) => void expect(decodeReceipt(encodeReceipt(x))).toEqual(x)),
      runs,
    );
  });
  it('table block headers', () => {
    fc.assert(
      fc.property(headerArb, (h) => void expect(decodeHeader(encodeHeader(h))).toEqual(h)),
      runs,
    );
  });
  it('amounts in TOP', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        (v) => void expect(parseTop(formatTop(v))).toBe(v),
      ),
      runs,
    );
  });
});

const decoders: [string, (b: Uint8Array) => unknown][] = [
  ['tx', decodeTx],
  ['unit', decodeUnit],
  ['receipt', decodeReceipt],
  ['header', decodeHeader],
  ['merkle proof', decodeMerkleProof],
];

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (isProtocolError(e)) return e.code;
    throw e;
  }
}

describe('decoders reject malformed input with typed errors', () => {
  it.each(decoders)('%s: random bytes decode or throw a ProtocolError (1,000 cases)', (_name, decode) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => {
        codeOf(() => decode(b));
      }),
      runs,
    );
  });

  it('every truncation and every trailing byte of a valid encoding is caught', () => {
    fc.assert(
      fc.property(txArb, unitArb, receiptArb, headerArb, (tx, u, x, h) => {
        for (const [bytes, decode] of [
          [encodeTx(tx), decodeTx],
          [encodeUnit(u), decodeUnit],
          [encodeReceipt(x), decodeReceipt],
          [encodeHeader(h), decodeHeader],
        ] as const) {
          const cut = Math.max(0, bytes.length - 1 - (bytes[0]! % bytes.length));
          expect(codeOf(() => decode(bytes.slice(0, cut)))).toBe('TRUNCATED');
          expect(codeOf(() => decode(Uint8Array.of(...bytes, 0)))).toBe('TRAILING_BYTES');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('oversized transactions and memos', () => {
    const s = testSigner(1);
    const base = {
      chainId: 1,
      type: 0 as const,
      sender: s.address,
      receiver: testSigner(2).address,
      nonce: 0n,
      prevHash: new Uint8Array(32),
      amount: 1n,
      timestamp: 1,
      expiry: 2,
      signature: new Uint8Array(64),
    };
    expect(codeOf(() => encodeTx({ ...base, memo: 'x'.repeat(257) }))).toBe('OVERSIZED');
    expect(codeOf(() => decodeTx(new Uint8Array(2000)))).toBe('OVERSIZED');
  });

  it('JSON transactions: each malformed field has its own code and names the field', () => {
    const s = testSigner(1);
    const good = txToJson({
      chainId: 1,
      type: 0,
      sender: s.address,
      receiver: testSigner(2).address,
      nonce: 0n,
      prevHash: new Uint8Array(32),
      amount: 5n,
      timestamp: 1,
      expiry: 2,
      memo: '',
      signature: new Uint8Array(64),
    });
    const lower = good.sender.slice(6);
    const mixed = 'TE0000' + lower.replace(/[a-f]/, (c) => c.toUpperCase());
    const cases: [Record<string, unknown>, string, string][] = [
      [{ amount: '-5' }, 'NEGATIVE', 'amount'],
      [{ amount: '1.5' }, 'NOT_INTEGER', 'amount'],
      [{ amount: 5 }, 'BAD_TYPE', 'amount'],
      [{ amount: '18446744073709551616' }, 'OUT_OF_RANGE', 'amount'],
      [{ amount: 'ten' }, 'BAD_AMOUNT', 'amount'],
      [{ nonce: '-1' }, 'NEGATIVE', 'nonce'],
      [{ chainId: 1.5 }, 'NOT_INTEGER', 'chainId'],
      [{ chainId: -1 }, 'NEGATIVE', 'chainId'],
      [{ chainId: '1' }, 'BAD_TYPE', 'chainId'],
      [{ timestamp: 2 ** 60 }, 'OUT_OF_RANGE', 'timestamp'],
      [{ type: 'mint' }, 'BAD_ENUM', 'type'],
      [{ sender: 'T9' + lower }, 'BAD_ADDRESS_TYPE', 'sender'],
      [{ sender: mixed }, 'BAD_ADDRESS_CHECKSUM', 'sender'],
      [{ receiver: 'T80000abc' }, 'BAD_ADDRESS', 'receiver'],
      [{ receiver: 42 }, 'BAD_TYPE', 'receiver'],
      [{ prevHash: '0x1234' }, 'BAD_LENGTH', 'prevHash'],
      [{ prevHash: '0x' + 'zz'.repeat(32) }, 'BAD_HEX', 'prevHash'],
      [{ signature: '0x123' }, 'BAD_HEX', 'signature'],
      [{ memo: 7 }, 'BAD_TYPE', 'memo'],
      [{ payload: {} }, 'BAD_TYPE', 'payload'],
    ];
    for (const [patch, code, field] of cases) {
      let err: unknown;
      try {
        txFromJson({ ...good, ...patch });
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(patch)).toMatchObject({ code, field });
    }
    expect(codeOf(() => txFromJson(null))).toBe('BAD_TYPE');
    expect(codeOf(() => txFromJson([]))).toBe('BAD_TYPE');
    expect(codeOf(() => parseAmount(undefined))).toBe('BAD_TYPE');
    expect(codeOf(() => fromHex('abc'))).toBe('BAD_HEX');
  });
});
