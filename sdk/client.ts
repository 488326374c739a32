/**
 * TopnetClient: one object for everything a builder does against a topnet network — read chain,
 * tables, blocks, committees and accounts; ask the faucet; build, sign and submit transactions
 * (single or batched), tracking each sender's nonce and previous hash; wait for finality phase by
 * phase (send → recv → confirm); and subscribe to live events over WebSocket.
 *
 * @example
 * const client = new TopnetClient({ url: 'http://127.0.0.1:8787' });
 * const { hash } = await client.transfer({ from: key, to: 'T80000…', amount: parseTop('1.5') });
 * const final = await client.waitForFinal(hash, { onPhase: (p) => console.log(p.phase, p.height) });
 */
import type {
  AccountView,
  BlockView,
  FaucetResult,
  GeneralInfos,
  HubEvent,
  PhaseView,
  SubmitResult,
  TableHead,
  Topic,
  TxView,
} from '../schema/rpc.ts';
import {
  buildTx,
  signEthTransfer,
  signTransaction,
  toTopnetAddress,
  transactionHash,
  transactionJson,
  type EthTransferParams,
  type Tx,
  type TxIntent,
} from './build.ts';
import { errorFromRejection, InvalidInputError, NonceError, TimeoutError, TopnetError } from './errors.ts';
import type { Key } from './keys.ts';
import {
  LiveConnection,
  type ConnectionState,
  type Subscription,
  type WebSocketCtor,
} from './subscriptions.ts';
import { HttpTransport, type BatchItem, type Fetch } from './transport.ts';

export interface ClientOptions {
  /** The network's base URL, e.g. http://127.0.0.1:8787 (JSON-RPC at /rpc, WebSocket at /ws). */
  url: string;
  fetch?: Fetch;
  /** For runtimes without globalThis.WebSocket (Node 20). */
  WebSocket?: WebSocketCtor;
  /** Per HTTP request, ms. */
  timeoutMs?: number;
  onConnectionState?: (s: ConnectionState) => void;
}

export type Phase = 'send' | 'recv' | 'confirm';
export interface PhaseEvent extends PhaseView {
  phase: Phase;
  hash: string;
}

export interface WaitOptions {
  /** Default 60 s. */
  timeoutMs?: number;
  /** Poll interval, default 250 ms. */
  pollMs?: number;
  /** Called once per phase, in order send → recv → confirm, as each is known. */
  onPhase?: (p: PhaseEvent) => void;
}

/** A committee as getConsensus answers (members, view, what it certifies). */
export type CommitteeView = Record<string, unknown> & { name: string };

