/**
 * The edge over HTTP (JSON-RPC at POST /rpc, REST under /api/v1): each bad transaction gets its
 * own code and message and changes nothing; batches answer in order; the faucet pays and limits.
 */
import { exports } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { config, dev, hashHex, hex, tableOfAddr, Wallet, settle } from './helpers.ts';
import { txToJson } from '../../protocol/tx/txJson.ts';
import { signTx } from '../../protocol/tx/signTx.ts';
import { txHash } from '../../protocol/tx/txHash.ts';
import { UTOP_PER_TOP } from '../../protocol/amount.ts';
import { signerFromSecret } from '../../protocol/keys/signer.ts';
import { sha256 } from '../../protocol/hash.ts';
import { utf8 } from '../../protocol/bytes.ts';

interface RpcRes {
  id?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: { code: string; field?: string } };
}

async function rpc(body: unknown, raw?: string): Promise<{ status: number; json: RpcRes & RpcRes[] }> {
  const res = await exports.default.fetch('http://topnet/rpc', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
  return { status: res.status, json: res.status === 204 ? ({} as RpcRes & RpcRes[]) : await res.json() };
}

const call = (method: string, params: unknown[], id: unknown = 1) =>
  rpc({ jsonrpc: '2.0', id, method, params });

async function account(address: string) {
  return (await call('getAccount', [address])).json.result as {
    balance: string;
    nonce: string;
    pending: number;
  };
}

describe('edge: each bad transaction has its own error and changes nothing', () => {
  afterAll(() => settle());

  const sender = dev[2]!;
  const receiver = dev[3]!;

  it('rejects bad signature, replay, nonce gap and reuse, funds, expiry, chain id, malformed field, oversized body', async () => {
    const w = new Wallet(sender);

    const before = await account(sender.address);
    const good = w.sign({ receiver: receiver.address, amount: 1n });
    const ok = await call('sendTransaction', [txToJson(good)]);
    expect(ok.json.result).toEqual({ hash: hashHex(good), status: 'pending' });
    const now = Math.floor(Date.now() / 1000);

    const next = { ...good, nonce: 1n, prevHash: txHash(good) };
    const forged = { ...txToJson(signTx({ ...next, amount: 2n }, sender)), amount: '3' };
    const other = signerFromSecret('ed25519', sha256(utf8('edge-test-poor')));
    const poor = new Wallet(other).sign({ receiver: receiver.address, amount: 1n });
    const gap = signTx({ ...good, nonce: 5n, amount: 7n }, sender);
    const reuse = signTx({ ...good, amount: 9n }, sender);
    const rich = signTx({ ...next, amount: 10n ** 19n }, sender);
    const expired = signTx({ ...good, nonce: 1n, timestamp: now - 100, expiry: now - 10 }, sender);
    const wrongChain = signTx({ ...good, nonce: 1n, chainId: config.chainId + 1 }, sender);
    const cases: [unknown, string, number][] = [
      [forged, 'BAD_SIGNATURE', -32003],
      [txToJson(good), 'DUPLICATE_TX', -32003],
      [txToJson(gap), 'NONCE_GAP', -32003],
      [txToJson(reuse), 'NONCE_TOO_LOW', -32003],
      [txToJson(poor), 'INSUFFICIENT_FUNDS', -32003],
      [hex(rich), 'INSUFFICIENT_FUNDS', -32003],
      [txToJson(expired), 'EXPIRED', -32003],
      [txToJson(wrongChain), 'WRONG_CHAIN', -32003],
      [{ ...txToJson(good), amount: '-1' }, 'NEGATIVE', -32602],
      [{ ...txToJson(good), receiver: 'T80000zz' }, 'BAD_ADDRESS', -32602],
      ['0x01', 'TRUNCATED', -32602],
    ];
    const res = await rpc(
      cases.map(([tx], i) => ({ jsonrpc: '2.0', id: i, method: 'sendTransaction', params: [tx] })),
    );
    expect(res.json).toHaveLength(cases.length);
    res.json.forEach((r, i) => {
      expect(r.id).toBe(i);
      expect(r.error?.data?.code, `case ${i}`).toBe(cases[i]![1]);
      expect(r.error?.code, `case ${i}`).toBe(cases[i]![2]);
      expect(r.error?.message.length).toBeGreaterThan(5);
    });
    expect(res.json[8]!.error!.data!.field).toBe('amount');
    expect(res.json[9]!.error!.data!.field).toBe('receiver');

    const big = await rpc(
      null,
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'sendTransaction',
        params: ['0x' + '00'.repeat(3_000_000)],
      }),
    );
    expect(big.status).toBe(413);
    expect(big.json.error?.data?.code).toBe('OVERSIZED');
    const longTx = await call('sendTransaction', ['0x' + '00'.repeat(5000)]);
    expect(longTx.json.error?.data?.code).toBe('OVERSIZED');

    // Nothing changed but the one good transaction.
    const after = await account(sender.address);
    expect(after.pending + Number(after.nonce)).toBe(before.pending + Number(before.nonce) + 1);
    expect(BigInt(after.balance)).toBeLessThanOrEqual(BigInt(before.balance));
    expect(BigInt(after.balance)).toBeGreaterThanOrEqual(BigInt(before.balance) - 1n);
  });

  it('answers protocol errors of JSON-RPC itself', async () => {
    expect((await rpc(null, '{not json')).json.error?.code).toBe(-32700);
    expect((await call('noSuchMethod', [])).json.error?.code).toBe(-32601);
    expect((await rpc({ id: 1 })).json.error?.code).toBe(-32600);
    expect((await call('getAccount', ['nope'])).json.error?.data?.code).toBe('BAD_ADDRESS');
    expect((await call('getTransaction', ['0x' + '11'.repeat(32)])).json.error?.code).toBe(-32001);
    expect((await call('getChainId', [])).json.result).toBe(config.chainId);
  });

  it('REST mirrors the methods', async () => {
    const res = await exports.default.fetch(`http://topnet/api/v1/accounts/${dev[0]!.address}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { table: number }).table).toBe(tableOfAddr(dev[0]!.address));
    const bad = await exports.default.fetch('http://topnet/api/v1/accounts/T8zz');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_ADDRESS');
  });

  it('the faucet pays real transfers and limits per address', async () => {
    const fresh = signerFromSecret('ed25519', sha256(utf8('faucet-user'))).address;
    for (let i = 0; i < 5; i++) {
      const r = await call('requestFaucet', [fresh]);
      expect(r.json.result, JSON.stringify(r.json)).toMatchObject({
        status: 'pending',
        amount: (1000n * UTOP_PER_TOP).toString(),
      });
    }
    const limited = await call('requestFaucet', [fresh]);
    expect(limited.json.error?.data?.code).toBe('RATE_LIMITED');
    expect(limited.json.error?.code).toBe(-32005);
  });
});
