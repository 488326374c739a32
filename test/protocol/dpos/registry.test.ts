/**
 * The node registry: registrations (hosted keys, top-ups as updates), votes and unvotes,
 * deregistration, slashing, and who may stand for election and why not.
 */
import { describe, expect, it } from 'vitest';
import { NodeRole } from '../../../protocol/tx/types.ts';
import { txHash } from '../../../protocol/tx/txHash.ts';
import { dposParams } from '../../../protocol/dpos/params.ts';
import {
  applyNodeTx,
  deregisterNode,
  emptyRegistry,
  ineligibility,
  slashNode,
  stakeOf,
  votesFor,
} from '../../../protocol/dpos/registry.ts';
import { validatorStake, auditorStake } from '../../../protocol/stake/index.ts';
import { codeOf } from '../election/helpers.ts';
import { Account, TOP, account, smallConfig } from './fixtures.ts';

const config = smallConfig();
const params = dposParams(config.seed);
const ctx = { seedHex: config.seed, params };

describe('node registry', () => {
  it('registers, tops up and updates a node; a duplicate transaction changes nothing', () => {
    const reg = emptyRegistry();
    const a = new Account(account('a'), config);
    const t1 = a.register(10_000n * TOP, { weight: 80, dividendPpm: 300_000 });
    expect(applyNodeTx(reg, t1, txHash(t1), ctx)).toBe(true);
    expect(applyNodeTx(reg, t1, txHash(t1), ctx)).toBe(false);
    const n = reg.nodes.get(a.address)!;
    expect(n).toMatchObject({
      role: NodeRole.validator,
      deposit: 10_000n * TOP,
      computeWeight: 80,
      creditPpm: 330_000,
      hosted: true,
    });
    expect(n.lockedUntilEpoch).toBe(params.depositLockEpochs);
    const t2 = a.register(5_000n * TOP, { weight: 20, dividendPpm: 0 });
    applyNodeTx(reg, t2, txHash(t2), ctx);
    expect(reg.nodes.get(a.address)).toMatchObject({
      deposit: 15_000n * TOP,
      computeWeight: 20,
      dividendRatePpm: 0,
    });
    expect(stakeOf(reg, reg.nodes.get(a.address)!)).toBe(
      validatorStake({ depositUtop: 15_000n * TOP, votesUtop: 0n, creditPpm: 330_000, computeWeight: 20 }),
    );
  });

  it('counts votes per voter, takes unvotes back, and refuses to unvote more than voted', () => {
    const reg = emptyRegistry();
    const node = new Account(account('n'), config);
    const v1 = new Account(account('v1'), config);
    const v2 = new Account(account('v2'), config);
    const t = node.register(200_000n * TOP, { role: NodeRole.advance });
    applyNodeTx(reg, t, txHash(t), ctx);
    for (const tx of [
      v1.vote(node.address, 30n * TOP),
      v2.vote(node.address, 12n * TOP),
      v1.unvote(node.address, 10n * TOP),
    ])
      applyNodeTx(reg, tx, txHash(tx), ctx);
    expect(votesFor(reg, node.address)).toBe(32n * TOP);
    expect(reg.votes.get(node.address)!.get(v1.address)).toBe(20n * TOP);
    expect(stakeOf(reg, reg.nodes.get(node.address)!)).toBe(
      auditorStake({ depositUtop: 200_000n * TOP, votesUtop: 32n * TOP, creditPpm: 330_000 }),
    );
    const over = v2.unvote(node.address, 13n * TOP);
    expect(codeOf(() => applyNodeTx(reg, over, txHash(over), ctx))).toBe('INSUFFICIENT_FUNDS');
  });

  it('says why a node cannot stand: role, keys, deposit, jail, deregistration', () => {
    const reg = emptyRegistry();
    const mk = (label: string, deposit: bigint, o: Parameters<Account['register']>[1] = {}) => {
      const a = new Account(account(label), config);
      const t = a.register(deposit, o);
      applyNodeTx(reg, t, txHash(t), ctx);
      return reg.nodes.get(a.address)!;
    };
    expect(ineligibility(mk('ok', 10_000n * TOP), 1, params)).toBeNull();
    expect(ineligibility(mk('low', 10_000n * TOP - 1n), 1, params)).toBe('deposit-below-minimum');
    expect(ineligibility(mk('edge', 10_000n * TOP, { role: NodeRole.edge }), 1, params)).toBe('role');
    expect(ineligibility(mk('own', 10_000n * TOP, { keys: 'own' }), 1, params)).toBe('keys-not-hosted');
    const j = mk('jail', 10_000n * TOP);
    slashNode(reg, j.address, params);
    expect(j.slashes).toBe(1);
    expect(j.lockedUntilEpoch).toBe(params.depositLockEpochs + params.slashLockEpochs);
    expect(ineligibility(j, 1, params)).toBe('jailed');
    expect(ineligibility(j, params.slashJailEpochs + 1, params)).toBeNull();
    const d = mk('dereg', 10_000n * TOP);
    deregisterNode(reg, d.address, params);
    expect(ineligibility(d, 1, params)).toBe('deregistered');
    expect(codeOf(() => deregisterNode(reg, d.address, params))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => deregisterNode(reg, account('nobody').address, params))).toBe('NOT_FOUND');
  });
});
