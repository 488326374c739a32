/**
 * JSON-RPC 2.0 over HTTP (POST <url>/rpc) with fetch: single calls and batches, errors turned into
 * the SDK's typed errors. A fetch can be injected (tests, custom agents); globalThis.fetch otherwise.
 */
import { errorFromRpc, NetworkError, ServerError, TimeoutError, type TopnetError } from './errors.ts';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  fetch?: Fetch;
  /** Per request, ms (default 30 s). */
  timeoutMs?: number;
}

export type BatchItem<T = unknown> = { ok: true; result: T } | { ok: false; error: TopnetError };

interface Reply {
  id?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export class HttpTransport {
  private nextId = 1;
  private readonly fetch: Fetch;
  private readonly timeoutMs: number;

  constructor(
    readonly url: string,
    opts: TransportOptions = {},
  ) {
    const f = opts.fetch ?? (globalThis.fetch as Fetch | undefined);
    if (!f) throw new TypeError('no fetch available: pass options.fetch');
    // Called as a plain function: a browser's fetch refuses any `this` but the window.
    this.fetch = (input, init) => f(input, init);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  private async post(body: unknown): Promise<unknown> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.timeoutMs);
    let res: Response;
    try {
      res = await this.fetch(`${this.url}/rpc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: ctrl.signal,
      });
    } catch (e) {
      if (ctrl.signal.aborted)
        throw new TimeoutError(`no answer from ${this.url} within ${this.timeoutMs} ms`, 'TIMEOUT');
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
      throw new NetworkError(`cannot reach ${this.url} (${cause})`, 'NETWORK');
    } finally {
      clearTimeout(timer);
    }
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new ServerError(
        `${this.url} answered HTTP ${res.status} with something that is not JSON-RPC: ${text.slice(0, 80)}`,
        'BAD_RESPONSE',
      );
    }
  }

  async call<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    const r = (await this.post({ jsonrpc: '2.0', id: this.nextId++, method, params })) as Reply;
    if (r.error) throw errorFromRpc(r.error);
    if (!('result' in r)) throw new ServerError(`no result for ${method}`, 'BAD_RESPONSE');
    return r.result as T;
  }

  /** One HTTP request for many calls; results come back in call order, each ok or with its error. */
  async batch<T = unknown>(calls: [method: string, params: unknown[]][]): Promise<BatchItem<T>[]> {
    if (!calls.length) return [];
    const base = this.nextId;
    this.nextId += calls.length;
    const body = calls.map(([method, params], i) => ({ jsonrpc: '2.0', id: base + i, method, params }));
    const replies = await this.post(body);
    if (!Array.isArray(replies)) {
      const e = (replies as Reply).error;
      throw e ? errorFromRpc(e) : new ServerError('batch answered with a single object', 'BAD_RESPONSE');
    }
    const byId = new Map((replies as Reply[]).map((r) => [r.id, r]));
    return calls.map((_, i) => {
      const r = byId.get(base + i);
      if (!r) return { ok: false, error: new ServerError('no reply for this call', 'BAD_RESPONSE') };
      return r.error ? { ok: false, error: errorFromRpc(r.error) } : { ok: true, result: r.result as T };
    });
  }
}