const PHASES: Phase[] = ['send', 'recv', 'confirm'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TopnetClient {
  readonly transport: HttpTransport;
  private chainIdCache: number | null = null;
  /** Next nonce and previous hash per sender, after this client's own submissions. */
  private readonly next = new Map<string, { nonce: bigint; prevHash: string }>();
  private live: LiveConnection | null = null;

  constructor(readonly options: ClientOptions) {
    if (typeof options?.url !== 'string' || !/^https?:\/\//.test(options.url))
      throw new InvalidInputError('url must start with http:// or https://', 'BAD_URL', 'url');
    this.transport = new HttpTransport(options.url.replace(/\/+$/, ''), {
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
  }

  get url(): string {
    return this.transport.url;
  }

  /** Any JSON-RPC method by name. */
  rpc<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    return this.transport.call<T>(method, params);
  }

  // ---- reads ----

  async chainId(): Promise<number> {
    this.chainIdCache ??= await this.rpc<number>('getChainId');
    return this.chainIdCache;
  }
  getChainInfo(): Promise<GeneralInfos> {
    return this.rpc('getGeneralInfos');
  }
  async getAccount(address: string): Promise<AccountView> {
    return this.rpc('getAccount', [toTopnetAddress(address)]);
  }
  /** Free balance in uTOP. */
  async getBalance(address: string): Promise<bigint> {
    return BigInt((await this.getAccount(address)).balance);
  }
  getTransaction(hash: string): Promise<TxView> {
    return this.rpc('getTransaction', [hash]);
  }
  /** A table block by height or hash. */
  getBlock(table: number, heightOrHash: number | string): Promise<BlockView> {
    return this.rpc('getBlock', [table, heightOrHash]);
  }
  getLatestBlock(table: number): Promise<BlockView> {
    return this.rpc('getLatestBlock', [table]);
  }
  /** Every table's head. */
  getTables(): Promise<TableHead[]> {
    return this.rpc('getLatestTables');
  }
  getTableStats(): Promise<unknown[]> {
    return this.rpc('getTableStats');
  }
  /** The committees (all, or the one certifying `table`). */
  getCommittees(table?: number): Promise<CommitteeView[]> {
    return this.rpc('getConsensus', table === undefined ? [] : [table]);
  }

  /** Test TOP from the faucet (rate-limited per address and IP: RateLimitedError). */
  async requestFaucet(address: string): Promise<{ hash: string; amount: bigint }> {
    const r = await this.rpc<Exclude<FaucetResult, { error: unknown }>>('requestFaucet', [
      toTopnetAddress(address),
    ]);
    return { hash: r.hash, amount: BigInt(r.amount) };
  }

  // ---- transactions ----

  /** The sender's next nonce and previous hash: this client's own record, or the ledger once idle. */
  private async nextFor(address: string, timeoutMs = 30_000): Promise<{ nonce: bigint; prevHash: string }> {
    const mine = this.next.get(address);
    if (mine) return mine;
    const end = Date.now() + timeoutMs;
    for (;;) {
      const a = await this.getAccount(address);
      // The previous hash of a transaction still pending is not in the account view: wait it out.
      if (a.pending === 0) return { nonce: BigInt(a.nonce), prevHash: a.lastTxHash };
      if (Date.now() > end)
        throw new TimeoutError(`${address} still has ${a.pending} pending transactions`, 'TIMEOUT');
      await sleep(200);
    }
  }

  /** Builds and signs a transaction of any type from `key`, with the right nonce and prevHash. */
  async prepare(key: Key, intent: TxIntent, extra: { memo?: string; expiry?: number } = {}): Promise<Tx> {
    const { nonce, prevHash } = await this.nextFor(key.address);
    const tx = buildTx(key.address, intent, { chainId: await this.chainId(), nonce, prevHash, ...extra });
    return signTransaction(tx, key);
  }

  /** Several transactions from one key, chained (nonce, prevHash) for one sendTransactions batch. */
  async prepareBatch(key: Key, intents: TxIntent[]): Promise<Tx[]> {
    let { nonce, prevHash } = await this.nextFor(key.address);
    const chainId = await this.chainId();
    return intents.map((intent) => {
      const tx = signTransaction(buildTx(key.address, intent, { chainId, nonce, prevHash }), key);
      nonce += 1n;
      prevHash = transactionHash(tx);
      return tx;
    });
  }

  private remember(tx: Tx, hash: string): void {
    this.next.set(tx.sender, { nonce: tx.nonce + 1n, prevHash: hash });
  }

  /** Submits one signed transaction; TransactionRejectedError (or a subclass) if the table refuses it. */
  async sendTransaction(tx: Tx): Promise<{ hash: string }> {
    try {
      const r = await this.rpc<SubmitResult>('sendTransaction', [transactionJson(tx)]);
      if (r.status === 'rejected') throw errorFromRejection(r.error);
      this.remember(tx, r.hash);
      return { hash: r.hash };
    } catch (e) {
      if (e instanceof NonceError) this.next.delete(tx.sender);
      throw e;
    }
  }

  /** Submits many signed transactions in one JSON-RPC batch; each item succeeds or fails alone. */
  async sendTransactions(txs: Tx[]): Promise<BatchItem<{ hash: string }>[]> {
    const res = await this.transport.batch<SubmitResult>(
      txs.map((tx) => ['sendTransaction', [transactionJson(tx)]]),
    );
    return res.map((r, i) => {
      if (!r.ok) {
        if (r.error instanceof NonceError) this.next.delete(txs[i]!.sender);
        return r;
      }
      this.remember(txs[i]!, r.result.hash);
      return { ok: true, result: { hash: r.result.hash } };
    });
  }

  /** Builds, signs and submits in one step. */
  async submit(key: Key, intent: TxIntent, extra: { memo?: string } = {}): Promise<{ hash: string; tx: Tx }> {
    const tx = await this.prepare(key, intent, extra);
    return { ...(await this.sendTransaction(tx)), tx };
  }

  /** A transfer of `amount` uTOP from `from` to a T-address (or 0x address: its T8 account). */
  transfer(p: { from: Key; to: string; amount: bigint; memo?: string }): Promise<{ hash: string; tx: Tx }> {
    return this.submit(
      p.from,
      { type: 'transfer', to: p.to, amount: p.amount },
      p.memo ? { memo: p.memo } : {},
    );
  }

  /** A transfer signed as an Ethereum wallet signs it, sent through eth_sendRawTransaction. */
  async sendEthTransfer(key: Key, p: Omit<EthTransferParams, 'nonce' | 'chainId'> & { nonce?: bigint }) {
    if (key.kind !== 'secp256k1')
      throw new InvalidInputError(
        'only T8 (secp256k1) keys sign Ethereum transactions',
        'BAD_ADDRESS_TYPE',
        'key',
      );
    const nonce =
      p.nonce ?? BigInt(await this.rpc<string>('eth_getTransactionCount', [key.ethAddress, 'pending']));
    const signed = signEthTransfer({ ...p, nonce, chainId: await this.chainId() }, key);
    const hash = await this.rpc<string>('eth_sendRawTransaction', [signed.raw]);
    return { hash, raw: signed.raw };
  }

  /**
   * Waits until a transaction is final (all three phases; one block for a same-table transfer),
   * reporting each phase as it appears. Rejects with the typed rejection, or TimeoutError.
   */
  async waitForFinal(hash: string, opts: WaitOptions = {}): Promise<TxView> {
    const end = Date.now() + (opts.timeoutMs ?? 60_000);
    const seen = new Set<Phase>();
    for (;;) {
      let v: TxView | null = null;
      try {
        v = await this.getTransaction(hash);
      } catch (e) {
        if (!(e instanceof TopnetError) || e.code !== 'NOT_FOUND') throw e;
      }
      if (v) {
        if (v.status === 'rejected')
          throw errorFromRejection(v.error ?? { code: 'REJECTED', message: 'rejected in its block' });
        for (const p of PHASES) {
          const at = v[p];
          if (at && !seen.has(p)) {
            seen.add(p);
            opts.onPhase?.({ ...at, phase: p, hash });
          }
        }
        if (v.status === 'final') return v;
      }
      if (Date.now() > end)
        throw new TimeoutError(
          `${hash} not final after ${opts.timeoutMs ?? 60_000} ms (status ${v?.status ?? 'unknown'})`,
          'TIMEOUT',
        );
      await sleep(opts.pollMs ?? 250);
    }
  }

  // ---- live events ----

  private liveConnection(): LiveConnection {
    if (!this.live) {
      const ws = this.url.replace(/^http/, 'ws') + '/ws';
      this.live = new LiveConnection(ws, {
        ...(this.options.WebSocket ? { WebSocket: this.options.WebSocket } : {}),
        ...(this.options.onConnectionState ? { onState: this.options.onConnectionState } : {}),
      });
    }
    return this.live;
  }

  /** Live events of a topic; the subscription survives reconnects. */
  subscribe(topic: Topic, onEvent: (e: HubEvent) => void, onError?: (e: TopnetError) => void): Subscription {
    const t =
      topic.kind === 'account'
        ? { kind: 'account' as const, address: toTopnetAddress(topic.address) }
        : topic;
    return this.liveConnection().subscribe(t, onEvent, onError);
  }

  /** The WebSocket connection (its state, reconnect count, whenOpen()). */
  get connection(): LiveConnection {
    return this.liveConnection();
  }

  /** Closes the WebSocket, if any. */
  close(): void {
    this.live?.close();
    this.live = null;
  }
}
