/**
 * The beacon's DPoS events — their type names and bodies — and the fold that rebuilds the node
 * registry from them. The beacon folds its own log with these functions when it loads; a checker
 * folds a fetched log the same way but recomputes every election and settlement instead of taking
 * them from the log (verifyBeaconLog.ts). schema/events.ts re-exports these types.
 */
import { fromHex } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { decodeTx } from '../tx/encodeTx.ts';
import { txHash } from '../tx/txHash.ts';
import type { ElectionRecord } from './electEpoch.ts';
import type { Conviction, Evidence } from './equivocation.ts';
import type { NodeMessage } from './nodeMessage.ts';
import type { DposParams } from './params.ts';
import { applyNodeTx, deregisterNode, slashNode, type Registry, type RegistryContext } from './registry.ts';
import type { Settlement } from './settleEpoch.ts';

export const DposEvent = {
  nodeTxs: 'NodeTxs',
  deregistered: 'NodeDeregistered',
  evidence: 'EvidenceAccepted',
  epochStarted: 'EpochStarted',
} as const;

/** Registry transactions one table committed in one block, forwarded to the beacon (0x-hex signed txs). */
export interface NodeTxsBody {
  table: number;
  height: number;
  txs: string[];
}

export interface NodeDeregisteredBody {
  message: NodeMessage;
  signature: string;
}

export interface EvidenceAcceptedBody {
  evidence: Evidence;
  offender: string;
  conviction: Conviction;
}

/** The DPoS part of an EpochStarted body (beside `epoch` and `committees`). */
export interface EpochElection {
  params: DposParams;
  /** The closing epoch's settlement; absent at the first election. */
  settlement?: Settlement;
  election: ElectionRecord;
}

export function applyNodeTxsBody(reg: Registry, body: NodeTxsBody, ctx: RegistryContext): number {
  let applied = 0;
  body.txs.forEach((hex, i) => {
    const tx = decodeTx(fromHex(hex, `txs[${i}]`));
    if (applyNodeTx(reg, tx, txHash(tx), ctx)) applied++;
  });
  return applied;
}

/** Applies a logged settlement's effects (credits, rewards) without recomputing it. */
export function applySettlement(reg: Registry, s: Settlement): void {
  for (const c of s.credits) {
    const n = reg.nodes.get(c.address);
    if (!n) fail(ErrorCode.NOT_FOUND, `settlement names unknown node ${c.address}`, 'credits');
    n.creditPpm = c.after;
  }
  for (const l of s.rewards) reg.rewards.set(l.to, (reg.rewards.get(l.to) ?? 0n) + BigInt(l.amount));
  reg.slashedThisEpoch.clear();
}

/** The beacon's own replay of one logged event (trusting its own log's elections and settlements). */
export function foldBeaconEvent(reg: Registry, type: string, body: unknown, ctx: RegistryContext): void {
  switch (type) {
    case DposEvent.nodeTxs:
      applyNodeTxsBody(reg, body as NodeTxsBody, ctx);
      break;
    case DposEvent.deregistered:
      deregisterNode(reg, (body as NodeDeregisteredBody).message.node, ctx.params);
      break;
    case DposEvent.evidence: {
      const b = body as EvidenceAcceptedBody;
      reg.evidence.add(evidenceKey(b.evidence.epoch, b.evidence.committee, b.conviction));
      slashNode(reg, b.offender, ctx.params);
      break;
    }
    case DposEvent.epochStarted: {
      const b = body as { epoch: number } & Partial<EpochElection>;
      if (!b.election) break;
      if (b.settlement) applySettlement(reg, b.settlement);
      reg.epoch = b.epoch;
      break;
    }
  }
}

export function evidenceKey(
  epoch: number,
  committee: number,
  c: Pick<Conviction, 'sender' | 'view' | 'seq'>,
): string {
  return `${epoch}/${committee}/${c.sender}/${c.view}/${c.seq}`;
}
