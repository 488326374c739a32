// Properties (fast-check, 1,000+ runs each): address text and binary round-trips, sign/verify
// round-trips for both kinds where any one-byte change fails, and tableOf always in range.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesEqual } from '../../../protocol/bytes.ts';
import { Reader } from '../../../protocol/codec/reader.ts';
import { Writer } from '../../../protocol/codec/writer.ts';
import {
  bodyLengthOf,
  checksumAddress,
  formatAddress,
  parseAddress,
  readAddress,
  tableOf,
  writeAddress,
} from '../../../protocol/keys/address.ts';
import type { AccountKind } from '../../../protocol/keys/address.ts';
import { isValidSecp256k1Secret } from '../../../protocol/keys/secp256k1.ts';
import { signerFromSecret, verifySignature, verifySignatureAsync } from '../../../protocol/keys/signer.ts';

const RUNS = 1000;

const kindArb = fc.constantFrom<AccountKind>('secp256k1', 'ed25519');
const addressPartsArb = kindArb.chain((kind) =>
  fc.record({
    kind: fc.constant(kind),
    body: fc.uint8Array({ minLength: bodyLengthOf(kind), maxLength: bodyLengthOf(kind) }),
    ledger: fc.integer({ min: 0, max: 0xffff }),
  }),
);
const addressArb = addressPartsArb.map(({ kind, body, ledger }) => formatAddress(kind, body, ledger));
const secretArb = (kind: AccountKind) =>
  fc
    .uint8Array({ minLength: 32, maxLength: 32 })
    .filter((s) => kind === 'ed25519' || isValidSecp256k1Secret(s));

/** Changes one byte of b at index i by xor with a non-zero delta. */
function mutate(b: Uint8Array, i: number, delta: number): Uint8Array {
  const out = b.slice();
  out[i % out.length] = out[i % out.length]! ^ delta;
  return out;
}

describe('address round-trips', () => {
  it('parse(format(x)) gives back x, in canonical, checksummed and uppercase spellings', () => {
    fc.assert(
      fc.property(addressPartsArb, ({ kind, body, ledger }) => {
        const text = formatAddress(kind, body, ledger);
        expect(text).toMatch(kind === 'secp256k1' ? /^T8[0-9a-f]{44}$/ : /^TE[0-9a-f]{68}$/);
        for (const spelling of [
          text,
          checksumAddress(text),
          text.slice(0, 2) + text.slice(2).toUpperCase(),
        ]) {
          const p = parseAddress(spelling);
          expect(p.kind).toBe(kind);
          expect(p.ledger).toBe(ledger);
          expect(bytesEqual(p.body, body)).toBe(true);
          expect(p.text).toBe(text);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('readAddress(writeAddress(x)) gives back x and consumes exactly 3 + body bytes', () => {
    fc.assert(
      fc.property(fc.array(addressArb, { minLength: 1, maxLength: 4 }), (addresses) => {
        const w = new Writer();
        for (const a of addresses) writeAddress(w, a);
        const bytes = w.finish();
        expect(bytes.length).toBe(addresses.reduce((n, a) => n + 3 + (a[1] === '8' ? 20 : 32), 0));
        const r = new Reader(bytes);
        for (const a of addresses) expect(readAddress(r)).toBe(a);
        r.end();
      }),
      { numRuns: RUNS },
    );
  });

  it('tableOf is an integer in [0, tableCount) and the same for every spelling', () => {
    fc.assert(
      fc.property(addressArb, fc.integer({ min: 1, max: 0xffffffff }), (a, n) => {
        const t = tableOf(a, n);
        expect(Number.isInteger(t) && t >= 0 && t < n).toBe(true);
        expect(tableOf(checksumAddress(a), n)).toBe(t);
      }),
      { numRuns: RUNS },
    );
  });
});

describe.each(['ed25519', 'secp256k1'] as const)('%s sign / verify', (kind) => {
  const messageArb =
    kind === 'ed25519'
      ? fc.uint8Array({ minLength: 0, maxLength: 200 })
      : fc.uint8Array({ minLength: 32, maxLength: 32 });

  it('verifies, and fails after any one-byte change of message or signature', () => {
    fc.assert(
      fc.property(
        secretArb(kind),
        messageArb,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (secret, message, si, sd, mi, md) => {
          const signer = signerFromSecret(kind, secret);
          const sig = signer.sign(message);
          expect(verifySignature(signer.address, message, sig)).toBe(true);
          expect(verifySignature(signer.address, message, mutate(sig, si, sd))).toBe(false);
          if (message.length > 0)
            expect(verifySignature(signer.address, mutate(message, mi, md), sig)).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the async path agrees', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretArb(kind),
        messageArb,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (secret, message, i, d) => {
          const signer = signerFromSecret(kind, secret);
          const sig = signer.sign(message);
          expect(await verifySignatureAsync(signer.address, message, sig)).toBe(true);
          expect(await verifySignatureAsync(signer.address, message, mutate(sig, i, d))).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
