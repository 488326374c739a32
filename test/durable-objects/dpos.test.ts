/**
 * PBFT-DPoS in workerd, end to end through the edge: 30 nodes register with varied deposits (real
 * transactions, funds locked by their tables and forwarded to the beacon), voters vote, and 20
 * epochs run under transfer load, each one closed while transfers are in flight. Then, from the
 * beacon's log alone, an independent check re-verifies every VRF proof, re-runs every sortition and
 * settlement (rewards and dividends add up to the issuance exactly); every table chain has
 * consecutive heights, each block certified by the committee that owned the table in its epoch
 * and never going back an epoch; every transfer is final exactly once. An equivocating member is
 * detected in its committee's traffic, the evidence is submitted, it is slashed and is not in the
 * next committee.
 */
import { env, exports } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { config, dev, eventsOf, settle, tableOfAddr, tableStub, waitFor, Wallet } from './helpers.ts';
import { verifyHeaderCertificate } from '../../durable-objects/table/verifyEnvelope.ts';
import { beaconName } from '../../durable-objects/base/config.ts';
import { fromHex, toHex, utf8 } from '../../protocol/bytes.ts';
import { sha256 } from '../../protocol/hash.ts';
import { signerFromSecret, type Signer } from '../../protocol/keys/signer.ts';
import { UTOP_PER_TOP } from '../../protocol/amount.ts';
import { txToJson } from '../../protocol/tx/txJson.ts';
import { NodeRole, TxType, type Tx } from '../../protocol/tx/types.ts';
import { tableCount, genesisCommitteeOf, committeeKeys } from '../../protocol/network/config.ts';
import { hostedKeys } from '../../protocol/dpos/hostedKeys.ts';
import { findEquivocations } from '../../protocol/dpos/equivocation.ts';
import { verifyBeaconLog } from '../../protocol/dpos/verifyBeaconLog.ts';
import { dposParams } from '../../protocol/dpos/params.ts';
import { nodeMessageHash } from '../../protocol/dpos/nodeMessage.ts';
import { noblePbftCrypto } from '../../protocol/pbft/crypto.ts';
import {
  decodeSignedMessage,
  encodeSignedMessage,
  signMessage,
  type Prepare,
} from '../../protocol/pbft/messages.ts';
import type { EventRecord } from '../../schema/log.ts';
import type { ElectionRecord, NodeView, Settlement } from '../../schema/dpos.ts';

const TOP = UTOP_PER_TOP;
const beacon = env.BEACON.getByName(beaconName(config));
const params = dposParams(config.seed);

