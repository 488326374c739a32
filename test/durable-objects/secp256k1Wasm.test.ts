/**
 * secp256k1 recovery inside workerd: the edge runs libsecp256k1 compiled to WebAssembly
 * (durable-objects/base/nativeSecp256k1.ts), and it answers exactly as noble does — byte for byte
 * on random keys and on random signatures, the same error on every malformed one — through
 * protocol/keys and through the edge (eth_sendRawTransaction and a T8 sendTransaction). How much
 * faster it is shows in the benches (docs/bench.md), not here: a test does not time things.
 */
import { exports } from 'cloudflare:workers';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { wasmSecp256k1Recover } from '../../durable-objects/base/nativeSecp256k1.ts';
import {
  nobleSecp256k1Recover,
  secp256k1Backend,
  useNativeSecp256k1Recover,
  useNobleSecp256k1Recover,
} from '../../protocol/keys/secp256k1Recover.ts';
import {
  SECP256K1_N,
  recoverSecp256k1AddressBody,
  recoverSecp256k1PublicKey,
  secp256k1PublicKey,
  secp256k1Sign,
} from '../../protocol/keys/secp256k1.ts';
import { bytesToBigInt, concatBytes, fromHex, toHex } from '../../protocol/bytes.ts';
import { txToJson } from '../../protocol/tx/txJson.ts';
import { dev, hashHex, rpcCall, settle, signEthTransfer, Wallet } from './helpers.ts';

const useWasm = () => useNativeSecp256k1Recover(wasmSecp256k1Recover, 'wasm');
const be32 = (x: bigint): Uint8Array => fromHex(x.toString(16).padStart(64, '0'));
const HALF_N = SECP256K1_N >> 1n;

/** What a call answers: its bytes, or its error's code, message and field. */
function outcome(f: () => Uint8Array): string {
  try {
    return toHex(f());
  } catch (e) {
    const { code, message, field } = e as { code?: string; message: string; field?: string };
    return JSON.stringify({ code, message, field });
  }
}

/** The answers of both public recovery functions under wasm, then under noble (which must agree). */
function bothBackends(digest: Uint8Array, sig: Uint8Array): { wasm: string; noble: string } {
  const run = () =>
    outcome(() => recoverSecp256k1PublicKey(digest, sig)) +
    '|' +
    outcome(() => recoverSecp256k1AddressBody(digest, sig));
  useWasm();
  const wasm = run();
  useNobleSecp256k1Recover();
  try {
    return { wasm, noble: run() };
  } finally {
    useWasm();
  }
}

describe('secp256k1 recovery: libsecp256k1 (wasm) against noble, in workerd', () => {
  afterEach(useWasm);

  it('is the backend the Worker installs', async () => {
    // Any request loads the Worker entry, which imports the wasm backend for its effect.
    expect((await exports.default.fetch('http://topnet/rpc', { method: 'POST', body: '{}' })).status).toBe(
      200,
    );
    expect(secp256k1Backend()).toBe('wasm');
  });

  it('recovers the same key as noble for 600 random keys and digests', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (seed, digest) => {
          const secret = be32((bytesToBigInt(seed) % (SECP256K1_N - 1n)) + 1n);
          const sig = secp256k1Sign(secret, digest);
          const wasm = wasmSecp256k1Recover(digest, sig.subarray(0, 64), sig[64]!);
          expect(wasm).not.toBeNull();
          expect(toHex(wasm!)).toBe(toHex(nobleSecp256k1Recover(digest, sig.subarray(0, 64), sig[64]!)!));
          expect(toHex(wasm!)).toBe(toHex(secp256k1PublicKey(secret, false)));
          expect(toHex(recoverSecp256k1PublicKey(digest, sig))).toBe(toHex(secp256k1PublicKey(secret)));
        },
      ),
      { numRuns: 600 },
    );
  });

  it('agrees with noble on 600 random signatures (about half recover nothing)', () => {
    let recovered = 0;
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.bigInt({ min: 1n, max: SECP256K1_N - 1n }),
        fc.bigInt({ min: 1n, max: HALF_N }),
        fc.integer({ min: 0, max: 1 }),
        (digest, r, s, v) => {
          const sig64 = concatBytes(be32(r), be32(s));
          const wasm = wasmSecp256k1Recover(digest, sig64, v);
          const noble = nobleSecp256k1Recover(digest, sig64, v);
          expect(wasm && toHex(wasm)).toBe(noble && toHex(noble));
          if (wasm) recovered++;
          const both = bothBackends(digest, concatBytes(sig64, Uint8Array.of(v)));
          expect(both.wasm).toBe(both.noble);
        },
      ),
      { numRuns: 600 },
    );
    expect(recovered).toBeGreaterThan(200);
    expect(recovered).toBeLessThan(400);
  });

  it('gives the same answer as noble on every malformed signature', () => {
    const secret = be32(0x5ec2e7n);
    const digest = fromHex('11'.repeat(32));
    const good = secp256k1Sign(secret, digest);
    const r = good.subarray(0, 32);
    const s = good.subarray(32, 64);
    const sig = (rr: Uint8Array, ss: Uint8Array, v: number) => concatBytes(rr, ss, Uint8Array.of(v));

    // A signature whose recovered point would be infinity: R = kG, and the digest e = s·k mod n
    // makes sR − eG = 0. libsecp256k1 and noble must both refuse it.
    const k = 0xc0ffeen;
    const R = secp256k1.Point.BASE.multiply(k);
    const rInf = R.toAffine().x;
    const sInf = 7n;
    const eInf = (sInf * k) % SECP256K1_N;
    const vInf = Number(R.toAffine().y & 1n);

    const cases: [string, Uint8Array, Uint8Array][] = [
      ['valid', digest, good],
      ['r = 0', digest, sig(be32(0n), s, 0)],
      ['r = n', digest, sig(be32(SECP256K1_N), s, 0)],
      ['r = 2^256 - 1', digest, sig(fromHex('ff'.repeat(32)), s, 0)],
      ['s = 0', digest, sig(r, be32(0n), 0)],
      ['s = n/2 + 1 (high s)', digest, sig(r, be32(HALF_N + 1n), good[64]!)],
      ['s = n - s (the malleated twin)', digest, sig(r, be32(SECP256K1_N - bytesToBigInt(s)), good[64]! ^ 1)],
      ['s = n', digest, sig(r, be32(SECP256K1_N), 0)],
      ['v = 2', digest, sig(r, s, 2)],
      ['v = 27', digest, sig(r, s, 27)],
      ['wrong v', digest, sig(r, s, good[64]! ^ 1)],
      ['64 bytes', digest, good.subarray(0, 64)],
      ['66 bytes', digest, concatBytes(good, Uint8Array.of(0))],
      ['empty', digest, new Uint8Array(0)],
      ['r = 5, not an x-coordinate', digest, sig(be32(5n), s, 0)],
      ['r = 7, not an x-coordinate, v = 1', digest, sig(be32(7n), s, 1)],
      ['recovers the point at infinity', be32(eInf), sig(be32(rInf), be32(sInf), vInf)],
      ['digest of all ones (>= n, reduced)', fromHex('ff'.repeat(32)), sig(r, s, 0)],
      ['digest zero', new Uint8Array(32), sig(r, s, 1)],
      ['31-byte digest', new Uint8Array(31), good],
    ];
    // These are well-formed: they recover some key (the wrong one for 'wrong v'), in both.
    const wellFormed = new Set(['valid', 'wrong v', 'digest of all ones (>= n, reduced)', 'digest zero']);
    for (const [name, d, sg] of cases) {
      const { wasm, noble } = bothBackends(d, sg);
      expect(wasm, name).toBe(noble);
      expect(wasm.includes('BAD_'), name).toBe(!wellFormed.has(name));
    }
    // The infinity case reaches the curve arithmetic and fails there, in both.
    expect(wasmSecp256k1Recover(be32(eInf), concatBytes(be32(rInf), be32(sInf)), vInf)).toBeNull();
    expect(nobleSecp256k1Recover(be32(eInf), concatBytes(be32(rInf), be32(sInf)), vInf)).toBeNull();
    expect(bothBackends(be32(eInf), sig(be32(rInf), be32(sInf), vInf)).wasm).toContain(
      'no public key recovers from this signature',
    );
  });

  it('refuses a candidate backend that gets the self-test wrong, keeping the wasm one', () => {
    expect(() => useNativeSecp256k1Recover(() => null, 'broken')).toThrow(/does not recover/);
    expect(() =>
      useNativeSecp256k1Recover((d, s, v) => nobleSecp256k1Recover(d, s, v) ?? new Uint8Array(65), 'lax'),
    ).toThrow(/does not recover/);
    expect(secp256k1Backend()).toBe('wasm');
  });
});

