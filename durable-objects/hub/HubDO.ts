/**
 * The hub Durable Object: live events over WebSockets. Clients subscribe to topics (new blocks, one
 * transaction, one account) with JSON-RPC 2.0 on the socket; tables `publish` their new blocks and
 * transaction outcomes here and the hub fans each out to the matching subscriptions.
 *
 * Sockets use the hibernation API, so an idle hub leaves memory while its clients stay connected.
 * Each socket's attachment holds only its id (attachments are capped at 2,048 bytes, too small for
 * 100 subscriptions); the subscriptions themselves are rows in hub_subscriptions, from which a woken
 * hub rebuilds its in-memory topic index.
 *
 * The hub holds no ledger: every event it relays is already in a table's log, and a notification
 * missed is recovered by reading the table, not by replaying the hub. So it logs nothing — a
 * publish appended to a log would only duplicate the tables' logs at the highest write rate in the
 * system — and has no outbox. It extends EventSourcedDO for the shared migrations and RPC surface.
 */
import { EventSourcedDO } from '../base/EventSourcedDO.ts';
import { fromUtf8, toHex } from '../../protocol/bytes.ts';
import { isProtocolError } from '../../protocol/errors.ts';
import type { HubEvent, PublishResult } from '../../schema/rpc.ts';
import {
  errorReply,
  idOf,
  notificationText,
  readRequest,
  resultReply,
  RpcError,
  RpcFailure,
  type Reply,
  type RpcRequest,
} from './jsonRpc.ts';
import { eventKeys, topicKey } from './topics.ts';
import { networkConfig } from '../base/config.ts';
import { IndexNudger } from '../index/nudge.ts';

export const MAX_SUBSCRIPTIONS_PER_SOCKET = 100;
export const MAX_MESSAGE_BYTES = 64 * 1024;
export const MAX_BATCH = 100;

interface Socket {
  ws: WebSocket;
  /** subscription id → topic key */
  subs: Map<string, string>;
}

interface Attachment {
  id: string;
}

function randomId(): string {
  return '0x' + toHex(crypto.getRandomValues(new Uint8Array(16)));
}

export class HubDO extends EventSourcedDO {
  private readonly sockets = new Map<string, Socket>();
  /** topic key → subscription id → socket: what publish looks up. */
  private readonly byTopic = new Map<string, Map<string, WebSocket>>();
  private nudger!: IndexNudger;

  /** Rebuilds the topic index after a wake from hibernation; drops rows of sockets that are gone. */
  protected onLoad(): void {
    this.nudger = new IndexNudger(this.env, networkConfig(this.env));
    this.ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
    for (const ws of this.ctx.getWebSockets()) {
      const a = ws.deserializeAttachment() as Attachment | null;
      if (a?.id) this.sockets.set(a.id, { ws, subs: new Map() });
    }
    const rows = this.sql
      .exec<{ id: string; socket: string; topic: string }>('SELECT id, socket, topic FROM hub_subscriptions')
      .toArray();
    for (const r of rows) {
      const s = this.sockets.get(r.socket);
      if (s) this.index(s, r.id, r.topic);
      else this.sql.exec('DELETE FROM hub_subscriptions WHERE socket = ?', r.socket);
    }
  }

