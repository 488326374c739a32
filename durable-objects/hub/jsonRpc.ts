/**
 * The hub's JSON-RPC 2.0 wire: requests in, replies and subscription notifications out, and the
 * standard error codes. Kept apart from the object so the protocol reads in one place.
 */

export const RpcError = {
  PARSE: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL: -32603,
  /** Limit exceeded (EIP-1474's code), e.g. too many subscriptions on one socket. */
  LIMIT: -32005,
} as const;

export type Id = string | number | null;

export interface RpcRequest {
  id: Id;
  /** false for a notification (no id): it gets no reply. */
  wantsReply: boolean;
  method: string;
  params: unknown[];
}

export interface ErrorReply {
  jsonrpc: '2.0';
  id: Id;
  error: { code: number; message: string; data?: unknown };
}

export type Reply = { jsonrpc: '2.0'; id: Id; result: unknown } | ErrorReply;

export class RpcFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

export function errorReply(id: Id, code: number, message: string, data?: unknown): ErrorReply {
  return { jsonrpc: '2.0', id, error: data === undefined ? { code, message } : { code, message, data } };
}

export function resultReply(id: Id, result: unknown): Reply {
  return { jsonrpc: '2.0', id, result };
}

/** Reads one request object; throws RpcFailure(INVALID_REQUEST) saying what is wrong. */
export function readRequest(value: unknown): RpcRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RpcFailure(RpcError.INVALID_REQUEST, 'Invalid Request: expected a JSON-RPC request object');
  const v = value as Record<string, unknown>;
  if (v.jsonrpc !== '2.0')
    throw new RpcFailure(RpcError.INVALID_REQUEST, 'Invalid Request: "jsonrpc" must be "2.0"');
  if (typeof v.method !== 'string')
    throw new RpcFailure(RpcError.INVALID_REQUEST, 'Invalid Request: "method" must be a string');
  const id = v.id;
  if (id !== undefined && id !== null && typeof id !== 'string' && typeof id !== 'number')
    throw new RpcFailure(
      RpcError.INVALID_REQUEST,
      'Invalid Request: "id" must be a string, a number or null',
    );
  if (v.params !== undefined && !Array.isArray(v.params))
    throw new RpcFailure(RpcError.INVALID_PARAMS, 'Invalid params: "params" must be an array');
  return {
    id: id ?? null,
    wantsReply: id !== undefined,
    method: v.method,
    params: (v.params as unknown[] | undefined) ?? [],
  };
}

/** The id of a request that failed to read, when it has a usable one (else null, as the spec says). */
export function idOf(value: unknown): Id {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/** A notification's text; `eventJson` is serialized once per event and shared by all its subscribers. */
export function notificationText(subscription: string, eventJson: string): string {
  return `{"jsonrpc":"2.0","method":"subscription","params":{"subscription":${JSON.stringify(subscription)},"result":${eventJson}}}`;
}
