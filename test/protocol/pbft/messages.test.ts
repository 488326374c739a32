// Wire format: canonical encode/decode round trips (fast-check), malformed bytes → ProtocolError,
// and the signing preimage pinned byte for byte.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { concatBytes, fromHex, toHex, u64be } from '../../../protocol/bytes.ts';
import { Domain, taggedHash } from '../../../protocol/hash.ts';
import { ErrorCode, isProtocolError } from '../../../protocol/errors.ts';
import {
  decodeCertificate,
  decodeSignedMessage,
  encodeCertificate,
  encodeSignedMessage,
  signingHash,
  valueDigest,
} from '../../../protocol/pbft/index.ts';
import type {
  Checkpoint,
  CommitCertificate,
  Message,
  PrePrepare,
  Prepare,
  SignedMessage,
  ViewChange,
} from '../../../protocol/pbft/index.ts';
import { encodeUnsigned } from '../../../protocol/pbft/messages.ts';

const u8 = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
const num = fc.oneof(fc.nat(1000), fc.constant(Number.MAX_SAFE_INTEGER));
const sender = fc.nat(1023);
const sig = u8(64);

const signed = <M extends Message>(body: fc.Arbitrary<M>): fc.Arbitrary<SignedMessage<M>> =>
  fc.record({ sender, body, signature: sig });

const prePrepare: fc.Arbitrary<PrePrepare> = fc.record({
  type: fc.constant('pre-prepare' as const),
  view: num,
  seq: num,
  digest: u8(32),
  value: fc.uint8Array({ maxLength: 40 }),
});
const prepare: fc.Arbitrary<Prepare> = fc.record({
  type: fc.constant('prepare' as const),
  view: num,
  seq: num,
  digest: u8(32),
});
const commit = fc.record({ type: fc.constant('commit' as const), view: num, seq: num, digest: u8(32) });
const checkpoint: fc.Arbitrary<Checkpoint> = fc.record({
  type: fc.constant('checkpoint' as const),
  seq: num,
  digest: u8(32),
});
const viewChange: fc.Arbitrary<ViewChange> = fc.record({
  type: fc.constant('view-change' as const),
  view: num,
  stableSeq: num,
  stableDigest: u8(32),
  checkpointProof: fc.array(signed(checkpoint), { maxLength: 3 }),
  prepared: fc.array(
    fc.record({ prePrepare: signed(prePrepare), prepares: fc.array(signed(prepare), { maxLength: 3 }) }),
    {
      maxLength: 2,
    },
  ),
});
const certificate: fc.Arbitrary<CommitCertificate> = fc
  .record({ view: num, seq: num, digest: u8(32), signers: fc.uint8Array({ maxLength: 4 }) })
  .chain((c) => {
    let bits = 0;
    for (const b of c.signers) for (let x = b; x; x &= x - 1) bits++;
    return fc.array(sig, { minLength: bits, maxLength: bits }).map((signatures) => ({ ...c, signatures }));
  });
const anyMessage: fc.Arbitrary<SignedMessage> = fc.oneof(
  signed(prePrepare),
  signed(prepare),
  signed(commit),
  signed(checkpoint),
  signed(viewChange),
  signed(
    fc.record({
      type: fc.constant('new-view' as const),
      view: num,
      viewChanges: fc.array(signed(viewChange), { maxLength: 2 }),
      prePrepares: fc.array(signed(prePrepare), { maxLength: 2 }),
    }),
  ),
  signed(fc.record({ type: fc.constant('fetch' as const), fromSeq: num })),
  signed(
    fc.record({
      type: fc.constant('fetch-reply' as const),
      stableSeq: num,
      stableDigest: u8(32),
      checkpointProof: fc.array(signed(checkpoint), { maxLength: 2 }),
      entries: fc.array(fc.record({ value: fc.uint8Array({ maxLength: 16 }), certificate }), {
        maxLength: 2,
      }),
    }),
  ),
) as fc.Arbitrary<SignedMessage>;