  /** The WebSocket upgrade (426 for anything else). */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket')
      return new Response('expected a WebSocket upgrade (Upgrade: websocket)', {
        status: 426,
        headers: { Upgrade: 'websocket' },
      });
    const { 0: client, 1: server } = new WebSocketPair();
    const id = randomId();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ id } satisfies Attachment);
    this.sockets.set(id, { ws: server, subs: new Map() });
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const reply = this.answer(ws, message);
    if (reply !== null) ws.send(JSON.stringify(reply));
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.forget(ws);
    try {
      ws.close(code, reason);
    } catch {
      // Already closed (the runtime may have answered the close itself).
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.forget(ws);
  }

  /** Sends each event to every subscription it matches; returns how many notifications went out. */
  async publish(events: HubEvent[]): Promise<PublishResult> {
    let notified = 0;
    // The explorer's index follows the same blocks (durable-objects/index/nudge.ts).
    this.nudger.blocks(events);
    if (!Array.isArray(events) || this.byTopic.size === 0) return { notified };
    for (const e of events) {
      if (typeof e !== 'object' || e === null || (e.kind !== 'block' && e.kind !== 'tx')) continue;
      const json = JSON.stringify(e);
      const sent = new Set<string>();
      for (const key of eventKeys(e)) {
        for (const [sub, ws] of this.byTopic.get(key) ?? []) {
          if (sent.has(sub)) continue;
          sent.add(sub);
          try {
            ws.send(notificationText(sub, json));
            notified++;
          } catch {
            this.forget(ws);
          }
        }
      }
    }
    return { notified };
  }

  async stats(): Promise<{ sockets: number; subscriptions: number }> {
    let subscriptions = 0;
    for (const s of this.sockets.values()) subscriptions += s.subs.size;
    return { sockets: this.sockets.size, subscriptions };
  }

  protected async deliverEffect(target: string): Promise<void> {
    throw new Error(`the hub has no outbox (asked to deliver to ${target})`);
  }

  // ---- the JSON-RPC protocol on a socket ----

  /** The reply to one socket message (an array for a batch), or null when nothing is owed. */
  private answer(ws: WebSocket, message: string | ArrayBuffer): Reply | Reply[] | null {
    const size = typeof message === 'string' ? message.length : message.byteLength;
    if (size > MAX_MESSAGE_BYTES)
      return errorReply(
        null,
        RpcError.INVALID_REQUEST,
        `Invalid Request: message of ${size} bytes exceeds ${MAX_MESSAGE_BYTES}`,
      );
    let value: unknown;
    try {
      value = JSON.parse(
        typeof message === 'string' ? message : fromUtf8(new Uint8Array(message), 'message'),
      );
    } catch (e) {
      return errorReply(null, RpcError.PARSE, `Parse error: ${(e as Error).message}`);
    }
    if (!Array.isArray(value)) return this.answerOne(ws, value);
    if (value.length === 0) return errorReply(null, RpcError.INVALID_REQUEST, 'Invalid Request: empty batch');
    if (value.length > MAX_BATCH)
      return errorReply(
        null,
        RpcError.INVALID_REQUEST,
        `Invalid Request: a batch holds at most ${MAX_BATCH} requests`,
      );
    const replies = value.map((v) => this.answerOne(ws, v)).filter((r): r is Reply => r !== null);
    return replies.length ? replies : null;
  }

  private answerOne(ws: WebSocket, value: unknown): Reply | null {
    let req: RpcRequest | undefined;
    try {
      req = readRequest(value);
      const result = this.call(ws, req);
      return req.wantsReply ? resultReply(req.id, result) : null;
    } catch (e) {
      if (req && !req.wantsReply) return null;
      const id = req?.id ?? idOf(value);
      if (e instanceof RpcFailure) return errorReply(id, e.code, e.message, e.data);
      if (isProtocolError(e))
        return errorReply(id, RpcError.INVALID_PARAMS, `Invalid params: ${e.message}`, e.toJSON());
      console.error('hub: internal error', e);
      return errorReply(id, RpcError.INTERNAL, 'Internal error');
    }
  }

  private call(ws: WebSocket, req: RpcRequest): unknown {
    switch (req.method) {
      case 'subscribe':
        if (req.params.length !== 1)
          throw new RpcFailure(
            RpcError.INVALID_PARAMS,
            'Invalid params: subscribe takes one topic: [{"kind":"blocks"}]',
          );
        return this.subscribe(ws, topicKey(req.params[0]));
      case 'unsubscribe':
        if (req.params.length !== 1 || typeof req.params[0] !== 'string')
          throw new RpcFailure(
            RpcError.INVALID_PARAMS,
            'Invalid params: unsubscribe takes one subscription id: ["0x…"]',
          );
        return this.unsubscribe(ws, req.params[0]);
      default:
        throw new RpcFailure(
          RpcError.METHOD_NOT_FOUND,
          `Method not found: "${req.method}" (the hub serves subscribe and unsubscribe)`,
        );
    }
  }

  private subscribe(ws: WebSocket, topic: string): string {
    const s = this.socketOf(ws);
    if (s.subs.size >= MAX_SUBSCRIPTIONS_PER_SOCKET)
      throw new RpcFailure(
        RpcError.LIMIT,
        `Limit exceeded: at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per connection`,
      );
    const id = randomId();
    this.sql.exec(
      'INSERT INTO hub_subscriptions (id, socket, topic) VALUES (?, ?, ?)',
      id,
      this.idOf(ws),
      topic,
    );
    this.index(s, id, topic);
    return id;
  }

  private unsubscribe(ws: WebSocket, sub: string): boolean {
    const s = this.socketOf(ws);
    const topic = s.subs.get(sub);
    if (topic === undefined) return false;
    this.sql.exec('DELETE FROM hub_subscriptions WHERE id = ?', sub);
    s.subs.delete(sub);
    this.unindex(topic, sub);
    return true;
  }

  // ---- the in-memory index ----

  private idOf(ws: WebSocket): string {
    return (ws.deserializeAttachment() as Attachment).id;
  }

  private socketOf(ws: WebSocket): Socket {
    const id = this.idOf(ws);
    let s = this.sockets.get(id);
    if (!s) this.sockets.set(id, (s = { ws, subs: new Map() }));
    return s;
  }

  private index(s: Socket, sub: string, topic: string): void {
    s.subs.set(sub, topic);
    let subs = this.byTopic.get(topic);
    if (!subs) this.byTopic.set(topic, (subs = new Map()));
    subs.set(sub, s.ws);
  }

  private unindex(topic: string, sub: string): void {
    const subs = this.byTopic.get(topic);
    subs?.delete(sub);
    if (subs?.size === 0) this.byTopic.delete(topic);
  }

  /** A socket is gone: its subscriptions go with it, from memory and from storage. */
  private forget(ws: WebSocket): void {
    const id = (ws.deserializeAttachment() as Attachment | null)?.id;
    if (!id) return;
    const s = this.sockets.get(id);
    if (s) for (const [sub, topic] of s.subs) this.unindex(topic, sub);
    this.sockets.delete(id);
    this.sql.exec('DELETE FROM hub_subscriptions WHERE socket = ?', id);
  }
}
