// RFC 8032 §7.1 Ed25519 vectors: secret → public key → signature exactly, then verification through
// every path (sync noble, async WebCrypto, async with the noble fallback forced or detected).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromHex, toHex } from '../../../protocol/bytes.ts';
import { ed25519PublicKey, ed25519Sign, ed25519Verify } from '../../../protocol/keys/ed25519.ts';
import {
  ed25519Backend,
  ed25519VerifyAsync,
  setEd25519Backend,
} from '../../../protocol/keys/ed25519Async.ts';
import { formatAddress } from '../../../protocol/keys/address.ts';
import { signerFromSecret, verifySignature, verifySignatureAsync } from '../../../protocol/keys/signer.ts';
import vectors from '../vectors/keys-rfc8032.json' with { type: 'json' };

const cases = vectors.cases.map((c) => ({
  name: c.name,
  secretKey: fromHex(c.secretKey),
  publicKey: fromHex(c.publicKey),
  message: fromHex(c.message),
  signature: fromHex(c.signature),
}));

function flip(b: Uint8Array, i: number): Uint8Array {
  const out = b.slice();
  out[i] = out[i]! ^ 1;
  return out;
}

afterEach(() => {
  setEd25519Backend('auto');
  vi.unstubAllGlobals();
});

it('has the five RFC 8032 §7.1 cases', () => {
  expect(cases.map((c) => c.name)).toEqual(['TEST 1', 'TEST 2', 'TEST 3', 'TEST 1024', 'TEST SHA(abc)']);
  expect(cases.map((c) => c.message.length)).toEqual([0, 1, 2, 1023, 64]);
});

describe.each(cases)('$name', (c) => {
  const address = formatAddress('ed25519', c.publicKey);

  it('derives the public key, the signature and the TE address exactly', () => {
    expect(toHex(ed25519PublicKey(c.secretKey))).toBe(toHex(c.publicKey));
    expect(toHex(ed25519Sign(c.secretKey, c.message))).toBe(toHex(c.signature));
    const signer = signerFromSecret('ed25519', c.secretKey);
    expect(signer.address).toBe('TE0000' + toHex(c.publicKey));
    expect(toHex(signer.sign(c.message))).toBe(toHex(c.signature));
  });

  it('verifies synchronously and rejects a changed signature, message or key', () => {
    expect(ed25519Verify(c.publicKey, c.message, c.signature)).toBe(true);
    expect(verifySignature(address, c.message, c.signature)).toBe(true);
    expect(ed25519Verify(c.publicKey, c.message, flip(c.signature, 0))).toBe(false);
    expect(ed25519Verify(c.publicKey, c.message, flip(c.signature, 40))).toBe(false);
    expect(ed25519Verify(flip(c.publicKey, 0), c.message, c.signature)).toBe(false);
    const changed = c.message.length ? flip(c.message, c.message.length - 1) : Uint8Array.of(0);
    expect(verifySignature(address, changed, c.signature)).toBe(false);
  });

  it.each(['auto', 'webcrypto', 'noble'] as const)(
    'verifies asynchronously with backend %s',
    async (mode) => {
      setEd25519Backend(mode);
      expect(await ed25519VerifyAsync(c.publicKey, c.message, c.signature)).toBe(true);
      expect(await verifySignatureAsync(address, c.message, c.signature)).toBe(true);
      expect(await ed25519VerifyAsync(c.publicKey, c.message, flip(c.signature, 5))).toBe(false);
      expect(await verifySignatureAsync(address, c.message, flip(c.signature, 63))).toBe(false);
    },
  );
});

describe('backend detection', () => {
  it('picks WebCrypto in Node 20+', async () => {
    expect(await ed25519Backend()).toBe('webcrypto');
  });

  it('falls back to noble when crypto.subtle is missing, and still verifies', async () => {
    vi.stubGlobal('crypto', undefined);
    setEd25519Backend('auto');
    expect(await ed25519Backend()).toBe('noble');
    const c = cases[3]!;
    expect(await ed25519VerifyAsync(c.publicKey, c.message, c.signature)).toBe(true);
    expect(await ed25519VerifyAsync(c.publicKey, c.message, flip(c.signature, 1))).toBe(false);
  });

  it('falls back to noble when the runtime does not support Ed25519', async () => {
    const unsupported = {
      importKey: () => Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError')),
      verify: () => Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError')),
    };
    vi.stubGlobal('crypto', { subtle: unsupported });
    setEd25519Backend('auto');
    expect(await ed25519Backend()).toBe('noble');
    const c = cases[1]!;
    expect(await ed25519VerifyAsync(c.publicKey, c.message, c.signature)).toBe(true);
  });

  it('falls back to noble when the runtime verifier fails its self-test', async () => {
    const lying = { importKey: async () => ({}), verify: async () => true };
    vi.stubGlobal('crypto', { subtle: lying });
    setEd25519Backend('auto');
    expect(await ed25519Backend()).toBe('noble');
    const c = cases[0]!;
    expect(await ed25519VerifyAsync(c.publicKey, c.message, flip(c.signature, 2))).toBe(false);
  });

  it('detects once and caches the result', async () => {
    const subtle = globalThis.crypto.subtle;
    const importKey = vi.fn(subtle.importKey.bind(subtle));
    vi.stubGlobal('crypto', { subtle: { importKey, verify: subtle.verify.bind(subtle) } });
    setEd25519Backend('auto');
    const c = cases[2]!;
    for (let i = 0; i < 5; i++)
      expect(await ed25519VerifyAsync(c.publicKey, c.message, c.signature)).toBe(true);
    // one import for the self-test, one for the key (then served from the LRU)
    expect(importKey).toHaveBeenCalledTimes(2);
    expect(await ed25519Backend()).toBe('webcrypto');
  });
});
