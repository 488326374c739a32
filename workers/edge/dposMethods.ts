/**
 * PBFT-DPoS JSON-RPC methods (TOP names where they exist): getStandbys, getElectInfo,
 * queryNodeInfo, queryNodeReward, listVoteUsed, plus topnet's getElections, getNodes,
 * deregisterNode (a message signed by the node's account key) and submitEvidence (equivocation
 * evidence, checked here against the named committee before the beacon re-checks and slashes).
 * Registering, voting and unvoting are ordinary transactions (sendTransaction).
 */
import { parseAddress } from '../../protocol/keys/address.ts';
import { ErrorCode, fail } from '../../protocol/errors.ts';
import { checkNodeMessage } from '../../protocol/dpos/nodeMessage.ts';
import { beaconName } from '../../durable-objects/base/config.ts';
import { verifyEvidence } from '../../durable-objects/beacon/dposDecide.ts';
import type { ErrorInfo } from '../../schema/rpc.ts';
import type { Ctx } from './methods.ts';
import { fromErrorInfo, RpcCode, RpcError } from './rpcErrors.ts';

function beacon(c: Ctx) {
  return c.env.BEACON.getByName(beaconName(c.config));
}

const notFound = (what: string): RpcError =>
  new RpcError(RpcCode.notFound, `${what} not found`, { code: 'NOT_FOUND', message: `${what} not found` });

function epochParam(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1)
    fail(ErrorCode.NOT_INTEGER, 'expected an epoch number (integer ≥ 1)', 'epoch');
  return v;
}

function unwrap<T extends object>(r: T | { error: ErrorInfo }): T {
  if ('error' in r) throw fromErrorInfo(r.error);
  return r;
}

export async function getStandbys(c: Ctx) {
  return beacon(c).standbys();
}

export async function getElectInfo(c: Ctx, [epoch]: unknown[]) {
  const e = epochParam(epoch);
  const info = await beacon(c).electInfo(e);
  if (!info) throw notFound(e === undefined ? 'election' : `election of epoch ${e}`);
  return info;
}

export async function getElections(c: Ctx) {
  return beacon(c).elections();
}

export async function getNodes(c: Ctx) {
  return beacon(c).nodes();
}

export async function queryNodeInfo(c: Ctx, [address]: unknown[]) {
  const a = parseAddress(address, 'address').text;
  const n = await beacon(c).nodeInfo(a);
  if (!n) throw notFound(`node ${a}`);
  return n;
}

export async function queryNodeReward(c: Ctx, [address]: unknown[]) {
  return beacon(c).nodeReward(parseAddress(address, 'address').text);
}

export async function listVoteUsed(c: Ctx, [voter]: unknown[]) {
  return beacon(c).votesUsed(parseAddress(voter, 'voter').text);
}

/** params: [{ message: { chainId, kind: 'deregister', node, epoch }, signature }] */
export async function deregisterNode(c: Ctx, [arg]: unknown[]) {
  const o = (arg ?? {}) as { message?: unknown; signature?: unknown };
  checkNodeMessage(o.message, o.signature, c.config.chainId);
  return unwrap(await beacon(c).deregisterNode(o.message, o.signature));
}

/** params: [{ epoch, committee, a, b }] — two conflicting signed PBFT votes (0x-hex). */
export async function submitEvidence(c: Ctx, [evidence]: unknown[]) {
  const e = (evidence ?? {}) as { epoch?: unknown; committee?: unknown };
  const b = beacon(c);
  let committee: Awaited<ReturnType<typeof b.epochCommittee>> | null = null;
  if (typeof e.epoch === 'number' && typeof e.committee === 'number') {
    const zone = Math.floor(e.committee / c.config.committeesPerZone);
    committee = await b.epochCommittee(e.epoch, zone, e.committee % c.config.committeesPerZone);
  }
  const checked = verifyEvidence(evidence, () => committee);
  return unwrap(await b.submitEvidence(checked.evidence));
}
