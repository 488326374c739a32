/**
 * The hub in workerd, through real WebSockets: subscribe and get notified (blocks, one transaction,
 * one account), unsubscribe, JSON-RPC errors, the per-socket limit, subscriptions that survive the
 * hub's hibernation, cleanup on close, and the edge's /ws hand-off.
 */
import { env } from 'cloudflare:workers';
import { evictDurableObject } from 'cloudflare:test';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { MAX_SUBSCRIPTIONS_PER_SOCKET, type HubDO } from '../../durable-objects/hub/HubDO.ts';
import { hubName, networkConfig } from '../../durable-objects/base/config.ts';
import { handleWebSocket } from '../../workers/edge/ws.ts';
import { toHex, utf8 } from '../../protocol/bytes.ts';
import { sha256 } from '../../protocol/hash.ts';
import { checksumAddress, ethereumAddressOf } from '../../protocol/keys/address.ts';
import { devAccounts } from '../../protocol/network/config.ts';
import type { Env } from '../../schema/env.ts';
import type { HubEvent, TxStatus } from '../../schema/rpc.ts';

type Hub = DurableObjectStub<HubDO>;
type Message = Record<string, unknown> & {
  id?: unknown;
  method?: string;
  params?: { subscription: string; result: HubEvent };
};

/** A test client: every message the hub sends, in order, taken out by what it looks like. */
class Client {
  private readonly inbox: Message[] = [];
  private readonly waiters: (() => void)[] = [];
  private nextId = 1;

  constructor(readonly ws: WebSocket) {
    ws.accept();
    ws.addEventListener('message', (e) => {
      const text = e.data as string;
      this.inbox.push(text === 'pong' ? { pong: true } : JSON.parse(text));
      this.waiters.splice(0).forEach((w) => w());
    });
  }

  send(data: unknown): void {
    this.ws.send(typeof data === 'string' || data instanceof Uint8Array ? data : JSON.stringify(data));
  }

