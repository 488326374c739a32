/**
 * ethTransfer inside workerd: Ethereum-signed transfers through eth_sendRawTransaction (batched with
 * the table's other submissions), same-table and cross-table, final with their receipts; the
 * account's nonce shared with native transactions, which link to an ethTransfer's keccak hash; a
 * wrapper naming another sender refused at the edge; and the table's log, replayed, rebuilding the
 * same read models.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  dev,
  rpcBatch,
  rpcCall,
  settle,
  signEthTransfer,
  tableOfAddr,
  tableStub,
  waitFor,
  Wallet,
} from './helpers.ts';
import { secp256k1Backend } from '../../protocol/keys/secp256k1Recover.ts';
import { fromHex } from '../../protocol/bytes.ts';
import { formatAddress } from '../../protocol/keys/address.ts';
import { txToJson } from '../../protocol/tx/txJson.ts';
import type { Signer } from '../../protocol/keys/signer.ts';

const signEth = (signer: Signer, to: string, amount: bigint, nonce: bigint) =>
  signEthTransfer(signer.secretKey, to, amount, nonce);

/** A T8 address in the wanted table (or outside it). */
function t8In(table: number, not: boolean, seed: number): string {
  for (let i = seed; ; i++) {
    const a = formatAddress('secp256k1', fromHex(i.toString(16).padStart(40, '0'), 'body', 20));
    if ((tableOfAddr(a) === table) !== not) return a;
  }
}

describe('ethTransfer through the edge and the tables', () => {
  afterAll(() => settle());
  const sender = dev[6]!;
  const table = tableOfAddr(sender.address);
  const cross = t8In(table, true, 1);
  const local = t8In(table, false, 1000);

  it('admits, finalizes, shares the nonce with native transactions and replays from the log', async () => {
    const a = signEth(sender, cross, 5n, 0n);
    const b = signEth(sender, local, 7n, 1n);
    const res = await rpcBatch([
      ['eth_sendRawTransaction', [a.raw]],
      ['eth_sendRawTransaction', [b.raw]],
      ['eth_sendRawTransaction', [b.raw]],
    ]);
    expect(res.map((r) => r.result ?? r.error!.message)).toEqual([a.hash, b.hash, 'already known']);
    expect(res[2]!.error!.code).toBe(-32003);
    // The senders were recovered by libsecp256k1 (wasm), which the Worker entry installs: this file
    // does not import it.
    expect(secp256k1Backend()).toBe('wasm');

    // The next native transaction continues the same nonce and links to the ethTransfer's hash.
    const w = new Wallet(sender);
    w.nonce = 2n;
    w.prevHash = fromHex(b.hash, 'prevHash', 32);
    const native = w.sign({ receiver: local, amount: 1n });
    const n = await rpcCall('sendTransaction', [txToJson(native)]);
    expect((n.result as { status: string }).status).toBe('pending');

    for (const h of [a.hash, b.hash]) {
      const r = await waitFor(
        async () => (await rpcCall('eth_getTransactionReceipt', [h])).result as { status: string } | null,
        30_000,
        'receipt',
      );
      expect(r.status).toBe('0x1');
      const v = (await rpcCall('getTransaction', [h])).result as { status: string; tx: { type: string } };
      expect([v.status, v.tx.type]).toEqual(['final', 'ethTransfer']);
    }
    await waitFor(
      async () => ((await rpcCall('getAccount', [local])).result as { balance: string }).balance === '8',
      30_000,
      'local balance',
    );
    expect(((await rpcCall('getAccount', [cross])).result as { balance: string }).balance).toBe('5');
    const nonce = (await rpcCall('eth_getTransactionCount', ['0x' + sender.address.slice(6), 'latest']))
      .result;
    expect(nonce).toBe('0x3');

    await settle();
    const stub = tableStub(table);
    expect((await stub.rebuildReadModels()).equal).toBe(true);
    expect((await stub.verifyLog()).ok).toBe(true);
  }, 60_000);

  it('a wrapper naming a sender that did not sign is refused at the edge', async () => {
    const { raw } = signEth(sender, cross, 1n, 10n);
    const r = await rpcCall('sendTransaction', [
      {
        type: 'ethTransfer',
        sender: dev[7]!.address,
        timestamp: Math.floor(Date.now() / 1000),
        expiry: Math.floor(Date.now() / 1000) + 60,
        eth: raw,
      },
    ]);
    expect([r.error!.code, r.error!.data!.code, r.error!.data!.field]).toEqual([
      -32003,
      'BAD_SIGNATURE',
      'signature',
    ]);
  });
});
