/**
 * The independent check of a beacon's DPoS history, from its event log alone: it rebuilds the
 * registry from the logged registry transactions (re-checking every account signature), re-checks
 * every slashing's evidence against the convicted committee's keys, recomputes every settlement
 * (credits, rewards, which must add up to the issuance), re-verifies every candidate's RFC 9381
 * proof, recomputes every stake and eligibility, re-runs every sortition and table deal and the
 * seed chain, and reports each difference from what the beacon logged.
 */
import { bytesEqual, fromHex, toHex } from '../bytes.ts';
import { genesisSeed } from '../election/index.ts';
import { electionAlpha } from '../election/electionAlpha.ts';
import { verifySignature } from '../keys/signer.ts';
import { nobleVerifier } from '../pbft/crypto.ts';
import { decodeTx } from '../tx/encodeTx.ts';
import { txHash } from '../tx/txHash.ts';
import { vrfVerify } from '../vrf/index.ts';
import { assignTables } from './assignTables.ts';
import {
  DposEvent,
  evidenceKey,
  type EpochElection,
  type EvidenceAcceptedBody,
  type NodeDeregisteredBody,
  type NodeTxsBody,
} from './beaconEvents.ts';
import { candidateStanding, decideCommittees, type ElectionLayout } from './electEpoch.ts';
import { checkEquivocation } from './equivocation.ts';
import { checkNodeMessage } from './nodeMessage.ts';
import { dposParams } from './params.ts';
import { applyNodeTx, deregisterNode, emptyRegistry, ineligibility, slashNode } from './registry.ts';
import { settleEpoch } from './settleEpoch.ts';

export interface LoggedEvent {
  seq: number;
  type: string;
  body: unknown;
}

export interface GenesisLike {
  config: ElectionLayout & { name: string; seed: string; chainId: number };
}

export interface BeaconLogReport {
  ok: boolean;
  elections: number;
  proofsVerified: number;
  sortitionsMatched: number;
  settlementsMatched: number;
  registryTxs: number;
  slashes: number;
  /** Sum of every settlement's rewards equals its issuance, all epochs. */
  issuedTotal: string;
  errors: string[];
}

const json = (v: unknown) => JSON.stringify(v);

/** The first seed of a network's election chain. */
export function firstElectionSeed(config: { name: string; seed: string }): Uint8Array {
  return genesisSeed(`${config.name}/${config.seed.toLowerCase()}`);
}