  /** The first message (in arrival order) that `match` accepts, waiting up to 5 s. */
  async take(match: (m: Message) => boolean, what = 'a message'): Promise<Message> {
    const end = Date.now() + 5000;
    for (;;) {
      const i = this.inbox.findIndex(match);
      if (i >= 0) return this.inbox.splice(i, 1)[0]!;
      if (Date.now() > end) throw new Error(`no ${what}; inbox: ${JSON.stringify(this.inbox)}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  async call(method: string, params: unknown[]): Promise<Message> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return this.take((m) => m.id === id, `reply to #${id}`);
  }

  async subscribe(topic: unknown): Promise<string> {
    const r = await this.call('subscribe', [topic]);
    expect(r.error, JSON.stringify(r.error)).toBeUndefined();
    expect(r.result).toMatch(/^0x[0-9a-f]{32}$/);
    return r.result as string;
  }

  /** The next notification; asserts nothing else arrived before it. */
  async notification(): Promise<{ subscription: string; result: HubEvent }> {
    const m = await this.take(() => true, 'notification');
    expect(m).toMatchObject({ jsonrpc: '2.0', method: 'subscription' });
    expect(m.id).toBeUndefined();
    return m.params!;
  }

  pending(): Message[] {
    return [...this.inbox];
  }
}

async function connect(hub: Hub | Fetcher): Promise<Client> {
  const resp = await hub.fetch(new Request('http://hub/ws', { headers: { Upgrade: 'websocket' } }));
  expect(resp.status).toBe(101);
  return new Client(resp.webSocket!);
}

function hubOf(name: string): Hub {
  return env.HUB.getByName(`test/hub/${name}`);
}

const hash = (s: string) => '0x' + toHex(sha256(utf8(s)));
const [alice, bob, carol] = devAccounts(3).map((a) => a.address) as [string, string, string];
const block = (height: number): HubEvent => ({
  kind: 'block',
  table: 1,
  height,
  hash: hash(`b${height}`),
  txCount: 2,
  time: 1000 + height,
});
const tx = (name: string, accounts: string[], status: TxStatus = 'final'): HubEvent => ({
  kind: 'tx',
  hash: hash(name),
  status,
  table: 2,
  height: 7,
  accounts,
});

describe('hub', () => {
  it('answers 426 to a request that is not a WebSocket upgrade', async () => {
    const resp = await hubOf('plain').fetch(new Request('http://hub/ws'));
    expect(resp.status).toBe(426);
    expect(await resp.text()).toMatch(/WebSocket upgrade/);
  });

  it('notifies new blocks to a blocks subscription', async () => {
    const hub = hubOf('blocks');
    const c = await connect(hub);
    const sub = await c.subscribe({ kind: 'blocks' });
    expect(await hub.publish([block(1), tx('t1', [alice]), block(2)])).toEqual({ notified: 2 });
    expect(await c.notification()).toEqual({ subscription: sub, result: block(1) });
    expect(await c.notification()).toEqual({ subscription: sub, result: block(2) });
  });

  it('notifies a transaction by hash, and an account’s transactions by address in any accepted form', async () => {
    const hub = hubOf('tx');
    const c = await connect(hub);
    const byHash = await c.subscribe({ kind: 'tx', hash: hash('t1').toUpperCase().replace('0X', '0x') });
    const byBob = await c.subscribe({ kind: 'account', address: checksumAddress(bob) });
    const byBobEth = await c.subscribe({ kind: 'account', address: ethereumAddressOf(bob) });
    const blocks = await c.subscribe({ kind: 'blocks' });
    const t1 = tx('t1', [alice, bob], 'sent');
    const t2 = tx('t2', [carol, alice]);
    const t3 = tx('t3', [bob, bob]);
    // t1 matches by hash and by Bob twice (two subscriptions); t2 matches nothing; t3 matches Bob once per subscription.
    expect(await hub.publish([t1, t2, t3, block(9)])).toEqual({ notified: 3 + 2 + 1 });
    const got = [];
    for (let i = 0; i < 6; i++) got.push(await c.notification());
    expect(got).toEqual([
      { subscription: byHash, result: t1 },
      { subscription: byBob, result: t1 },
      { subscription: byBobEth, result: t1 },
      { subscription: byBob, result: t3 },
      { subscription: byBobEth, result: t3 },
      { subscription: blocks, result: block(9) },
    ]);
  });

  it('stops notifying after unsubscribe, which is true once and then false', async () => {
    const hub = hubOf('unsub');
    const c = await connect(hub);
    const a = await c.subscribe({ kind: 'blocks' });
    const b = await c.subscribe({ kind: 'account', address: alice });
    expect(await c.call('unsubscribe', [a])).toEqual({ jsonrpc: '2.0', id: 3, result: true });
    expect(await c.call('unsubscribe', [a])).toEqual({ jsonrpc: '2.0', id: 4, result: false });
    expect(await hub.publish([block(3), tx('t4', [alice])])).toEqual({ notified: 1 });
    expect(await c.notification()).toEqual({ subscription: b, result: tx('t4', [alice]) });
    expect(await hub.stats()).toEqual({ sockets: 1, subscriptions: 1 });
  });

  it('answers malformed messages with JSON-RPC errors', async () => {
    const c = await connect(hubOf('errors'));
    const error = async (data: unknown) => {
      c.send(data);
      return c.take((m) => 'error' in m, 'error reply');
    };
    expect(await error('{"jsonrpc":"2.0",')).toMatchObject({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: expect.stringMatching(/^Parse error/) },
    });
    expect(await error({ jsonrpc: '2.0', id: 5, method: 'eth_call', params: [] })).toEqual({
      jsonrpc: '2.0',
      id: 5,
      error: {
        code: -32601,
        message: 'Method not found: "eth_call" (the hub serves subscribe and unsubscribe)',
      },
    });
    expect(
      await error({ jsonrpc: '2.0', id: 6, method: 'subscribe', params: [{ kind: 'mempool' }] }),
    ).toMatchObject({
      id: 6,
      error: {
        code: -32602,
        message: expect.stringMatching(/unknown topic kind "mempool"/),
        data: { code: 'BAD_ENUM', field: 'topic.kind' },
      },
    });
    expect(
      await error({ jsonrpc: '2.0', id: 7, method: 'subscribe', params: [{ kind: 'tx', hash: '0x1234' }] }),
    ).toMatchObject({
      id: 7,
      error: { code: -32602, data: { code: 'BAD_LENGTH', field: 'topic.hash' } },
    });
    expect(
      await error({
        jsonrpc: '2.0',
        id: 8,
        method: 'subscribe',
        params: [{ kind: 'account', address: 'T8nope' }],
      }),
    ).toMatchObject({
      id: 8,
      error: { code: -32602, data: { field: 'topic.address' } },
    });
    expect(await error({ jsonrpc: '2.0', id: 9, method: 'subscribe', params: [] })).toMatchObject({
      id: 9,
      error: { code: -32602 },
    });
    expect(await error({ jsonrpc: '2.0', id: 10, method: 'unsubscribe', params: [42] })).toMatchObject({
      id: 10,
      error: { code: -32602 },
    });
    expect(await error({ jsonrpc: '1.0', id: 11, method: 'subscribe' })).toMatchObject({
      id: 11,
      error: { code: -32600 },
    });
    expect(
      await error({ jsonrpc: '2.0', id: 12, method: 'subscribe', params: { kind: 'blocks' } }),
    ).toMatchObject({
      id: 12,
      error: { code: -32602, message: 'Invalid params: "params" must be an array' },
    });
    expect(await error('x'.repeat(64 * 1024 + 1))).toMatchObject({
      id: null,
      error: { code: -32600, message: expect.stringMatching(/exceeds 65536/) },
    });
    expect(await error([])).toMatchObject({
      id: null,
      error: { code: -32600, message: 'Invalid Request: empty batch' },
    });
    expect(await error(new Uint8Array([0x7b, 0xff]))).toMatchObject({ id: null, error: { code: -32700 } });
  });

  it('answers a bare ping with pong', async () => {
    const c = await connect(hubOf('ping'));
    c.send('ping');
    expect(await c.take((m) => 'pong' in m, 'pong')).toEqual({ pong: true });
  });

  it('answers a batch with an array, and a notification-style request (no id) with nothing', async () => {
    const hub = hubOf('batch');
    const c = await connect(hub);
    c.send({ jsonrpc: '2.0', method: 'subscribe', params: [{ kind: 'blocks' }] });
    c.send([
      { jsonrpc: '2.0', id: 'a', method: 'subscribe', params: [{ kind: 'blocks' }] },
      { jsonrpc: '2.0', id: 'b', method: 'nope' },
    ]);
    const replies = (await c.take((m) => Array.isArray(m), 'batch reply')) as unknown as Message[];
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatchObject({ id: 'a', result: expect.stringMatching(/^0x/) });
    expect(replies[1]).toMatchObject({ id: 'b', error: { code: -32601 } });
    expect(c.pending()).toEqual([]);
    // The id-less subscribe counted: two subscriptions to blocks.
    expect(await hub.stats()).toEqual({ sockets: 1, subscriptions: 2 });
  });

  it(`limits a connection to ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions`, async () => {
    const c = await connect(hubOf('limit'));
    c.send(
      Array.from({ length: MAX_SUBSCRIPTIONS_PER_SOCKET }, (_, i) => ({
        jsonrpc: '2.0',
        id: i,
        method: 'subscribe',
        params: [{ kind: 'tx', hash: hash(`l${i}`) }],
      })),
    );
    const replies = (await c.take((m) => Array.isArray(m), 'batch reply')) as unknown as Message[];
    expect(replies.filter((r) => typeof r.result === 'string')).toHaveLength(MAX_SUBSCRIPTIONS_PER_SOCKET);
    expect(await c.call('subscribe', [{ kind: 'blocks' }])).toMatchObject({
      error: { code: -32005, message: expect.stringMatching(/at most 100 subscriptions/) },
    });
  });

  it('keeps subscriptions across hibernation, and drops them when the socket closes', async () => {
    const hub = hubOf('hibernate');
    const c = await connect(hub);
    const d = await connect(hub);
    const sub = await c.subscribe({ kind: 'account', address: carol });
    await d.subscribe({ kind: 'blocks' });
    await evictDurableObject(hub);
    // A fresh instance: its memory is empty, the sockets and their rows are not.
    expect(await hub.publish([tx('t5', [carol])])).toEqual({ notified: 1 });
    expect(await c.notification()).toEqual({ subscription: sub, result: tx('t5', [carol]) });
    expect(await hub.stats()).toEqual({ sockets: 2, subscriptions: 2 });

    d.ws.close(1000, 'bye');
    for (let i = 0; i < 100 && (await hub.stats()).sockets > 1; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await hub.stats()).toEqual({ sockets: 1, subscriptions: 1 });
    expect(await hub.publish([block(4)])).toEqual({ notified: 0 });
    await evictDurableObject(hub);
    expect(await hub.stats()).toEqual({ sockets: 1, subscriptions: 1 });
  });

  it('is reached through the edge at GET /ws', async () => {
    const app = new Hono<{ Bindings: Env }>();
    app.get('/ws', (c) => handleWebSocket(c.req.raw, c.env));
    expect((await app.request('/ws', {}, env)).status).toBe(426);
    const resp = await app.request('/ws', { headers: { Upgrade: 'websocket' } }, env);
    expect(resp.status).toBe(101);
    const c = new Client(resp.webSocket!);
    const sub = await c.subscribe({ kind: 'blocks' });
    const hub = env.HUB.getByName(hubName(networkConfig(env)));
    await hub.publish([block(5)]);
    expect(await c.notification()).toEqual({ subscription: sub, result: block(5) });
  });
});
