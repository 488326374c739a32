/**
 * Slashing end to end on the pure beacon: a committee member signs two prepares for one slot, the
 * detector finds the pair, the evidence convicts it against that epoch's member keys, and then it
 * loses 0.1 credit, its deposit lock grows, it earns nothing that epoch and it is not in the next
 * committee; the checker accepts the whole log and refuses evidence used twice.
 */
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../../protocol/bytes.ts';
import { sha256 } from '../../../protocol/hash.ts';
import { noblePbftCrypto, nobleVerifier } from '../../../protocol/pbft/crypto.ts';
import { encodeSignedMessage, signMessage } from '../../../protocol/pbft/messages.ts';
import { hostedKeys } from '../../../protocol/dpos/hostedKeys.ts';
import { checkEquivocation, findEquivocations } from '../../../protocol/dpos/equivocation.ts';
import {
  DposEvent,
  foldBeaconEvent,
  type EvidenceAcceptedBody,
} from '../../../protocol/dpos/beaconEvents.ts';
import { verifyBeaconLog } from '../../../protocol/dpos/verifyBeaconLog.ts';
import { fromHex } from '../../../protocol/bytes.ts';
import { Account, PureBeacon, TOP, account, smallConfig } from './fixtures.ts';

describe('slashing an equivocating member', () => {
  it('cuts its credit, extends its lock, drops it from the next committee, and the log checks out', () => {
    const config = smallConfig();
    const b = new PureBeacon(config);
    const nodes = Array.from({ length: 12 }, (_, i) => new Account(account(`s${i}`), config));
    b.nodeTxs(nodes.map((n, i) => n.register(BigInt(20_000 + 5_000 * i) * TOP)));
    const { election } = b.advance([]);
    const g = 1;
    const seat = 2;
    const offender = election.committees[g]![seat]!;
    expect(election.members[g]![seat]).toBe('0x' + toHex(hostedKeys(config.seed, offender).consensusKey));

    // What the member sent, as its peers saw it: an honest prepare, then a conflicting one.
    const c = noblePbftCrypto(hostedKeys(config.seed, offender).consensusSecret);
    const seen = [
      signMessage(c, seat, { type: 'prepare', view: 0, seq: 5, digest: sha256(utf8('block A')) }),
      signMessage(noblePbftCrypto(sha256(utf8('someone'))), 0, {
        type: 'prepare',
        view: 0,
        seq: 5,
        digest: sha256(utf8('block A')),
      }),
      signMessage(c, seat, { type: 'prepare', view: 0, seq: 5, digest: sha256(utf8('block B')) }),
    ];
    const [pair] = findEquivocations(seen);
    const evidence = {
      epoch: 1,
      committee: g,
      a: '0x' + toHex(encodeSignedMessage(pair![0])),
      b: '0x' + toHex(encodeSignedMessage(pair![1])),
    };
    const conviction = checkEquivocation(
      evidence,
      election.members[g]!.map((k) => fromHex(k)),
      nobleVerifier,
    );
    const body: EvidenceAcceptedBody = { evidence, offender, conviction };
    const before = { ...b.reg.nodes.get(offender)! };
    foldBeaconEvent(b.reg, DposEvent.evidence, body, { seedHex: config.seed, params: b.params });
    b.append(DposEvent.evidence, body);

    const workload = election.committees.flat().map((address) => ({ address, signed: 10, expected: 10 }));
    const next = b.advance(workload);
    const after = b.reg.nodes.get(offender)!;
    expect(after.lockedUntilEpoch).toBe(before.lockedUntilEpoch + b.params.slashLockEpochs);
    expect(next.settlement!.credits.find((x) => x.address === offender)).toEqual({
      address: offender,
      before: 330_000,
      after: 230_000,
    });
    expect(next.settlement!.rewards.filter((l) => l.to === offender)).toEqual([]);
    expect(next.settlement!.rewards.filter((l) => l.kind === 'validator')).toHaveLength(7);
    expect(next.election.committees.flat()).not.toContain(offender);
    expect(next.election.excluded).toContainEqual({ address: offender, reason: 'jailed' });

    const r = verifyBeaconLog(b.log);
    expect(r.errors).toEqual([]);
    expect(r.slashes).toBe(1);
    const twice = verifyBeaconLog([...b.log.slice(0, -1), { ...b.log[b.log.length - 2]!, seq: 99 }]);
    expect(twice.errors.join()).toMatch(/evidence used twice/);
  });
});
