/** The explorer tests' client side: JSON-RPC over fetch, a wallet that signs transactions with protocol/, receivers by table. */
import { devnetConfig, accountTable, type NetworkConfig } from '../../protocol/network/config.ts';
import { signerFromSecret, type Signer } from '../../protocol/keys/signer.ts';
import { signTx } from '../../protocol/tx/signTx.ts';
import { txHash } from '../../protocol/tx/txHash.ts';
import { txToJson } from '../../protocol/tx/txJson.ts';
import { toHex, utf8, ZERO32 } from '../../protocol/bytes.ts';
import { sha256 } from '../../protocol/hash.ts';
import { TxType, type UnsignedTx } from '../../protocol/tx/types.ts';

export const NETWORK = { tablesPerZone: 4, committeesPerZone: 2, blockIntervalMs: 1500 };
export const config: NetworkConfig = devnetConfig(NETWORK);

export async function rpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const r = await fetch(`${url}/rpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const j = (await r.json()) as { result?: T; error?: { message: string; data?: unknown } };
  if (j.error) throw new Error(`${method}: ${j.error.message} ${JSON.stringify(j.error.data ?? '')}`);
  return j.result as T;
}

/** Tracks a sender's next nonce and previous hash, as a wallet does. */
export class Wallet {
  nonce = 0n;
  prevHash: Uint8Array = ZERO32;
  constructor(readonly signer: Signer) {}

  /**
   * Signs and submits a transaction (a transfer unless `fields.type` says otherwise); resolves with
   * its 0x hash once the edge answered `pending`.
   */
  async submit(
    url: string,
    fields: Partial<UnsignedTx> & { receiver: string; amount: bigint },
  ): Promise<string> {
    return (await this.submitBatch(url, [fields]))[0]!;
  }

  /**
   * Signs transactions in nonce order and submits them in one JSON-RPC batch (so the sender's table
   * admits them together); resolves with their 0x hashes once the edge answered `pending` to each.
   */
  async submitBatch(
    url: string,
    list: (Partial<UnsignedTx> & { receiver: string; amount: bigint })[],
  ): Promise<string[]> {
    const now = Math.floor(Date.now() / 1000);
    let [nonce, prevHash] = [this.nonce, this.prevHash];
    const hashes: string[] = [];
    const txs = list.map((fields) => {
      const tx = signTx(
        {
          chainId: config.chainId,
          type: TxType.transfer,
          sender: this.signer.address,
          nonce,
          prevHash,
          timestamp: now,
          expiry: now + 600,
          memo: '',
          ...fields,
        },
        this.signer,
      );
      nonce += 1n;
      prevHash = txHash(tx);
      hashes.push('0x' + toHex(prevHash));
      return tx;
    });
    const r = await fetch(`${url}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        txs.map((tx, id) => ({ jsonrpc: '2.0', id, method: 'sendTransaction', params: [txToJson(tx)] })),
      ),
    });
    const answers = (await r.json()) as { id: number; result?: { status: string } }[];
    for (const a of answers)
      if (a.result?.status !== 'pending') throw new Error(`not admitted: ${JSON.stringify(a)}`);
    [this.nonce, this.prevHash] = [nonce, prevHash];
    return hashes;
  }

  /** A transfer, memo `explorer test`. */
  send(url: string, receiver: string, amount: bigint): Promise<string> {
    return this.submit(url, { receiver, amount, memo: 'explorer test' });
  }

  /** Transfers in one request, memo `explorer test`. */
  sendMany(url: string, transfers: [receiver: string, amount: bigint][]): Promise<string[]> {
    return this.submitBatch(
      url,
      transfers.map(([receiver, amount]) => ({ receiver, amount, memo: 'explorer test' })),
    );
  }
}

/** A fresh ed25519 account that lives in `table` (searched deterministically). */
export function accountIn(table: number, label: string): Signer {
  for (let i = 0; ; i++) {
    const s = signerFromSecret('ed25519', sha256(utf8(`explorer-test/${label}/${i}`)));
    if (accountTable(config, s.address) === table) return s;
  }
}

export async function waitFor<T>(
  f: () => Promise<T | null | undefined | false>,
  ms: number,
  what: string,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
