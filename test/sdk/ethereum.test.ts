/**
 * Ethereum tools, real and unmodified, against topnet's Ethereum JSON-RPC: viem and ethers send
 * legacy and EIP-1559 transfers between T8 accounts, wait for their receipts, and read balances,
 * nonces, transactions and blocks; the failures wallets know come back in geth's words, so each
 * library raises its own typed error (nonce too low, insufficient funds).
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  BaseError,
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  InsufficientFundsError as ViemInsufficientFunds,
  NonceTooLowError,
  parseEther,
  type Hex,
} from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { JsonRpcProvider, Wallet, parseEther as ethersParseEther, isError } from 'ethers';
import { TopnetClient } from '../../sdk/index.ts';
import { devKey, tableOf } from './accounts.ts';

const url = inject('url');
const rpcUrl = `${url}/rpc`;
const topnet = defineChain({
  id: 1023,
  name: 'topnet devnet',
  nativeCurrency: { name: 'TOP', symbol: 'TOP', decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});
const publicClient = createPublicClient({ chain: topnet, transport: http(), pollingInterval: 100 });
const sdk = new TopnetClient({ url });
afterAll(() => sdk.close());

async function rawRpc(method: string, params: unknown[]) {
  const r = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return (await r.json()) as {
    result?: unknown;
    error?: { code: number; message: string; data?: { code: string; field?: string } };
  };
}

describe('viem', () => {
  const account = privateKeyToAccount(devKey(5).secretKey as Hex);
  const wallet = createWalletClient({ account, chain: topnet, transport: http() });

  it('chain id, block number, blocks, fees', async () => {
    expect(await publicClient.getChainId()).toBe(1023);
    const n = await publicClient.getBlockNumber();
    const b = await publicClient.getBlock({ blockNumber: n });
    expect(b.number).toBe(n);
    expect(b.baseFeePerGas).toBe(0n);
    expect((await publicClient.getBlock()).number).toBeGreaterThanOrEqual(n);
    expect(await publicClient.getGasPrice()).toBe(0n);
    expect(await publicClient.estimateGas({ account, to: account.address, value: 1n * 10n ** 12n })).toBe(
      21000n,
    );
  });

  it('EIP-1559 and legacy transfers to other T8 accounts: receipts, transactions, balances, nonces', async () => {
    const to = privateKeyToAccount(generatePrivateKey()).address;
    const nonce0 = await publicClient.getTransactionCount({ address: account.address });
    const h1 = await wallet.sendTransaction({ to, value: parseEther('1.25') });
    const r1 = await publicClient.waitForTransactionReceipt({ hash: h1, pollingInterval: 100 });
    expect([r1.status, r1.from, r1.to, r1.type]).toEqual([
      'success',
      account.address.toLowerCase(),
      to.toLowerCase(),
      'eip1559',
    ]);
    // viem reuses a block number for its polling interval (cacheTime); a transfer final within
    // that time is in a newer slot than the cached number, so ask for the current one.
    expect(r1.blockNumber).toBeLessThanOrEqual(await publicClient.getBlockNumber({ cacheTime: 0 }));
    const t1 = await publicClient.getTransaction({ hash: h1 });
    expect([t1.blockNumber, t1.value, t1.nonce]).toEqual([r1.blockNumber, parseEther('1.25'), nonce0]);
    expect((await publicClient.getBlock({ blockNumber: r1.blockNumber })).hash).toBe(r1.blockHash);

    const h2 = await wallet.sendTransaction({ to, value: parseEther('0.75'), type: 'legacy' });
    const r2 = await publicClient.waitForTransactionReceipt({ hash: h2, pollingInterval: 100 });
    expect([r2.status, r2.type]).toEqual(['success', 'legacy']);
    expect(await publicClient.getBalance({ address: to })).toBe(parseEther('2'));
    expect(await publicClient.getTransactionCount({ address: account.address })).toBe(nonce0 + 2);
    // The same transfer, seen natively: an ethTransfer under the Ethereum hash.
    const v = await sdk.getTransaction(h2);
    expect([v.status, v.tx.type, v.tx.amount]).toEqual(['final', 'ethTransfer', '750000']);
  });

  it('a reused nonce is NonceTooLowError, an empty account InsufficientFundsError', async () => {
    const e1 = await wallet
      .sendTransaction({ to: privateKeyToAccount(generatePrivateKey()).address, value: 10n ** 12n, nonce: 0 })
      .catch((e) => e);
    expect(e1).toBeInstanceOf(BaseError);
    expect((e1 as BaseError).walk((x) => x instanceof NonceTooLowError)).toBeInstanceOf(NonceTooLowError);

    const poor = privateKeyToAccount(generatePrivateKey());
    const poorWallet = createWalletClient({ account: poor, chain: topnet, transport: http() });
    const raw = await poorWallet.signTransaction({
      to: account.address,
      value: parseEther('1'),
      gas: 21000n,
      nonce: 0,
      maxFeePerGas: 0n,
      maxPriorityFeePerGas: 0n,
    });
    const e2 = await poorWallet
      .sendTransaction({
        to: account.address,
        value: parseEther('1'),
        gas: 21000n,
        nonce: 0,
        maxFeePerGas: 0n,
        maxPriorityFeePerGas: 0n,
      })
      .catch((e) => e);
    expect((e2 as BaseError).walk((x) => x instanceof ViemInsufficientFunds)).toBeInstanceOf(
      ViemInsufficientFunds,
    );
    const direct = await rawRpc('eth_sendRawTransaction', [raw]);
    expect(direct.error!.code).toBe(-32003);
    expect(direct.error!.message).toMatch(/^insufficient funds for gas \* price \+ value/);
    expect(direct.error!.data).toMatchObject({ code: 'INSUFFICIENT_FUNDS', field: 'amount' });
  });

  it('what topnet cannot do is refused with the field at fault', async () => {
    const sign = (tx: object) =>
      account.signTransaction({
        chainId: 1023,
        to: account.address,
        gas: 21000n,
        nonce: 999,
        maxFeePerGas: 0n,
        maxPriorityFeePerGas: 0n,
        value: 10n ** 12n,
        ...tx,
      } as never);
    const data = await rawRpc('eth_sendRawTransaction', [
      await sign({ to: privateKeyToAccount(generatePrivateKey()).address, data: '0x1234', gas: 50000n }),
    ]);
    expect([data.error!.code, data.error!.data!.field]).toEqual([-32003, 'data']);
    const dust = await rawRpc('eth_sendRawTransaction', [
      await sign({ to: privateKeyToAccount(generatePrivateKey()).address, value: 5n }),
    ]);
    expect([dust.error!.code, dust.error!.data!.code]).toEqual([-32000, 'BAD_AMOUNT']);
    const chain = await rawRpc('eth_sendRawTransaction', [
      await sign({ chainId: 1, to: privateKeyToAccount(generatePrivateKey()).address }),
    ]);
    expect(chain.error!.message).toMatch(/^invalid chain id for signer/);
    const junk = await rawRpc('eth_sendRawTransaction', ['0x02c0']);
    expect(junk.error!.code).toBe(-32000);
    expect(
      await publicClient
        .getTransactionReceipt({ hash: ('0x' + '12'.repeat(32)) as Hex })
        .catch((e) => e.name),
    ).toBe('TransactionReceiptNotFoundError');
  });
});

describe('ethers', () => {
  // ethers reuses an identical request's answer for 250 ms (cacheTimeout); a topnet transfer can be
  // final sooner than that, so a cached 'pending' nonce would be stale: turn the cache off.
  const provider = new JsonRpcProvider(
    rpcUrl,
    { chainId: 1023, name: 'topnet' },
    { staticNetwork: true, pollingInterval: 100, cacheTimeout: -1 },
  );
  afterAll(() => provider.destroy());
  const wallet = new Wallet(devKey(6).secretKey, provider);

  it('sends transfers, waits for receipts, reads balances and nonces', async () => {
    expect((await provider.getNetwork()).chainId).toBe(1023n);
    const to = Wallet.createRandom().address;
    const nonce = await provider.getTransactionCount(wallet.address);
    const tx = await wallet.sendTransaction({ to, value: ethersParseEther('3') });
    const r = await tx.wait();
    expect([r!.status, r!.from, r!.to]).toEqual([1, wallet.address, to]);
    const legacy = await wallet.sendTransaction({ to, value: ethersParseEther('0.5'), type: 0 });
    expect((await legacy.wait())!.status).toBe(1);
    expect(await provider.getBalance(to)).toBe(ethersParseEther('3.5'));
    expect(await provider.getTransactionCount(wallet.address)).toBe(nonce + 2);
    expect((await provider.getTransaction(tx.hash))!.blockNumber).toBe(r!.blockNumber);
    expect(await provider.getBlockNumber()).toBeGreaterThanOrEqual(r!.blockNumber);
  });

  it('an account in another table (cross-table phases behind one receipt)', async () => {
    const from = devKey(7);
    let other = Wallet.createRandom();
    while (tableOf('T80000' + other.address.slice(2).toLowerCase()) === tableOf(from.address))
      other = Wallet.createRandom();
    const w = new Wallet(from.secretKey, provider);
    const r = await (await w.sendTransaction({ to: other.address, value: ethersParseEther('1') })).wait();
    expect(r!.status).toBe(1);
    const v = await sdk.getTransaction(r!.hash);
    expect([v.send?.table, v.recv?.table]).toEqual([
      tableOf(from.address),
      tableOf('T80000' + other.address.slice(2).toLowerCase()),
    ]);
    expect(await provider.getBalance(other.address)).toBe(ethersParseEther('1'));
  });

  it('insufficient funds and a spent nonce as ethers error codes', async () => {
    const poor = Wallet.createRandom().connect(provider);
    const e1 = await poor
      .sendTransaction({ to: wallet.address, value: 10n ** 12n, gasLimit: 21000n, nonce: 0, gasPrice: 0n })
      .catch((e) => e);
    expect(isError(e1, 'INSUFFICIENT_FUNDS')).toBe(true);
    const e2 = await wallet
      .sendTransaction({ to: poor.address, value: 10n ** 12n, nonce: 0 })
      .catch((e) => e);
    expect(isError(e2, 'NONCE_EXPIRED')).toBe(true);
  });
});
