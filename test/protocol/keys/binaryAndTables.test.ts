// The binary address encoding byte for byte, and tableOf checked against an independent SHA-256.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../protocol/bytes.ts';
import { Reader, decodeAll } from '../../../protocol/codec/reader.ts';
import { Writer } from '../../../protocol/codec/writer.ts';
import { checksumAddress, readAddress, tableOf, writeAddress } from '../../../protocol/keys/address.ts';

const T8 = 'T80000f39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const TE = 'TE00ffd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';

function encode(address: string): string {
  const w = new Writer();
  writeAddress(w, address);
  return toHex(w.finish());
}

describe('binary encoding', () => {
  it('is u8 tag || u16 ledger || body', () => {
    expect(encode(T8)).toBe('08' + '0000' + 'f39fd6e51aad88f6f4ce6ab8827279cfffb92266');
    expect(encode(TE)).toBe(
      '0e' + '00ff' + 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
    expect(encode(checksumAddress(T8))).toBe(encode(T8));
  });

  it('reads back the canonical text and consumes exactly its bytes', () => {
    for (const a of [T8, TE]) {
      const w = new Writer();
      writeAddress(w, a);
      writeAddress(w, checksumAddress(a));
      const r = new Reader(w.finish());
      expect(readAddress(r)).toBe(a);
      expect(readAddress(r)).toBe(a);
      r.end();
    }
    expect(decodeAll(Uint8Array.from(Buffer.from(encode(TE), 'hex')), (r) => readAddress(r))).toBe(TE);
  });
});

describe('tableOf', () => {
  const reference = (text: string, n: number) =>
    createHash('sha256').update(text, 'utf8').digest().readUInt32BE(0) % n;

  it('is u32be(sha256(canonical text)[0..4]) mod tableCount', () => {
    for (const a of [T8, TE, 'T80000' + '00'.repeat(20)])
      for (const n of [1, 2, 16, 64, 1000, 0xffffffff]) expect(tableOf(a, n)).toBe(reference(a, n));
  });

  it('uses the canonical text, so every spelling of an address lands on the same table', () => {
    const mixed = checksumAddress(T8);
    expect(mixed).not.toBe(T8);
    expect(tableOf(mixed, 64)).toBe(tableOf(T8, 64));
    expect(tableOf('T80000' + T8.slice(6).toUpperCase(), 64)).toBe(tableOf(T8, 64));
  });

  it('spreads accounts over the tables', () => {
    const counts = new Array(16).fill(0);
    for (let i = 0; i < 1600; i++) counts[tableOf('T80000' + i.toString(16).padStart(40, '0'), 16)]++;
    for (const c of counts) expect(c).toBeGreaterThan(60); // expected 100 each
  });
});
