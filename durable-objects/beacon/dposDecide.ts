/**
 * The beacon's DPoS decisions around protocol/dpos: which forwarded registry transactions to take
 * (signatures re-checked through WebCrypto where it can), the next epoch's EpochStarted body
 * (settlement of the closing epoch, then the election with the hosted nodes' VRF proofs), and what
 * a piece of equivocation evidence proves against the committee it names.
 */
import { fromHex } from '../../protocol/bytes.ts';
import { ErrorCode, fail } from '../../protocol/errors.ts';
import { verifySignatureAsync } from '../../protocol/keys/signer.ts';
import { nobleVerifier } from '../../protocol/pbft/crypto.ts';
import { decodeTx } from '../../protocol/tx/encodeTx.ts';
import { txHash } from '../../protocol/tx/txHash.ts';
import { TxType } from '../../protocol/tx/types.ts';
import { toHex } from '../../protocol/bytes.ts';
import { vrfProve } from '../../protocol/vrf/index.ts';
import { electEpoch } from '../../protocol/dpos/electEpoch.ts';
import { checkEquivocation, type Conviction, type Evidence } from '../../protocol/dpos/equivocation.ts';
import { hostedKeys } from '../../protocol/dpos/hostedKeys.ts';
import type { DposParams } from '../../protocol/dpos/params.ts';
import type { Registry } from '../../protocol/dpos/registry.ts';
import { settleEpoch, type Workload } from '../../protocol/dpos/settleEpoch.ts';
import type { EpochElection, NodeTxsBody } from '../../protocol/dpos/beaconEvents.ts';
import { tableCount, type NetworkConfig } from '../../protocol/network/config.ts';
import type { CommitteeInfo } from '../../schema/rpc.ts';
import type { EpochCommittee, WorkloadReport } from '../../schema/dpos.ts';

const REGISTRY_TYPES = new Set<number>([TxType.registerNode, TxType.vote, TxType.unvote]);

/** Keeps, per batch, the transactions not seen before; any bad one rejects the whole call. */
export async function checkNodeTxs(batches: unknown, reg: Registry): Promise<NodeTxsBody[]> {
  if (!Array.isArray(batches)) fail(ErrorCode.BAD_TYPE, 'expected an array of registry batches', 'batches');
  const out: NodeTxsBody[] = [];
  for (const [i, b] of (batches as NodeTxsBody[]).entries()) {
    if (!b || !Array.isArray(b.txs))
      fail(ErrorCode.BAD_TYPE, 'expected { table, height, txs }', `batches[${i}]`);
    const txs: string[] = [];
    for (const [j, hex] of b.txs.entries()) {
      const tx = decodeTx(fromHex(hex, `batches[${i}].txs[${j}]`));
      if (!REGISTRY_TYPES.has(tx.type))
        fail(
          ErrorCode.UNSUPPORTED,
          `type ${tx.type} is not a registry transaction`,
          `batches[${i}].txs[${j}]`,
        );
      const h = txHash(tx);
      if (reg.applied.has(toHex(h))) continue;
      if (!(await verifySignatureAsync(tx.sender, h, tx.signature)))
        fail(ErrorCode.BAD_SIGNATURE, 'signature does not verify for the sender', `batches[${i}].txs[${j}]`);
      txs.push(hex);
    }
    if (txs.length) out.push({ table: b.table, height: b.height, txs });
  }
  return out;
}

export interface ElectNextInput {
  reg: Registry;
  config: NetworkConfig;
  params: DposParams;
  seed: Uint8Array;
  previous: string[][];
  reports: WorkloadReport[];
}

/** Settles the closing epoch (if any), moves to the next and elects it. Mutates the registry. */
export function electNext(i: ElectNextInput): { epoch: number; committees: CommitteeInfo[] } & EpochElection {
  const { reg, config, params } = i;
  const workload: Workload[] = i.reports.flatMap((r) => r.members);
  const loads = Array.from({ length: tableCount(config) }, () => 0);
  for (const r of i.reports) for (const t of r.tables) loads[t.table] = (loads[t.table] ?? 0) + t.blocks;
  const settlement = reg.epoch > 0 ? settleEpoch(reg, params, workload) : undefined;
  reg.epoch += 1;
  const election = electEpoch({
    registry: reg,
    epoch: reg.epoch,
    seed: i.seed,
    params,
    layout: config,
    previous: i.previous,
    loads,
    prove: (address, alpha) => vrfProve(hostedKeys(config.seed, address).vrfSecret, alpha),
  });
  const committees: (CommitteeInfo & { nodes: string[] })[] = election.committees.map((nodes, g) => {
    const zone = Math.floor(g / config.committeesPerZone);
    const index = g % config.committeesPerZone;
    return {
      name: `${config.name}/committee/${zone}/${index}`,
      zone,
      index,
      tables: election.tables[g]!,
      members: election.members[g]!,
      nodes,
    };
  });
  return { epoch: reg.epoch, committees, params, ...(settlement ? { settlement } : {}), election };
}

/** What the evidence proves and whom it convicts, or a clear error. */
export function verifyEvidence(
  raw: unknown,
  committeeOf: (epoch: number, g: number) => EpochCommittee | null,
): { evidence: Evidence; conviction: Conviction; offender: string } {
  if (typeof raw !== 'object' || raw === null)
    fail(ErrorCode.BAD_TYPE, 'expected an evidence object', 'evidence');
  const e = raw as Record<string, unknown>;
  for (const k of ['epoch', 'committee'] as const)
    if (typeof e[k] !== 'number' || !Number.isSafeInteger(e[k]) || (e[k] as number) < 0)
      fail(ErrorCode.NOT_INTEGER, `expected ${k} as a non-negative integer`, `evidence.${k}`);
  const evidence: Evidence = {
    epoch: e.epoch as number,
    committee: e.committee as number,
    a: e.a as string,
    b: e.b as string,
  };
  const c = committeeOf(evidence.epoch, evidence.committee);
  if (!c)
    fail(
      ErrorCode.NOT_FOUND,
      `no committee ${evidence.committee} in epoch ${evidence.epoch}`,
      'evidence.committee',
    );
  if (!c.nodes)
    fail(
      ErrorCode.UNSUPPORTED,
      'genesis committees are run by the network itself, not by nodes',
      'evidence.epoch',
    );
  const conviction = checkEquivocation(
    evidence,
    c.members.map((k) => fromHex(k, 'member', 32)),
    nobleVerifier,
  );
  return { evidence, conviction, offender: c.nodes[conviction.sender]! };
}
