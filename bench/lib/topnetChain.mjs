// topnet as a bench target: account set-up (funding bench senders from the dev accounts and waiting
// until the funding is final), load plans, and the drive.mjs adapter — sendTransaction batches,
// a finalized counter and per-transaction finality checks over the public JSON-RPC only.
//
// The finalized counter is cheap on purpose: the sum over tables and peers of `confirmed` from
// getCrossReceiptIds (16 calls) counts every cross-table transfer whose confirm has committed on
// its sender's table, i.e. whose send, recv and confirm are all in certified blocks. Same-table
// transfers are final when included; they are checked through their senders' nonces (getAccount)
// once every cross-table one is final.
import { txWatcher } from './txWatch.mjs';
import { devAccounts, accountTable, devnetConfig, tableCount } from '../../protocol/network/config.ts';
import { benchSigner, Wallet } from './topnetKeys.mjs';
import { presign } from './presign.mjs';
import { prng, sleep } from './util.mjs';

export function topnetConfig(overrides = {}) {
  return devnetConfig(overrides);
}

/** Wallets for `signers`, their nonces and previous hashes read from the network. */
export async function walletsFor(client, signers) {
  const out = [];
  for (let i = 0; i < signers.length; i += 1000) {
    const part = signers.slice(i, i + 1000);
    const res = await client.batch(part.map((s) => ['getAccount', [s.address]]));
    res.forEach((r, k) => {
      if (r.error) throw new Error(`getAccount ${part[k].address}: ${r.error.message}`);
      const w = new Wallet(part[k], { nonce: BigInt(r.result.nonce), prevHash: r.result.lastTxHash });
      w.balance = BigInt(r.result.balance);
      out.push(w);
    });
  }
  return out;
}

/** Sends signed transactions in batches of `size`; returns per item { ok, hash?, code?, message? }. */
export async function sendAll(client, txs, { size = 1000, lane = 0 } = {}) {
  const out = [];
  for (let i = 0; i < txs.length; i += size) {
    const part = txs.slice(i, i + size);
    const res = await client.batch(
      part.map((t) => ['sendTransaction', [t.raw]]),
      lane,
    );
    for (const r of res)
      out.push(
        r.error
          ? { ok: false, code: r.error.data?.code ?? String(r.error.code), message: r.error.message }
          : { ok: true, hash: r.result.hash },
      );
  }
  return out;
}

/** Statuses of many transactions (getTransaction with the sender, so one table per call). */
export async function statuses(client, txs, { size = 1000 } = {}) {
  const out = [];
  for (let i = 0; i < txs.length; i += size) {
    const part = txs.slice(i, i + size);
    const res = await client.batch(part.map((t) => ['getTransaction', [t.hash, t.sender]]));
    res.forEach((r) => out.push(r.error ? { status: 'missing', error: r.error } : r.result));
  }
  return out;
}

/** Waits until every tx is final; throws on a rejection or at the deadline. */
export async function waitAllFinal(client, txs, { timeoutMs = 60_000, what = 'transactions' } = {}) {
  const end = Date.now() + timeoutMs;
  let open = txs;
  while (open.length) {
    const st = await statuses(client, open);
    const bad = st.find((s) => s.status === 'rejected');
    if (bad) throw new Error(`${what}: ${bad.hash} rejected: ${bad.error?.code} ${bad.error?.message}`);
    open = open.filter((_, i) => st[i].status !== 'final');
    if (!open.length) return;
    if (Date.now() > end)
      throw new Error(`${what}: ${open.length} of ${txs.length} not final after ${timeoutMs} ms`);
    await sleep(200);
  }
}

/**
 * `count` bench senders of `kind`, each holding at least `balance` uTOP: the dev accounts (T8,
 * prefunded at genesis) fund those that hold less, in one batch, and the funding is awaited final.
 */