function expectProtocolError(fn: () => unknown, code?: string): void {
  try {
    fn();
  } catch (e) {
    expect(isProtocolError(e)).toBe(true);
    if (code) expect((e as { code: string }).code).toBe(code);
    return;
  }
  throw new Error('expected a ProtocolError');
}

describe('SignedMessage codec', () => {
  test('decode(encode(m)) = m and encode is canonical for every message type', () => {
    fc.assert(
      fc.property(anyMessage, (m) => {
        const bytes = encodeSignedMessage(m);
        const back = decodeSignedMessage(bytes);
        expect(back).toEqual(m);
        expect(toHex(encodeSignedMessage(back))).toBe(toHex(bytes));
        expect(toHex(signingHash(back))).toBe(toHex(signingHash(m)));
      }),
      { numRuns: 300 },
    );
  });

  test('every strict prefix and every extension of an encoding is rejected with a ProtocolError', () => {
    fc.assert(
      fc.property(anyMessage, fc.nat(), (m, cut) => {
        const bytes = encodeSignedMessage(m);
        expectProtocolError(
          () => decodeSignedMessage(bytes.slice(0, cut % bytes.length)),
          ErrorCode.TRUNCATED,
        );
        expectProtocolError(
          () => decodeSignedMessage(concatBytes(bytes, Uint8Array.of(0))),
          ErrorCode.TRAILING_BYTES,
        );
      }),
      { numRuns: 200 },
    );
  });

  test('random bytes never crash the decoder: they decode or throw a ProtocolError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeSignedMessage(bytes);
        } catch (e) {
          expect(isProtocolError(e)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('unknown type tags, nested type confusion and oversized lengths', () => {
    const m: SignedMessage = {
      sender: 3,
      body: { type: 'prepare', view: 1, seq: 2, digest: new Uint8Array(32).fill(7) },
      signature: new Uint8Array(64).fill(9),
    };
    const bytes = encodeSignedMessage(m);
    for (const tag of [0, 9, 255]) {
      const b = bytes.slice();
      b[0] = tag;
      expectProtocolError(() => decodeSignedMessage(b), ErrorCode.BAD_ENUM);
    }
    // A view change whose checkpoint proof contains a prepare.
    const vc: SignedMessage = {
      sender: 1,
      body: {
        type: 'view-change',
        view: 2,
        stableSeq: 0,
        stableDigest: new Uint8Array(32),
        checkpointProof: [],
        prepared: [],
      },
      signature: new Uint8Array(64),
    };
    const vcBytes = encodeSignedMessage(vc);
    // Patch the (empty) checkpoint proof count to 1 and append the prepare where a checkpoint belongs.
    const head = vcBytes.slice(0, 1 + 2 + 8 + 8 + 32);
    const confused = concatBytes(
      head,
      Uint8Array.of(0, 0, 0, 1),
      bytes,
      Uint8Array.of(0, 0, 0, 0),
      new Uint8Array(64),
    );
    expectProtocolError(() => decodeSignedMessage(confused), ErrorCode.BAD_TYPE);
    // A pre-prepare declaring a value longer than the limit.
    const pp = concatBytes(
      Uint8Array.of(1, 0, 0),
      u64be(0n),
      u64be(1n),
      new Uint8Array(32),
      Uint8Array.of(0xff, 0xff, 0xff, 0xff),
    );
    expectProtocolError(() => decodeSignedMessage(pp), ErrorCode.OVERSIZED);
    // u64 views beyond 2^53 are refused rather than rounded.
    const big = concatBytes(
      Uint8Array.of(2, 0, 0),
      u64be(1n << 60n),
      u64be(1n),
      new Uint8Array(32),
      new Uint8Array(64),
    );
    expectProtocolError(() => decodeSignedMessage(big), ErrorCode.OUT_OF_RANGE);
  });

  test('signing preimage and value digest, pinned byte for byte', () => {
    const digest = fromHex('11'.repeat(32));
    const m: SignedMessage = {
      sender: 258,
      body: { type: 'commit', view: 5, seq: 9, digest },
      signature: new Uint8Array(64),
    };
    const unsigned = concatBytes(Uint8Array.of(3, 1, 2), u64be(5n), u64be(9n), digest);
    expect(toHex(encodeUnsigned(m.sender, m.body))).toBe(toHex(unsigned));
    expect(toHex(encodeSignedMessage(m))).toBe(toHex(concatBytes(unsigned, new Uint8Array(64))));
    expect(toHex(signingHash(m))).toBe(toHex(taggedHash(Domain.pbft, unsigned)));
    // sha256(len || "topnet/pbft/v1" || data), independently spelled out.
    const tag = new TextEncoder().encode('topnet/pbft/v1');
    expect(toHex(valueDigest(Uint8Array.of(0xab)))).toBe(
      toHex(taggedHash(Domain.pbft, Uint8Array.of(0x11, 0xab))),
    );
    expect(toHex(taggedHash(Domain.pbft, unsigned))).toBe(
      toHex(new Uint8Array(requireSha256(concatBytes(Uint8Array.of(tag.length), tag, unsigned)))),
    );
  });

  test('encoding refuses values the wire cannot carry', () => {
    const base = { sender: 1, signature: new Uint8Array(64) };
    expectProtocolError(
      () =>
        encodeSignedMessage({
          ...base,
          body: { type: 'prepare', view: -1, seq: 1, digest: new Uint8Array(32) },
        }),
      ErrorCode.OUT_OF_RANGE,
    );
    expectProtocolError(
      () =>
        encodeSignedMessage({
          ...base,
          body: { type: 'prepare', view: 1, seq: 1, digest: new Uint8Array(31) },
        }),
      ErrorCode.BAD_LENGTH,
    );
    expectProtocolError(
      () => encodeSignedMessage({ ...base, sender: 70000, body: { type: 'fetch', fromSeq: 1 } }),
      ErrorCode.OUT_OF_RANGE,
    );
    expectProtocolError(
      () =>
        encodeSignedMessage({ ...base, body: { type: 'fetch', fromSeq: 1 }, signature: new Uint8Array(63) }),
      ErrorCode.BAD_LENGTH,
    );
  });
});

describe('CommitCertificate codec', () => {
  test('round trip', () => {
    fc.assert(
      fc.property(certificate, (c) => {
        const bytes = encodeCertificate(c);
        expect(decodeCertificate(bytes)).toEqual(c);
        expectProtocolError(() => decodeCertificate(bytes.slice(0, bytes.length - 1)), ErrorCode.TRUNCATED);
        expectProtocolError(
          () => decodeCertificate(concatBytes(bytes, Uint8Array.of(1))),
          ErrorCode.TRAILING_BYTES,
        );
      }),
      { numRuns: 200 },
    );
  });

  test('a bitmap that disagrees with the signature count is malformed', () => {
    const c: CommitCertificate = {
      view: 0,
      seq: 1,
      digest: new Uint8Array(32),
      signers: Uint8Array.of(0b0111),
      signatures: [new Uint8Array(64), new Uint8Array(64), new Uint8Array(64)],
    };
    const bytes = encodeCertificate(c);
    expect(decodeCertificate(bytes)).toEqual(c);
    const wrong = bytes.slice();
    wrong[8 + 8 + 32 + 4] = 0b1111;
    expectProtocolError(() => decodeCertificate(wrong), ErrorCode.BAD_CERTIFICATE);
    expect(toHex(bytes.slice(0, 8 + 8 + 32 + 4 + 1 + 4))).toBe(
      toHex(
        concatBytes(
          u64be(0n),
          u64be(1n),
          new Uint8Array(32),
          Uint8Array.of(0, 0, 0, 1, 0b0111),
          Uint8Array.of(0, 0, 0, 3),
        ),
      ),
    );
  });
});

function requireSha256(b: Uint8Array): Buffer {
  return createHash('sha256').update(b).digest();
}
