/**
 * GET /ws: WebSocket subscriptions. The edge keeps no sockets itself; it hands the upgrade request
 * to the network's hub object, which accepts the socket with the hibernation API and speaks the
 * JSON-RPC subscription protocol (docs/durable-objects.md, Hub).
 *
 * @example app.get('/ws', (c) => handleWebSocket(c.req.raw, c.env));
 */
import { hubName, networkConfig } from '../../durable-objects/base/config.ts';
import type { Env } from '../../schema/env.ts';

export function handleWebSocket(request: Request, env: Env): Response | Promise<Response> {
  if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket')
    return new Response('expected a WebSocket upgrade (Upgrade: websocket) on /ws', {
      status: 426,
      headers: { Upgrade: 'websocket' },
    });
  return env.HUB.getByName(hubName(networkConfig(env))).fetch(request);
}
