/**
 * Hosted validators: on topnet the network runs every elected node's replica inside the committee
 * object, so it must hold the node's keys. They are derived from the network seed and the node's
 * account address, and a registration is electable only when it declares exactly these public
 * keys: the registrant proves it owns the account (its transaction signature), the network proves
 * the keys (anyone can re-derive the public ones from the public seed on a testnet).
 */
import { fromHex } from '../bytes.ts';
import { deriveSecret } from '../keys/derive.ts';
import { ed25519PublicKey } from '../keys/ed25519.ts';
import { vrfPublicKey } from '../vrf/index.ts';

export interface HostedKeys {
  consensusSecret: Uint8Array;
  consensusKey: Uint8Array;
  vrfSecret: Uint8Array;
  vrfKey: Uint8Array;
}

const cache = new Map<string, HostedKeys>();

/** The consensus (ed25519) and VRF (RFC 9381) keys of node `address` on the network of `seedHex`. */
export function hostedKeys(seedHex: string, address: string): HostedKeys {
  const k = `${seedHex}/${address}`;
  let keys = cache.get(k);
  if (!keys) {
    const seed = fromHex(seedHex, 'seed');
    const consensusSecret = deriveSecret(seed, `node/${address}/consensus`);
    const vrfSecret = deriveSecret(seed, `node/${address}/vrf`);
    keys = {
      consensusSecret,
      consensusKey: ed25519PublicKey(consensusSecret),
      vrfSecret,
      vrfKey: vrfPublicKey(vrfSecret),
    };
    if (cache.size > 4096) cache.clear();
    cache.set(k, keys);
  }
  return keys;
}