export function verifyBeaconLog(events: readonly LoggedEvent[]): BeaconLogReport {
  const errors: string[] = [];
  const report: BeaconLogReport = {
    ok: false,
    elections: 0,
    proofsVerified: 0,
    sortitionsMatched: 0,
    settlementsMatched: 0,
    registryTxs: 0,
    slashes: 0,
    issuedTotal: '0',
    errors,
  };
  const genesis = events[0];
  if (!genesis || genesis.type !== 'Genesis') {
    errors.push('the log does not start with Genesis');
    return report;
  }
  const config = (genesis.body as GenesisLike).config;
  const params = dposParams(config.seed);
  const ctx = { seedHex: config.seed, params };
  const reg = emptyRegistry();
  let seed = firstElectionSeed(config);
  let previous: string[][] = [];
  const membersByEpoch = new Map<number, string[][]>();
  let issued = 0n;

  for (const ev of events.slice(1)) {
    const at = `event ${ev.seq} (${ev.type})`;
    try {
      if (ev.type === DposEvent.nodeTxs) {
        for (const hex of (ev.body as NodeTxsBody).txs) {
          const tx = decodeTx(fromHex(hex, 'tx'));
          const h = txHash(tx);
          if (!verifySignature(tx.sender, h, tx.signature))
            errors.push(`${at}: tx ${toHex(h)} signature invalid`);
          else if (applyNodeTx(reg, tx, h, ctx)) report.registryTxs++;
        }
      } else if (ev.type === DposEvent.deregistered) {
        const b = ev.body as NodeDeregisteredBody;
        const m = checkNodeMessage(b.message, b.signature, config.chainId);
        deregisterNode(reg, m.node, params);
      } else if (ev.type === DposEvent.evidence) {
        const b = ev.body as EvidenceAcceptedBody;
        const members = membersByEpoch.get(b.evidence.epoch)?.[b.evidence.committee];
        if (!members)
          throw new Error(`evidence names unknown committee ${b.evidence.epoch}/${b.evidence.committee}`);
        const c = checkEquivocation(
          b.evidence,
          members.map((k) => fromHex(k, 'key', 32)),
          nobleVerifier,
        );
        const offender = previousOf(events, b.evidence.epoch)?.[b.evidence.committee]?.[c.sender];
        if (offender !== b.offender)
          errors.push(`${at}: evidence convicts ${offender}, log says ${b.offender}`);
        const key = evidenceKey(b.evidence.epoch, b.evidence.committee, c);
        if (reg.evidence.has(key)) errors.push(`${at}: evidence used twice`);
        reg.evidence.add(key);
        slashNode(reg, b.offender, params);
        report.slashes++;
      } else if (ev.type === DposEvent.epochStarted) {
        const b = ev.body as { epoch: number } & Partial<EpochElection>;
        if (!b.election) continue;
        if (json(b.params) !== json(params)) errors.push(`${at}: params differ from the network's`);
        if (b.epoch !== reg.epoch + 1) errors.push(`${at}: epoch ${b.epoch} does not follow ${reg.epoch}`);
        if (reg.epoch > 0) {
          if (!b.settlement) errors.push(`${at}: no settlement for epoch ${reg.epoch}`);
          else {
            const mine = settleEpoch(reg, params, b.settlement.workload);
            if (json(mine) !== json(b.settlement)) errors.push(`${at}: settlement differs`);
            else report.settlementsMatched++;
            const sum = mine.rewards.reduce((s, l) => s + BigInt(l.amount), 0n);
            if (sum !== BigInt(params.issuance))
              errors.push(`${at}: rewards sum to ${sum}, not ${params.issuance}`);
            issued += sum;
          }
        }
        reg.epoch = b.epoch;
        checkElection(b.election, at);
        membersByEpoch.set(b.epoch, b.election.members);
        seed = fromHex(b.election.nextSeed, 'nextSeed', 32);
        previous = b.election.committees;
        report.elections++;
      }
    } catch (e) {
      errors.push(`${at}: ${(e as Error).message}`);
    }
  }

  function checkElection(r: EpochElection['election'], at: string): void {
    if (r.seed !== '0x' + toHex(seed)) errors.push(`${at}: seed does not chain from the previous election`);
    if (r.alpha !== '0x' + toHex(electionAlpha(seed, r.epoch))) errors.push(`${at}: alpha differs`);
    if (json(r.previous) !== json(previous)) errors.push(`${at}: previous committees differ`);
    const logged = new Map(r.candidates.map((c) => [c.address, c]));
    const excluded: { address: string; reason: string }[] = [];
    const nodes = [...reg.nodes.values()].sort((a, b) => (a.address < b.address ? -1 : 1));
    for (const n of nodes) {
      const why = ineligibility(n, r.epoch, params);
      if (why) {
        excluded.push({ address: n.address, reason: why });
        if (logged.has(n.address)) errors.push(`${at}: ${n.address} stood but is ${why}`);
        continue;
      }
      const c = logged.get(n.address);
      if (!c) {
        errors.push(`${at}: eligible ${n.address} is missing`);
        continue;
      }
      const expect = candidateStanding(reg, n);
      for (const [k, v] of Object.entries(expect))
        if ((c as unknown as Record<string, unknown>)[k] !== v)
          errors.push(
            `${at}: ${n.address} ${k} is ${String((c as unknown as Record<string, unknown>)[k])}, expected ${v}`,
          );
      const v = vrfVerify(
        fromHex(n.vrfKey, 'vrfKey', 32),
        fromHex(c.proof, 'proof'),
        fromHex(r.alpha, 'alpha', 32),
      );
      if (!v.valid) {
        if (c.beta !== null) errors.push(`${at}: ${n.address}'s proof does not verify (${v.reason})`);
      } else if (c.beta === null || !bytesEqual(v.beta, fromHex(c.beta, 'beta', 64)))
        errors.push(`${at}: ${n.address}'s beta is not its proof's output`);
      else report.proofsVerified++;
    }
    if (r.candidates.length !== nodes.length - excluded.length) errors.push(`${at}: extra candidates logged`);
    if (json(excluded) !== json(r.excluded)) errors.push(`${at}: excluded list differs`);
    const layout: ElectionLayout = config;
    const again = decideCommittees({
      seed,
      candidates: r.candidates,
      layout,
      maxRotationPpm: params.maxRotationPpm,
      previous,
    });
    if (json(again.committees) !== json(r.committees))
      errors.push(`${at}: committees differ from the re-run sortition`);
    else report.sortitionsMatched++;
    if (json(again.ranking) !== json(r.ranking)) errors.push(`${at}: ranking differs`);
    if (again.nextSeed !== r.nextSeed) errors.push(`${at}: next seed differs`);
    if (json(assignTables(layout, r.loads)) !== json(r.tables)) errors.push(`${at}: table deal differs`);
    const keys = again.committees.map((c) => c.map((a) => reg.nodes.get(a)!.consensusKey));
    if (json(keys) !== json(r.members)) errors.push(`${at}: member keys differ`);
  }

  report.issuedTotal = issued.toString();
  report.ok = errors.length === 0;
  return report;
}

/** Committees (addresses) elected for `epoch`, from the log. */
function previousOf(events: readonly LoggedEvent[], epoch: number): string[][] | undefined {
  for (const e of events)
    if (e.type === DposEvent.epochStarted) {
      const b = e.body as { epoch: number } & Partial<EpochElection>;
      if (b.epoch === epoch && b.election) return b.election.committees;
    }
  return undefined;
}