/** A signed transfer of 3 uTOP; `forge` replaces the signature's r. */
const ethRaw = (secret: Uint8Array, to: string, nonce: bigint, forge?: { r: bigint }): string =>
  signEthTransfer(secret, to, 3n, nonce, forge?.r).raw;

describe('the edge with the wasm backend', () => {
  afterAll(() => settle());
  afterEach(useWasm);

  const sender = dev[4]!;
  const receiver = dev[5]!;
  const t8Sender = dev[6]!;

  it('admits an eth_sendRawTransaction and a T8 sendTransaction, and refuses bad signatures as before', async () => {
    expect([sender.address, t8Sender.address].every((a) => a.startsWith('T8'))).toBe(true);
    expect(secp256k1Backend()).toBe('wasm');

    // The edge's recovery goes through the installed backend (counted here, then restored).
    let calls = 0;
    useNativeSecp256k1Recover((d, sg, v) => (calls++, wasmSecp256k1Recover(d, sg, v)), 'wasm');
    const ok = await rpcCall('eth_sendRawTransaction', [ethRaw(sender.secretKey, receiver.address, 0n)]);
    useWasm();
    expect(calls).toBeGreaterThan(2); // the self-test's two, then the transaction's
    expect(ok.error).toBeUndefined();
    expect(ok.result).toMatch(/^0x[0-9a-f]{64}$/);

    const w = new Wallet(t8Sender);
    const t8 = w.sign({ receiver: receiver.address, amount: 2n });
    const native = await rpcCall('sendTransaction', [txToJson(t8)]);
    expect(native.error).toBeUndefined();
    expect(native.result).toEqual({ hash: hashHex(t8), status: 'pending' });

    // Refusals: the same code, message and field under wasm as under noble.
    const notOnCurve = ethRaw(sender.secretKey, receiver.address, 2n, { r: 5n });
    const forged = { ...txToJson(w.sign({ receiver: receiver.address, amount: 4n })), amount: '5' };
    const refuse = async () => [
      await rpcCall('eth_sendRawTransaction', [notOnCurve]),
      await rpcCall('sendTransaction', [forged]),
    ];
    const underWasm = await refuse();
    useNobleSecp256k1Recover();
    const underNoble = await refuse();
    useWasm();
    expect(underWasm).toEqual(underNoble);
    expect([
      underWasm[0]!.error!.code,
      underWasm[0]!.error!.message,
      underWasm[0]!.error!.data!.code,
    ]).toEqual([-32003, 'invalid sender', 'BAD_SIGNATURE']);
    expect([underWasm[1]!.error!.code, underWasm[1]!.error!.data!.code]).toEqual([-32003, 'BAD_SIGNATURE']);
  });
});
