// The benches' topnet accounts and transaction signing. Sender keys derive from a fixed bench seed
// (deriveSecret(sha256("topnet bench"), "bench/<kind>/<i>")), so every run loads the same accounts.
// Transactions are signed exactly as protocol/tx/signTx.ts signs them; for ed25519 the signature is
// made by node:crypto (RFC 8032 signing is deterministic, so the bytes are the same as protocol/'s
// — checked on the first transaction of every run), because pure-JS signing would take longer than
// the load it prepares.
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { signerFromSecret } from '../../protocol/keys/signer.ts';
import { deriveSecret } from '../../protocol/keys/derive.ts';
import { signTx } from '../../protocol/tx/signTx.ts';
import { encodeTx } from '../../protocol/tx/encodeTx.ts';
import { txHash } from '../../protocol/tx/txHash.ts';
import { bytesEqual, fromHex, toHex, utf8, ZERO32 } from '../../protocol/bytes.ts';
import { sha256 } from '../../protocol/hash.ts';

export const BENCH_SEED = sha256(utf8('topnet bench'));
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

export function benchSigner(kind, i, label = 'bench') {
  return signerFromSecret(kind, deriveSecret(BENCH_SEED, `${label}/${kind}/${i}`));
}

/** A signer whose ed25519 signatures come from node:crypto (same bytes, much faster). */
export function fastSigner(signer) {
  if (signer.kind !== 'ed25519') return signer;
  const key = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519, Buffer.from(signer.secretKey)]),
    format: 'der',
    type: 'pkcs8',
  });
  return { ...signer, sign: (msg) => new Uint8Array(nodeSign(null, msg, key)) };
}

/** Tracks one sender's next nonce and previous transaction hash, as a wallet does. */
export class Wallet {
  constructor(signer, { nonce = 0n, prevHash = ZERO32 } = {}) {
    this.signer = signer;
    this.fast = fastSigner(signer);
    this.nonce = BigInt(nonce);
    this.prevHash = typeof prevHash === 'string' ? fromHex(prevHash, 'prevHash', 32) : prevHash;
    this.checked = signer.kind !== 'ed25519';
  }

  get address() {
    return this.signer.address;
  }

  /** Signs a transfer; returns { raw: 0x-hex signed encoding, hash: 0x-hex, sender, receiver, nonce }. */
  transfer({ chainId, receiver, amount, now, ttl = 600, memo = '' }) {
    const unsigned = {
      chainId,
      type: 0,
      sender: this.signer.address,
      receiver,
      nonce: this.nonce,
      prevHash: this.prevHash,
      amount: BigInt(amount),
      timestamp: now,
      expiry: now + ttl,
      memo,
    };
    const tx = signTx(unsigned, this.fast);
    if (!this.checked) {
      // node:crypto and protocol/ must agree byte for byte, or the bench would measure rejections.
      if (!bytesEqual(tx.signature, signTx(unsigned, this.signer).signature))
        throw new Error('node:crypto ed25519 signature differs from protocol/');
      this.checked = true;
    }
    const hash = txHash(tx);
    const out = {
      raw: '0x' + toHex(encodeTx(tx)),
      hash: '0x' + toHex(hash),
      sender: this.signer.address,
      receiver,
      nonce: this.nonce,
    };
    this.nonce += 1n;
    this.prevHash = hash;
    return out;
  }
}
