/**
 * Live events over the hub's WebSocket (/ws): subscribe to new blocks, one transaction, or one
 * account. The socket reconnects by itself with exponential backoff (250 ms doubling to 5 s) and
 * subscribes every live subscription again, so a restart of the network or a dropped connection
 * costs callers nothing but the events sent while it was down. Pass a WebSocket constructor on
 * runtimes without one (Node 20: the `ws` package); globalThis.WebSocket is used otherwise.
 *
 * @example
 * const sub = client.subscribe({ kind: 'blocks' }, (e) => console.log(e.table, e.height));
 * sub.unsubscribe();
 */
import type { HubEvent, Topic } from '../schema/rpc.ts';
import { errorFromRpc, type TopnetError } from './errors.ts';

export type { HubEvent, Topic };

/** The part of the WHATWG WebSocket the SDK uses (browsers, Node 22, undici, `ws`). */
export interface WebSocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}
export type WebSocketCtor = new (url: string) => WebSocketLike;

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface Subscription {
  topic: Topic;
  unsubscribe(): void;
}

interface Sub {
  topic: Topic;
  onEvent: (e: HubEvent) => void;
  onError?: (e: TopnetError) => void;
  serverId?: string;
  closed: boolean;
}

export interface LiveOptions {
  WebSocket?: WebSocketCtor;
  minDelayMs?: number;
  maxDelayMs?: number;
  onState?: (s: ConnectionState) => void;
}

export class LiveConnection {
  private ws: WebSocketLike | null = null;
  private readonly subs = new Set<Sub>();
  private readonly byServerId = new Map<string, Sub>();
  private readonly pending = new Map<number, (reply: { result?: unknown; error?: unknown }) => void>();
  private nextId = 1;
  private delay: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly Ctor: WebSocketCtor;
  /** Times the socket opened again after a drop. */
  reconnects = 0;
  state: ConnectionState = 'closed';

  constructor(
    readonly wsUrl: string,
    private readonly opts: LiveOptions = {},
  ) {
    const C = opts.WebSocket ?? (globalThis as { WebSocket?: WebSocketCtor }).WebSocket;
    if (!C)
      throw new TypeError(
        'no WebSocket on this runtime: pass options.WebSocket (Node 20: `import { WebSocket } from "ws"`)',
      );
    this.Ctor = C;
    this.delay = opts.minDelayMs ?? 250;
  }

  private setState(s: ConnectionState): void {
    this.state = s;
    this.opts.onState?.(s);
  }

  private connect(): void {
    if (this.stopped || this.ws) return;
    this.setState(this.reconnects || this.state === 'reconnecting' ? 'reconnecting' : 'connecting');
    const ws = new this.Ctor(this.wsUrl);
    this.ws = ws;
    ws.onopen = () => {
      if (this.state === 'reconnecting') this.reconnects++;
      this.delay = this.opts.minDelayMs ?? 250;
      this.setState('open');
      for (const s of this.subs) this.sendSubscribe(s);
    };
    ws.onmessage = (ev) => this.onMessage(String(ev.data));
    ws.onerror = () => {
      // onclose follows and schedules the retry.
    };
    ws.onclose = () => {
      this.ws = null;
      this.byServerId.clear();
      for (const s of this.subs) delete s.serverId;
      for (const done of this.pending.values()) done({ error: { code: -32000, message: 'socket closed' } });
      this.pending.clear();
      if (this.stopped) return this.setState('closed');
      this.setState('reconnecting');
      this.timer = setTimeout(() => {
        this.timer = null;
        this.connect();
      }, this.delay);
      this.delay = Math.min(this.delay * 2, this.opts.maxDelayMs ?? 5000);
    };
  }

  private request(method: string, params: unknown[]): Promise<{ result?: unknown; error?: unknown }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws?.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  private sendSubscribe(s: Sub): void {
    const ws = this.ws;
    void this.request('subscribe', [s.topic]).then((r) => {
      if (s.closed || this.ws !== ws) return;
      if (r.error) {
        const e = r.error as { code: number; message: string; data?: unknown };
        if (e.message !== 'socket closed') {
          this.subs.delete(s);
          s.closed = true;
          s.onError?.(errorFromRpc(e));
        }
        return;
      }
      s.serverId = r.result as string;
      this.byServerId.set(s.serverId, s);
    });
  }

  private onMessage(text: string): void {
    let m: { id?: number; method?: string; params?: { subscription: string; result: HubEvent } };
    try {
      m = JSON.parse(text);
    } catch {
      return;
    }
    if (m.method === 'subscription' && m.params) {
      const s = this.byServerId.get(m.params.subscription);
      if (s && !s.closed) s.onEvent(m.params.result);
      return;
    }
    if (typeof m.id === 'number') {
      const done = this.pending.get(m.id);
      this.pending.delete(m.id);
      done?.(m as { result?: unknown; error?: unknown });
    }
  }

  subscribe(topic: Topic, onEvent: (e: HubEvent) => void, onError?: (e: TopnetError) => void): Subscription {
    const s: Sub = { topic, onEvent, closed: false, ...(onError ? { onError } : {}) };
    this.subs.add(s);
    if (!this.ws) this.connect();
    else if (this.ws.readyState === 1) this.sendSubscribe(s);
    return {
      topic,
      unsubscribe: () => {
        if (s.closed) return;
        s.closed = true;
        this.subs.delete(s);
        if (s.serverId) {
          this.byServerId.delete(s.serverId);
          if (this.ws?.readyState === 1) void this.request('unsubscribe', [s.serverId]);
        }
      },
    };
  }

  /** Resolves once the socket is open (after connecting or reconnecting). */
  whenOpen(): Promise<void> {
    if (this.state === 'open') return Promise.resolve();
    if (!this.ws && !this.timer) this.connect();
    return new Promise((resolve) => {
      const prev = this.opts.onState;
      this.opts.onState = (st) => {
        prev?.(st);
        if (st === 'open') {
          this.opts.onState = prev;
          resolve();
        }
      };
    });
  }

  close(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const s of this.subs) s.closed = true;
    this.subs.clear();
    if (this.ws) this.ws.close(1000, 'client closed');
    else this.setState('closed');
  }
}