async function rpc<T = unknown>(
  method: string,
  params: unknown[],
): Promise<{
  result?: T;
  error?: { code: number; message: string; data?: { code: string; field?: string } };
}> {
  const res = await exports.default.fetch('http://topnet/rpc', {
    method: 'POST',
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return res.json();
}

async function send(txs: Tx[]): Promise<string[]> {
  const res = await exports.default.fetch('http://topnet/rpc', {
    method: 'POST',
    body: JSON.stringify(
      txs.map((tx, id) => ({ jsonrpc: '2.0', id, method: 'sendTransaction', params: [txToJson(tx)] })),
    ),
  });
  const out = (await res.json()) as { result?: { hash: string }; error?: unknown }[];
  return out.map((r, i) => {
    if (!r.result) throw new Error(`tx ${i} refused: ${JSON.stringify(r.error)}`);
    return r.result.hash;
  });
}

const signer = (label: string): Signer => signerFromSecret('ed25519', sha256(utf8(`dpos workerd ${label}`)));
const nodes = Array.from({ length: 30 }, (_, i) => new Wallet(signer(`node ${i}`)));
const voters = Array.from({ length: 3 }, (_, i) => new Wallet(signer(`voter ${i}`)));
const funders = dev.slice(0, 4).map((s) => new Wallet(s));
const deposit = (i: number) => BigInt(10_000 + ((i * 7919) % 30) * 9_000) * TOP;

async function balanceOf(address: string): Promise<bigint> {
  const r = await rpc<{ balance: string }>('getAccount', [address]);
  return BigInt(r.result!.balance);
}

type Epoch = {
  epoch: number;
  committees: { name: string; tables: number[]; members: string[]; nodes?: string[] }[];
  election?: ElectionRecord;
  settlement?: Settlement;
};

describe('PBFT-DPoS', () => {
  afterAll(() => settle());
  const transfers: { hash: string; sender: string }[] = [];
  let offender = '';
  let slashEpoch = 0;

  it('registers 30 nodes with varied stake and their voters through ordinary transactions', async () => {
    const all = [...nodes, ...voters];
    const fund = all.map((w, i) =>
      funders[i % funders.length]!.sign({
        receiver: w.signer.address,
        amount: (i < 30 ? deposit(i) : 100_000n * TOP) + 1_000n * TOP,
      }),
    );
    await send(fund);
    await waitFor(
      async () => (await Promise.all(all.map((w) => balanceOf(w.signer.address)))).every((b) => b > 0n),
      30_000,
      'funding',
    );
    await send(
      nodes.map((w, i) => {
        const k = hostedKeys(config.seed, w.signer.address);
        return w.sign({
          type: TxType.registerNode,
          receiver: w.signer.address,
          amount: deposit(i),
          payload: {
            role: NodeRole.validator,
            consensusKey: k.consensusKey,
            vrfKey: k.vrfKey,
            computeWeight: 1 + ((i * 13) % 100),
            dividendRatePpm: (i % 5) * 200_000,
          },
        });
      }),
    );
    await send(
      voters.map((v, i) =>
        v.sign({
          type: TxType.vote,
          receiver: nodes[i * 7]!.signer.address,
          amount: BigInt(20_000 * (i + 1)) * TOP,
        }),
      ),
    );
    const list = await waitFor(
      async () => {
        const r = await rpc<NodeView[]>('getNodes', []);
        return r.result!.length === 30 && r.result!.filter((n) => n.votes !== '0').length === 3 && r.result;
      },
      30_000,
      'the registry to hold 30 nodes and 3 votes',
    );
    expect(new Set(list.map((n) => n.deposit)).size).toBeGreaterThan(10);
    const info = (await rpc<NodeView>('queryNodeInfo', [nodes[7]!.signer.address])).result!;
    expect(info).toMatchObject({
      role: 'validator',
      deposit: deposit(7).toString(),
      votes: (40_000n * TOP).toString(),
      hosted: true,
      ineligible: null,
    });
    const used = (
      await rpc<{ total: string; votes: { node: string }[] }>('listVoteUsed', [voters[1]!.signer.address])
    ).result!;
    expect(used).toEqual({
      voter: voters[1]!.signer.address,
      total: (40_000n * TOP).toString(),
      votes: [{ node: nodes[7]!.signer.address, amount: (40_000n * TOP).toString() }],
    });
    expect((await rpc('queryNodeInfo', [signer('nobody').address])).error?.data?.code).toBe('NOT_FOUND');
  });

  it('runs 20 epochs under transfer load, with an equivocator detected and slashed on the way', async () => {
    for (let e = 1; e <= 20; e++) {
      // Transfers in flight while the epoch changes, then more until both committees certified blocks of it.
      await load(e, 0);
      const r = await beacon.advanceEpoch();
      expect(r.epoch).toBe(e);
      if (e === slashEpoch + 1 && offender) {
        const info = (await rpc<{ election: ElectionRecord; settlement: Settlement }>('getElectInfo', [e]))
          .result!;
        expect(info.election.committees.flat()).not.toContain(offender);
        expect(info.election.excluded).toContainEqual({ address: offender, reason: 'jailed' });
        const c = info.settlement.credits.find((x) => x.address === offender)!;
        expect(c.after).toBe(Math.max(100_000, c.before - 100_000));
        expect(info.settlement.rewards.filter((l) => l.to === offender && l.kind === 'validator')).toEqual(
          [],
        );
      }
      for (let round = 1; ; round++) {
        await load(e, round);
        const done = await waitFor(
          async () => {
            const w = await Promise.all(
              [0, 1].map((g) => env.COMMITTEE.getByName(`${config.name}/committee/0/${g}`).workload(e)),
            );
            return w.every((x) => x.tables.length > 0);
          },
          1_500,
          `blocks in epoch ${e}`,
        ).catch(() => false);
        if (done) break;
        if (round > 10) {
          const dbg = {
            assignments: await Promise.all(
              Array.from({ length: tableCount(config) }, (_, t) =>
                tableStub(t).assign({ epoch: 0, committee: 'x', zone: 0, index: 0 }),
              ),
            ),
            stats: await Promise.all(
              Array.from({ length: tableCount(config) }, (_, t) => tableStub(t).stats()),
            ),
            committees: await Promise.all(
              [0, 1].map((g) => env.COMMITTEE.getByName(`${config.name}/committee/0/${g}`).info()),
            ),
            work: await Promise.all(
              [0, 1].map((g) => env.COMMITTEE.getByName(`${config.name}/committee/0/${g}`).workload(e)),
            ),
          };
          throw new Error(`no blocks certified in epoch ${e}: ${JSON.stringify(dbg)}`);
        }
      }
      if (e === 8) {
        ({ offender } = await equivocate(e));
        slashEpoch = e;
      }
    }
    expect(offender).not.toBe('');
  });

  /** One transfer from a node of every table to another node. */
  async function load(e: number, round: number): Promise<void> {
    const byTable = new Map<number, Wallet>();
    for (const w of nodes)
      if (!byTable.has(tableOfAddr(w.signer.address))) byTable.set(tableOfAddr(w.signer.address), w);
    const senders = [...byTable.values()];
    const txs = senders.map((w, k) => {
      const to = nodes[(e * 7 + round * 3 + k * 11 + 1) % 30]!;
      const receiver = to === w ? nodes[(nodes.indexOf(w) + 1) % 30]! : to;
      return w.sign({ receiver: receiver.signer.address, amount: BigInt(1 + k) * TOP });
    });
    (await send(txs)).forEach((hash, k) => transfers.push({ hash, sender: senders[k]!.signer.address }));
  }

  /** Member 1 of committee 0 signs a second prepare for a slot it already prepared; a watcher catches it. */
  async function equivocate(epoch: number): Promise<{ offender: string }> {
    const name = `${config.name}/committee/0/0`;
    const committee = env.COMMITTEE.getByName(name);
    const info = await committee.info();
    expect(info.epoch).toBe(epoch);
    const seat = 1;
    const node = info.nodes![seat]!;
    const log = await eventsOf(committee);
    const lastSwitch = log.filter((e) => e.type === 'Certified' && e.body.epoch !== epoch).at(-1)?.seq ?? 0;
    const seen = log
      .filter(
        (e) =>
          e.type === 'Message' &&
          e.seq > lastSwitch &&
          (e.body.kind === 'prepare' || e.body.kind === 'pre-prepare'),
      )
      .map((e) => decodeSignedMessage(fromHex(e.body.message as string)));
    const honest = seen.filter((m) => m.sender === seat && m.body.type === 'prepare').at(-1)! as ReturnType<
      typeof decodeSignedMessage
    > & { body: Prepare };
    expect(honest).toBeDefined();
    const byzantine = signMessage(noblePbftCrypto(hostedKeys(config.seed, node).consensusSecret), seat, {
      type: 'prepare',
      view: honest.body.view,
      seq: honest.body.seq,
      digest: sha256(utf8('a different block')),
    });
    const [pair] = findEquivocations([...seen, byzantine]);
    expect(pair![1]).toBe(byzantine);
    const evidence = {
      epoch,
      committee: 0,
      a: '0x' + toHex(encodeSignedMessage(pair![0])),
      b: '0x' + toHex(encodeSignedMessage(pair![1])),
    };
    const bad = await rpc('submitEvidence', [{ ...evidence, b: evidence.a }]);
    expect(bad.error?.data).toMatchObject({ code: 'BAD_PROOF' });
    const r = await rpc<{ offender: string }>('submitEvidence', [evidence]);
    expect(r.result?.offender).toBe(node);
    expect((await rpc('submitEvidence', [evidence])).error?.data?.code).toBe('DUPLICATE_TX');
    const after = (await rpc<NodeView>('queryNodeInfo', [node])).result!;
    expect(after.slashes).toBe(1);
    expect(after.ineligible).toBe('jailed');
    return { offender: node };
  }

  it('an independent check rebuilt from the beacon log alone re-verifies every proof, sortition and settlement', async () => {
    const log: EventRecord[] = await eventsOf(beacon);
    const r = verifyBeaconLog(log);
    expect(r.errors).toEqual([]);
    const elections = log.filter((e) => e.type === 'EpochStarted').map((e) => e.body as Epoch);
    const candidates = elections.reduce((s, e) => s + e.election!.candidates.length, 0);
    expect(r).toMatchObject({
      ok: true,
      elections: 20,
      sortitionsMatched: 20,
      settlementsMatched: 19,
      slashes: 1,
      proofsVerified: candidates,
    });
    expect(candidates).toBeGreaterThanOrEqual(20 * 29);
    expect(BigInt(r.issuedTotal)).toBe(19n * BigInt(params.issuance));
    // committees really rotate
    const distinct = new Set(elections.flatMap((e) => e.election!.committees.flat()));
    expect(distinct.size).toBeGreaterThan(8);
    // rewards as the node sees them through RPC equal its settlement lines
    const who = elections[5]!.election!.committees[0]![0]!;
    const lines = elections.flatMap((e) => e.settlement?.rewards ?? []).filter((l) => l.to === who);
    const reward = (await rpc<{ total: string }>('queryNodeReward', [who])).result!;
    expect(reward.total).toBe(lines.reduce((s, l) => s + BigInt(l.amount), 0n).toString());
    expect(BigInt(reward.total)).toBeGreaterThan(0n);
  });

  it("no block is lost or committed twice across handovers: each is certified by its epoch's owner", async () => {
    await settle();
    const log: EventRecord[] = await eventsOf(beacon);
    const epochs = new Map<number, Epoch>(
      log.filter((e) => e.type === 'EpochStarted').map((e) => [(e.body as Epoch).epoch, e.body as Epoch]),
    );
    let handovers = 0;
    for (let t = 0; t < tableCount(config); t++) {
      const blocks = (await eventsOf(tableStub(t))).filter((e) => e.type === 'BlockCommitted');
      expect(blocks.map((b) => b.body.height)).toEqual(blocks.map((_, i) => i));
      let lastEpoch = 0;
      for (const b of blocks.slice(1)) {
        const epoch = (b.body.epoch as number | undefined) ?? 0;
        expect(epoch).toBeGreaterThanOrEqual(lastEpoch);
        if (epoch !== lastEpoch) handovers++;
        lastEpoch = epoch;
        let owner: { name: string; members: Uint8Array[] };
        if (epoch === 0) {
          const g = genesisCommitteeOf(config, t);
          owner = { name: g.name, members: committeeKeys(config, g.zone, g.index) };
        } else {
          const c = epochs.get(epoch)!.committees.find((x) => x.tables.includes(t))!;
          owner = { name: c.name, members: c.members.map((k) => fromHex(k)) };
        }
        expect(b.body.committee).toBe(owner.name);
        expect(
          await verifyHeaderCertificate(
            config,
            t,
            fromHex(b.body.header as string),
            b.body.certificate as string,
            owner.members,
          ),
        ).toBe(true);
      }
    }
    expect(handovers).toBeGreaterThanOrEqual(2 * tableCount(config));
    // every transfer final, once
    const res = await exports.default.fetch('http://topnet/rpc', {
      method: 'POST',
      body: JSON.stringify(
        transfers.map((t, id) => ({
          jsonrpc: '2.0',
          id,
          method: 'getTransaction',
          params: [t.hash, t.sender],
        })),
      ),
    });
    const views = (await res.json()) as { result?: { status: string } }[];
    expect(views.map((v) => v.result?.status)).toEqual(transfers.map(() => 'final'));
  });

  it('the explorer shows nodes, their credit history and rewards, and each election with proofs and reasons', async () => {
    const get = async (path: string) => {
      const res = await exports.default.fetch(`http://topnet${path}`);
      return { status: res.status, text: await res.text() };
    };
    const nodesPage = await get('/nodes');
    expect(nodesPage.status).toBe(200);
    expect(nodesPage.text).toContain(offender);
    const nodePage = await get(`/nodes/${offender}`);
    expect(nodePage.text).toMatch(/slashed 1×/);
    const history = (await (
      await exports.default.fetch(`http://topnet/api/explorer/nodes/${offender}`)
    ).json()) as {
      history: { epoch: number; creditBefore: number | null; creditAfter: number | null }[];
    };
    const slashed = history.history.find((h) => h.epoch === slashEpoch)!;
    expect(slashed.creditAfter).toBe(Math.max(100_000, slashed.creditBefore! - 100_000));
    const list = await get('/elections');
    expect(list.text).toContain('/elections/20');
    const info = (await rpc<{ election: ElectionRecord }>('getElectInfo', [slashEpoch + 1])).result!;
    const page = await get(`/elections/${slashEpoch + 1}`);
    expect(page.status).toBe(200);
    for (const c of info.election.candidates.slice(0, 5)) expect(page.text).toContain(c.proof);
    expect(page.text).toContain('kept its seat');
    expect(page.text).toMatch(/jailed/);
    expect((await get('/elections/999')).status).toBe(404);
    expect((await get('/elections/x')).status).toBe(400);
    expect((await get('/nodes/T8nope')).status).toBe(400);
  });

  it('a node deregisters with a signed message: it stops standing, its lock runs on, the log still checks out', async () => {
    const leaver = nodes[3]!.signer;
    const epoch = await beacon.epochNow();
    const message = { chainId: config.chainId, kind: 'deregister' as const, node: leaver.address, epoch };
    const signature = '0x' + toHex(leaver.sign(nodeMessageHash(message)));
    const forged = '0x' + toHex(nodes[4]!.signer.sign(nodeMessageHash(message)));
    expect((await rpc('deregisterNode', [{ message, signature: forged }])).error?.data).toMatchObject({
      code: 'BAD_SIGNATURE',
      field: 'signature',
    });
    expect(
      (await rpc<{ seq: number }>('deregisterNode', [{ message, signature }])).result?.seq,
    ).toBeGreaterThan(0);
    expect((await rpc('deregisterNode', [{ message, signature }])).error?.data?.code).toBe('OUT_OF_RANGE');
    const info = (await rpc<NodeView>('queryNodeInfo', [leaver.address])).result!;
    expect(info).toMatchObject({ ineligible: 'deregistered', deregisteredEpoch: epoch });
    expect(info.lockedUntilEpoch).toBeGreaterThanOrEqual(epoch + params.depositLockEpochs);
    await load(epoch + 1, 0);
    const next = await beacon.advanceEpoch();
    expect(next.committees.flatMap((c) => c.nodes ?? [])).not.toContain(leaver.address);
    const r = verifyBeaconLog(await eventsOf(beacon));
    expect(r.errors).toEqual([]);
    expect(r.elections).toBe(21);
    const last = (await rpc<{ election: ElectionRecord }>('getElectInfo', [])).result!;
    expect(last.election.excluded).toContainEqual({ address: leaver.address, reason: 'deregistered' });
  });
});
