/**
 * JSON-RPC 2.0 over HTTP at POST /rpc: single requests and batches. A batch's sendTransaction
 * calls are validated together and submitted with one Durable Object call per table; every other
 * call runs in parallel. Errors carry JSON-RPC codes and, in `data`, topnet's stable code and field.
 */
import type { NetworkConfig } from '../../protocol/network/config.ts';
import type { Env } from '../../schema/env.ts';
import { parseTxParam, submitMany } from './admit.ts';
import * as m from './methods.ts';
import { fromErrorInfo, RpcCode, RpcError, toRpcError } from './rpcErrors.ts';
import { faucet } from './faucet.ts';
import { ETH_METHODS, parseEthRawParam } from './eth/ethMethods.ts';
import { toEthError } from './eth/ethErrors.ts';
import * as dpos from './dposMethods.ts';

export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_BATCH = 5000;

type Method = (c: m.Ctx, params: unknown[]) => Promise<unknown>;

export const METHODS: Record<string, Method> = {
  getAccount: m.getAccount,
  getTransaction: m.getTransaction,
  getBlock: m.getBlock,
  getBlockByHeight: m.getBlockByHeight,
  getLatestBlock: m.getLatestBlock,
  getLatestTables: m.getLatestTables,
  getCrossReceiptIds: m.getCrossReceiptIds,
  getConsensus: m.getConsensus,
  getChainId: m.getChainId,
  getGeneralInfos: m.getGeneralInfos,
  getTimerInfo: m.getTimerInfo,
  getTableStats: m.getTableStats,
  requestFaucet: faucet,
  ...ETH_METHODS,
  getStandbys: dpos.getStandbys,
  getElectInfo: dpos.getElectInfo,
  getElections: dpos.getElections,
  getNodes: dpos.getNodes,
  queryNodeInfo: dpos.queryNodeInfo,
  queryNodeReward: dpos.queryNodeReward,
  listVoteUsed: dpos.listVoteUsed,
  deregisterNode: dpos.deregisterNode,
  submitEvidence: dpos.submitEvidence,
};

interface Req {
  jsonrpc?: unknown;
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

type Res =
  | { jsonrpc: '2.0'; id: unknown; result: unknown }
  | { jsonrpc: '2.0'; id: unknown; error: { code: number; message: string; data?: unknown } };

function err(id: unknown, e: unknown): Res {
  const r = toRpcError(e);
  return {
    jsonrpc: '2.0',
    id: id ?? null,
    error: { code: r.rpcCode, message: r.message, ...(r.data ? { data: r.data } : {}) },
  };
}

function validRequest(r: unknown): r is Req & { method: string } {
  return typeof r === 'object' && r !== null && !Array.isArray(r) && typeof (r as Req).method === 'string';
}

function paramsOf(r: Req): unknown[] {
  if (r.params === undefined) return [];
  if (Array.isArray(r.params)) return r.params;
  // Named params: pass the object as the single argument.
  return [r.params];
}

/** Handles one parsed JSON-RPC body (object or array); null means "no response" (all notifications). */
export async function handleRpc(
  env: Env,
  config: NetworkConfig,
  ip: string,
  body: unknown,
): Promise<Res | Res[] | null> {
  const ctx: m.Ctx = { env, config, ip };
  const batch = Array.isArray(body);
  const reqs = batch ? (body as unknown[]) : [body];
  if (batch && reqs.length === 0) return err(null, new RpcError(RpcCode.invalidRequest, 'empty batch'));
  if (reqs.length > MAX_BATCH)
    return err(
      null,
      new RpcError(RpcCode.limit, `batch of ${reqs.length} exceeds ${MAX_BATCH}`, {
        code: 'OVERSIZED_BATCH',
        message: `at most ${MAX_BATCH} calls per batch`,
      }),
    );
  const out: (Res | undefined)[] = new Array(reqs.length);
  const sends: { i: number; tx: unknown; eth?: true }[] = [];
  const others: Promise<void>[] = [];
  reqs.forEach((r, i) => {
    if (!validRequest(r) || (r.jsonrpc !== undefined && r.jsonrpc !== '2.0')) {
      out[i] = err(
        validRequest(r) ? r.id : null,
        new RpcError(RpcCode.invalidRequest, 'not a JSON-RPC 2.0 request object'),
      );
      return;
    }
    if (r.method === 'sendTransaction') {
      const p = paramsOf(r);
      if (p.length !== 1)
        out[i] = err(
          r.id,
          new RpcError(RpcCode.invalidParams, 'sendTransaction takes one transaction', {
            code: 'BAD_TYPE',
            message: 'expected [transaction]',
            field: 'params',
          }),
        );
      else sends.push({ i, tx: p[0] });
      return;
    }
    if (r.method === 'eth_sendRawTransaction') {
      const p = paramsOf(r);
      if (p.length !== 1)
        out[i] = err(
          r.id,
          toEthError(new RpcError(RpcCode.invalidParams, 'eth_sendRawTransaction takes one param')),
        );
      else sends.push({ i, tx: p[0], eth: true });
      return;
    }
    const fn = METHODS[r.method];
    if (!fn) {
      out[i] = err(
        r.id,
        new RpcError(RpcCode.methodNotFound, `method ${r.method.slice(0, 60)} does not exist`),
      );
      return;
    }
    others.push(
      fn(ctx, paramsOf(r)).then(
        (result) => void (out[i] = { jsonrpc: '2.0', id: r.id ?? null, result: result ?? null }),
        (e) => void (out[i] = err(r.id, e)),
      ),
    );
  });
  if (sends.length) {
    const outcomes = await submitMany(
      env,
      config,
      sends.map((s) => s.tx),
      (p, k, now) => (sends[k]!.eth ? parseEthRawParam(p, now) : parseTxParam(p)),
    );
    sends.forEach((s, k) => {
      const id = (reqs[s.i] as Req).id ?? null;
      const o = outcomes[k]!;
      if (s.eth) {
        if (!o.ok) out[s.i] = err(id, toEthError(o.error));
        else if (o.result.status === 'rejected')
          out[s.i] = err(id, toEthError(fromErrorInfo(o.result.error)));
        else out[s.i] = { jsonrpc: '2.0', id, result: o.result.hash };
      } else if (!o.ok) out[s.i] = err(id, o.error);
      else if (o.result.status === 'rejected') out[s.i] = err(id, fromErrorInfo(o.result.error));
      else out[s.i] = { jsonrpc: '2.0', id, result: o.result };
    });
  }
  await Promise.all(others);
  const responses = out.filter((r, i): r is Res => !!r && (reqs[i] as Req)?.id !== undefined);
  if (!batch) return (reqs[0] as Req)?.id === undefined && validRequest(reqs[0]) ? null : out[0]!;
  return responses.length ? responses : null;
}
