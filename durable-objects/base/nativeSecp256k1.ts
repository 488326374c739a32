/**
 * secp256k1 public-key recovery through libsecp256k1 compiled to WebAssembly (the binary that
 * tiny-secp256k1 ships), injected into protocol/keys: ~300 µs against noble's ~500 µs per
 * recovery in workerd, and one recovery per Ethereum or T8 transaction at the edge is the Ethereum
 * path's limit (workerd's BoringSSL has no secp256k1). Imported for its effect by the Worker entry and the
 * object base. protocol/keys checks the signature's canonical form before calling in, and refuses
 * this backend unless it passes a self-test, so answers match noble's on every input.
 */
// workerd cannot compile WebAssembly from bytes at run time, so the binary is imported as a module
// (a WebAssembly.Module in workerd). The package's `exports` map only exposes its JS entry, so the
// file is imported by its path on disk rather than as 'tiny-secp256k1/lib/…': a plain file path
// that all three builds resolve without configuration of their own — wrangler (its default rule
// bundles *.wasm as CompiledWasm), @cloudflare/vitest-plugin (the same default) and
// scripts/network.mjs (esbuild's copy loader, then a CompiledWasm module for Miniflare). The binary
// stays in node_modules (pinned in package.json) instead of being committed. A different layout of
// node_modules (a hoisting workspace) would need this path changed.
import secp256k1Wasm from '../../node_modules/tiny-secp256k1/lib/secp256k1.wasm';
import { useNativeSecp256k1Recover } from '../../protocol/keys/secp256k1Recover.ts';

interface Secp256k1Exports {
  memory: WebAssembly.Memory;
  initializeContext(): void;
  /** Reads HASH_INPUT and SIGNATURE_INPUT, writes PUBLIC_KEY_INPUT; 1 when a key recovers. */
  recover(outputLength: number, recoveryId: number): number;
  HASH_INPUT: WebAssembly.Global;
  SIGNATURE_INPUT: WebAssembly.Global;
  PUBLIC_KEY_INPUT: WebAssembly.Global;
}

interface Instance {
  exports: Secp256k1Exports;
  buffer: ArrayBuffer;
  hash: Uint8Array;
  signature: Uint8Array;
  publicKey: Uint8Array;
}

// initializeContext asks for 32 bytes of randomness (8 generateInt32 calls) to blind libsecp256k1's
// signing and key-generation arithmetic against side channels. This instance only ever recovers
// public keys from public data, which never uses that blinding, so a fixed seed is given and any
// later request for randomness — a secret-key operation, which nothing here makes — throws. (A
// random seed could not be drawn anyway: this runs at start-up, where workerd refuses
// crypto.getRandomValues.)
let seeding = false;

const imports = {
  './rand.js': {
    generateInt32(): number {
      if (seeding) return 0x746f706e; // 'topn'
      throw new Error('secp256k1 wasm: no randomness here (only public-key recovery is used)');
    },
  },
  './validate_error.js': {
    // In `recover`, only for r or s >= n, which protocol/keys rules out before calling in. It must
    // stay unreachable: a throw through the wasm frames skips restoring their stack pointer.
    // (protocol/keys would map it to BAD_SIGNATURE all the same.)
    throwError(code: number): never {
      throw new Error(`secp256k1 wasm: input refused (error ${code})`);
    },
  },
};

function views(exports: Secp256k1Exports): Instance {
  const buffer = exports.memory.buffer;
  const at = (g: WebAssembly.Global, length: number) => new Uint8Array(buffer, g.value as number, length);
  return {
    exports,
    buffer,
    hash: at(exports.HASH_INPUT, 32),
    signature: at(exports.SIGNATURE_INPUT, 64),
    publicKey: at(exports.PUBLIC_KEY_INPUT, 65),
  };
}

// Instantiated once per isolate at import (~1 ms: the context's tables are precomputed in the
// binary), so the self-test below can run before any request.
function open(): Instance {
  const exports = new WebAssembly.Instance(secp256k1Wasm, imports).exports as unknown as Secp256k1Exports;
  seeding = true;
  try {
    exports.initializeContext();
  } finally {
    seeding = false;
  }
  return views(exports);
}

let instance = open();

/** libsecp256k1's recovery: the 65-byte uncompressed key, or null when none recovers. */
export function wasmSecp256k1Recover(digest32: Uint8Array, sig64: Uint8Array, v: number): Uint8Array | null {
  let w = instance;
  // Views over wasm memory go stale if it ever grows; recovery does not allocate, but be sure.
  if (w.exports.memory.buffer !== w.buffer) w = instance = views(w.exports);
  w.hash.set(digest32);
  w.signature.set(sig64);
  return w.exports.recover(65, v) === 1 ? w.publicKey.slice() : null;
}

useNativeSecp256k1Recover(wasmSecp256k1Recover, 'wasm');