export async function fundedSenders(client, config, kind, count, balance) {
  const senders = await walletsFor(
    client,
    Array.from({ length: count }, (_, i) => benchSigner(kind, i)),
  );
  const needy = senders.map((w, i) => ({ w, i })).filter(({ w }) => w.balance < balance);
  if (needy.length) {
    const dev = await walletsFor(client, devAccounts());
    const plan = needy.map(({ w }, k) => ({
      from: k % dev.length,
      receiver: w.address,
      amount: balance - w.balance,
    }));
    const txs = await presign(dev, plan, { chainId: config.chainId });
    const res = await sendAll(client, txs);
    const bad = res.find((r) => !r.ok);
    if (bad) throw new Error(`funding rejected: ${bad.code} ${bad.message}`);
    await waitAllFinal(client, txs, { what: 'funding' });
  }
  return senders;
}

/**
 * A load of `n` transfers, round-robin over the senders; each receiver is another sender picked at
 * random, so receivers fall on every table (cross-table unless the two share a table). Lane = sender
 * index mod lanes.
 */
export function transferPlan(config, senders, n, { seed = 1, lanes = 4 } = {}) {
  const rnd = prng(seed);
  const tables = senders.map((w) => accountTable(config, w.address));
  const plan = [];
  for (let k = 0; k < n; k++) {
    const from = k % senders.length;
    let to = Math.floor(rnd() * (senders.length - 1));
    if (to >= from) to++;
    plan.push({
      from,
      receiver: senders[to].address,
      amount: BigInt(1 + Math.floor(rnd() * 1000)),
      lane: from % lanes,
      cross: tables[from] !== tables[to],
    });
  }
  return plan;
}

export async function signPlan(config, senders, plan) {
  const txs = await presign(senders, plan, { chainId: config.chainId });
  return txs.map((t, i) => ({
    ...t,
    lane: plan[i].lane,
    cross: plan[i].cross,
    fromTable: accountTable(config, t.sender),
  }));
}

/** The drive.mjs adapter. */
export function topnetTarget(client, config, senders) {
  const tables = tableCount(config);
  const expectNonce = new Map();
  return {
    progressCalls: tables,
    async sendBatch(items, lane) {
      const res = await client.batch(
        items.map((t) => ['sendTransaction', [t.raw]]),
        lane,
      );
      return res.map((r) =>
        r.error
          ? { ok: false, code: r.error.data?.code ?? `RPC ${r.error.code}: ${r.error.message}` }
          : { ok: true },
      );
    },
    /** Cross-table transfers whose confirm has committed, network-wide. */
    async progress() {
      const res = await client.batch(
        Array.from({ length: tables }, (_, t) => ['getCrossReceiptIds', [t]]),
        'progress',
      );
      let n = 0;
      for (const r of res) {
        if (r.error) throw new Error(`getCrossReceiptIds: ${r.error.message}`);
        for (const p of r.result) n += Number(p.confirmed);
      }
      return n;
    },
    counted: (t) => t.cross,
    /** Same-table transfers are final once included: every sender's nonce has passed its last one. */
    async complete(accepted) {
      expectNonce.clear();
      for (const t of accepted)
        if (!t.cross) expectNonce.set(t.sender, Math.max(expectNonce.get(t.sender) ?? -1, Number(t.nonce)));
      if (!expectNonce.size) return true;
      const list = [...expectNonce];
      const res = await client.batch(
        list.map(([a]) => ['getAccount', [a]]),
        'progress',
      );
      return res.every((r, i) => !r.error && Number(r.result.nonce) > list[i][1]);
    },
    async status(items) {
      const res = await client.batch(
        items.map((t) => ['getTransaction', [t.hash, t.sender]]),
        'sampler',
      );
      return res.map((r) => (r.error ? 'missing' : r.result.status));
    },
    /** Statuses pushed over /ws, as a subscribed wallet or dapp hears them (txWatch.mjs). */
    async watcher() {
      const w = await txWatcher(client.url);
      return { watch: (t, cb) => w.watch(t.hash, cb), stats: w.stats, close: w.close };
    },
    senders,
  };
}
