/**
 * The node registry the beacon keeps: registered nodes (role, deposit, keys, declared compute
 * weight, dividend ratio, credit, locks) and the votes behind each node, folded from the registry
 * transactions tables forward (registerNode, vote, unvote — their funds were locked by the
 * sender's table when it committed them), deregistrations and slashes. A second registerNode from
 * the same account updates the node and adds its amount to the deposit.
 */
import { toHex } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { auditorStake, validatorStake, CREDIT_INITIAL_PPM } from '../stake/index.ts';
import { NodeRole, TxType, type Tx } from '../tx/types.ts';
import { hostedKeys } from './hostedKeys.ts';
import { minDepositOf, type DposParams } from './params.ts';

export interface NodeRecord {
  address: string;
  role: NodeRole;
  /** uTOP locked as the node's deposit. */
  deposit: bigint;
  consensusKey: string;
  vrfKey: string;
  computeWeight: number;
  dividendRatePpm: number;
  creditPpm: number;
  registeredEpoch: number;
  lockedUntilEpoch: number;
  deregisteredEpoch: number | null;
  /** Elections of epochs up to and including this one leave the node out. */
  jailedUntilEpoch: number;
  slashes: number;
  /** Declared keys equal the network-derived (hosted) ones, so the network can run its replica. */
  hosted: boolean;
}

export interface Registry {
  /** The current epoch: 0 until the first election. */
  epoch: number;
  nodes: Map<string, NodeRecord>;
  /** node → voter → uTOP. */
  votes: Map<string, Map<string, bigint>>;
  /** Hashes of registry transactions applied (a table may forward one twice). */
  applied: Set<string>;
  /** Slashes recorded during the current epoch, by node. */
  slashedThisEpoch: Map<string, number>;
  /** Evidence already used: `${epoch}/${committee}/${sender}/${view}/${seq}`. */
  evidence: Set<string>;
  /** Rewards accrued so far, by account (nodes and voters alike). */
  rewards: Map<string, bigint>;
}

export function emptyRegistry(): Registry {
  return {
    epoch: 0,
    nodes: new Map(),
    votes: new Map(),
    applied: new Set(),
    slashedThisEpoch: new Map(),
    evidence: new Set(),
    rewards: new Map(),
  };
}

export interface RegistryContext {
  seedHex: string;
  params: DposParams;
}

/**
 * Applies one registry transaction a table committed. Returns false for a duplicate (already
 * applied), true otherwise. The signature is the caller's to check; types other than
 * registerNode, vote and unvote are refused.
 */
export function applyNodeTx(reg: Registry, tx: Tx, hash: Uint8Array, ctx: RegistryContext): boolean {
  const h = toHex(hash);
  if (reg.applied.has(h)) return false;
  switch (tx.type) {
    case TxType.registerNode: {
      const p = tx.payload;
      if (!p) fail(ErrorCode.BAD_TYPE, 'registerNode needs a payload', 'payload');
      const keys = hostedKeys(ctx.seedHex, tx.sender);
      const consensusKey = '0x' + toHex(p.consensusKey);
      const vrfKey = '0x' + toHex(p.vrfKey);
      const hosted = consensusKey === '0x' + toHex(keys.consensusKey) && vrfKey === '0x' + toHex(keys.vrfKey);
      const old = reg.nodes.get(tx.sender);
      const lock = reg.epoch + ctx.params.depositLockEpochs;
      reg.nodes.set(tx.sender, {
        address: tx.sender,
        role: p.role,
        deposit: (old?.deposit ?? 0n) + tx.amount,
        consensusKey,
        vrfKey,
        computeWeight: p.computeWeight,
        dividendRatePpm: p.dividendRatePpm,
        creditPpm: old?.creditPpm ?? CREDIT_INITIAL_PPM,
        registeredEpoch: old && old.deregisteredEpoch === null ? old.registeredEpoch : reg.epoch,
        lockedUntilEpoch: Math.max(old?.lockedUntilEpoch ?? 0, tx.amount > 0n ? lock : 0),
        deregisteredEpoch: null,
        jailedUntilEpoch: old?.jailedUntilEpoch ?? 0,
        slashes: old?.slashes ?? 0,
        hosted,
      });
      break;
    }
    case TxType.vote:
    case TxType.unvote: {
      let voters = reg.votes.get(tx.receiver);
      if (!voters) reg.votes.set(tx.receiver, (voters = new Map()));
      const cur = voters.get(tx.sender) ?? 0n;
      const next = tx.type === TxType.vote ? cur + tx.amount : cur - tx.amount;
      if (next < 0n) fail(ErrorCode.INSUFFICIENT_FUNDS, 'unvotes more than voted', 'amount');
      if (next === 0n) voters.delete(tx.sender);
      else voters.set(tx.sender, next);
      break;
    }
    default:
      fail(ErrorCode.UNSUPPORTED, `transaction type ${tx.type} is not a registry transaction`, 'type');
  }
  reg.applied.add(h);
  return true;
}

/** A node leaves: no longer electable; its deposit stays locked for the lock period from now. */
export function deregisterNode(reg: Registry, address: string, params: DposParams): void {
  const n = reg.nodes.get(address);
  if (!n) fail(ErrorCode.NOT_FOUND, `${address} is not a registered node`, 'node');
  if (n.deregisteredEpoch !== null)
    fail(ErrorCode.OUT_OF_RANGE, `${address} is already deregistered`, 'node');
  n.deregisteredEpoch = reg.epoch;
  n.lockedUntilEpoch = Math.max(n.lockedUntilEpoch, reg.epoch + params.depositLockEpochs);
}

/** A proven equivocation: jail for the next elections, extend the deposit lock, count the slash. */
export function slashNode(reg: Registry, address: string, params: DposParams): void {
  const n = reg.nodes.get(address);
  if (!n) fail(ErrorCode.NOT_FOUND, `${address} is not a registered node`, 'node');
  n.slashes += 1;
  n.jailedUntilEpoch = Math.max(n.jailedUntilEpoch, reg.epoch + params.slashJailEpochs);
  n.lockedUntilEpoch = Math.max(n.lockedUntilEpoch, reg.epoch) + params.slashLockEpochs;
  reg.slashedThisEpoch.set(address, (reg.slashedThisEpoch.get(address) ?? 0) + 1);
}

export function votesFor(reg: Registry, node: string): bigint {
  let s = 0n;
  for (const v of reg.votes.get(node)?.values() ?? []) s += v;
  return s;
}

/** Comprehensive stake (whole TOP units): validators by the validator formula, advance nodes by the auditor one. */
export function stakeOf(reg: Registry, n: NodeRecord): bigint {
  const inputs = {
    depositUtop: n.deposit,
    votesUtop: votesFor(reg, n.address),
    creditPpm: n.creditPpm,
    computeWeight: n.computeWeight,
  };
  if (n.role === NodeRole.validator) return validatorStake(inputs);
  if (n.role === NodeRole.advance) return auditorStake(inputs);
  return 0n;
}

/** Why a node cannot stand in the election of `epoch`, or null if it can. */
export function ineligibility(n: NodeRecord, epoch: number, params: DposParams): string | null {
  if (n.role !== NodeRole.validator) return 'role';
  if (n.deregisteredEpoch !== null) return 'deregistered';
  if (!n.hosted) return 'keys-not-hosted';
  if (n.deposit < minDepositOf(params, n.role)) return 'deposit-below-minimum';
  if (epoch <= n.jailedUntilEpoch) return 'jailed';
  return null;
}
