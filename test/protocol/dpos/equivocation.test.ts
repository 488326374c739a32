/**
 * Equivocation evidence: two real signed PBFT votes from one member for one (view, seq) with
 * different digests convict it; agreeing messages, different slots, other kinds, a wrong key or a
 * forged signature do not. The detector pairs conflicting votes in a message stream.
 */
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../../protocol/bytes.ts';
import { sha256 } from '../../../protocol/hash.ts';
import { noblePbftCrypto, nobleVerifier } from '../../../protocol/pbft/crypto.ts';
import { encodeSignedMessage, signMessage, type Message } from '../../../protocol/pbft/messages.ts';
import { checkEquivocation, findEquivocations } from '../../../protocol/dpos/equivocation.ts';
import { codeOf } from '../election/helpers.ts';

const members = [0, 1, 2, 3].map((i) => noblePbftCrypto(sha256(utf8(`member ${i}`))));
const keys = members.map((m) => m.publicKey);
const d = (s: string) => sha256(utf8(s));
const signed = (i: number, body: Message) => signMessage(members[i]!, i, body);
const hex = (m: ReturnType<typeof signed>) => '0x' + toHex(encodeSignedMessage(m));
const ev = (a: ReturnType<typeof signed>, b: ReturnType<typeof signed>) => ({
  epoch: 3,
  committee: 1,
  a: hex(a),
  b: hex(b),
});

describe('equivocation evidence', () => {
  it('convicts a member that prepared two digests at one view and sequence', () => {
    const a = signed(2, { type: 'prepare', view: 0, seq: 7, digest: d('x') });
    const b = signed(2, { type: 'prepare', view: 0, seq: 7, digest: d('y') });
    expect(checkEquivocation(ev(a, b), keys, nobleVerifier)).toEqual({
      sender: 2,
      kind: 'prepare',
      view: 0,
      seq: 7,
      digests: ['0x' + toHex(d('x')), '0x' + toHex(d('y'))],
    });
    const c1 = signed(1, { type: 'commit', view: 2, seq: 9, digest: d('x') });
    const c2 = signed(1, { type: 'commit', view: 2, seq: 9, digest: d('z') });
    expect(checkEquivocation(ev(c1, c2), keys, nobleVerifier).sender).toBe(1);
  });

  it('refuses what is not an equivocation, naming why', () => {
    const p = (i: number, view: number, seq: number, x: string) =>
      signed(i, { type: 'prepare', view, seq, digest: d(x) });
    expect(codeOf(() => checkEquivocation(ev(p(2, 0, 7, 'x'), p(2, 0, 7, 'x')), keys, nobleVerifier))).toBe(
      'BAD_PROOF',
    );
    expect(codeOf(() => checkEquivocation(ev(p(2, 0, 7, 'x'), p(2, 0, 8, 'y')), keys, nobleVerifier))).toBe(
      'BAD_PROOF',
    );
    expect(codeOf(() => checkEquivocation(ev(p(2, 0, 7, 'x'), p(1, 0, 7, 'y')), keys, nobleVerifier))).toBe(
      'BAD_PROOF',
    );
    const c = signed(2, { type: 'commit', view: 0, seq: 7, digest: d('y') });
    expect(codeOf(() => checkEquivocation(ev(p(2, 0, 7, 'x'), c), keys, nobleVerifier))).toBe('BAD_PROOF');
    const cp = signed(2, { type: 'checkpoint', seq: 7, digest: d('y') });
    expect(codeOf(() => checkEquivocation(ev(cp, cp), keys, nobleVerifier))).toBe('BAD_ENUM');
    // signed by member 3's key but claiming to be member 2
    const forged = signMessage(members[3]!, 2, { type: 'prepare', view: 0, seq: 7, digest: d('y') });
    expect(codeOf(() => checkEquivocation(ev(p(2, 0, 7, 'x'), forged), keys, nobleVerifier))).toBe(
      'BAD_SIGNATURE',
    );
    expect(
      codeOf(() => checkEquivocation(ev(p(2, 0, 7, 'x'), p(2, 0, 7, 'y')), keys.slice(0, 2), nobleVerifier)),
    ).toBe('OUT_OF_RANGE');
    expect(
      codeOf(() => checkEquivocation({ epoch: 1, committee: 0, a: 'zz', b: 'zz' }, keys, nobleVerifier)),
    ).toBe('BAD_HEX');
  });

  it('finds conflicting votes in a stream and nothing in an honest one', () => {
    const honest = [0, 1, 2, 3].map((i) => signed(i, { type: 'prepare', view: 0, seq: 1, digest: d('v') }));
    expect(findEquivocations(honest)).toEqual([]);
    const bad = signed(3, { type: 'prepare', view: 0, seq: 1, digest: d('w') });
    const found = findEquivocations([...honest, bad]);
    expect(found).toHaveLength(1);
    expect(found[0]![0]).toBe(honest[3]);
    expect(found[0]![1]).toBe(bad);
  });
});
