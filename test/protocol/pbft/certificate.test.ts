// verifyCertificate, quorum arithmetic, signature implementations (RFC 8032 vectors) and the
// new-view plan, each on its own.
import { describe, expect, test } from 'vitest';
import { fromHex, toHex } from '../../../protocol/bytes.ts';
import {
  buildCertificate,
  faultsTolerated,
  noblePbftCrypto,
  nobleVerifier,
  NULL_DIGEST,
  primaryOf,
  quorumSize,
  signMessage,
  valueDigest,
  verifyCertificate,
} from '../../../protocol/pbft/index.ts';
import type {
  Commit,
  CommitCertificate,
  PbftCrypto,
  SignedMessage,
  ViewChange,
} from '../../../protocol/pbft/index.ts';
import { planNewView } from '../../../protocol/pbft/newViewPlan.ts';
import { simSecret } from '../../../protocol/pbft/sim/index.ts';
import { newVerifyCache, nodeKey } from './nodeCrypto.ts';

const N = 7;
const cache = newVerifyCache();
const keys = Array.from({ length: N }, (_, i) => nodeKey(simSecret(99, i), cache));
const publicKeys = keys.map((k) => k.publicKey);
const digest = valueDigest(Uint8Array.of(1, 2, 3));

function commits(signers: number[], d = digest, view = 2, seq = 11): SignedMessage<Commit>[] {
  return signers.map((i) => signMessage(keys[i]!.crypto, i, { type: 'commit', view, seq, digest: d }));
}

describe('verifyCertificate', () => {
  const q = quorumSize(N);
  const good = buildCertificate(N, commits([6, 0, 2, 4, 5]));

  test('a quorum of valid commit signatures verifies, with noble and with node:crypto', () => {
    expect(q).toBe(5);
    expect(good.signers).toEqual(Uint8Array.of(0b0111_0101));
    expect(verifyCertificate(good, publicKeys)).toBe(true);
    expect(verifyCertificate(good, publicKeys, keys[0]!.crypto)).toBe(true);
    expect(verifyCertificate(buildCertificate(N, commits([0, 1, 2, 3, 4, 5, 6])), publicKeys)).toBe(true);
  });

  test('too few signers, a wrong key set, or a changed field fails', () => {
    expect(verifyCertificate(buildCertificate(N, commits([0, 1, 2, 3])), publicKeys)).toBe(false);
    expect(verifyCertificate({ ...good, seq: 12 }, publicKeys)).toBe(false);
    expect(verifyCertificate({ ...good, view: 3 }, publicKeys)).toBe(false);
    expect(verifyCertificate({ ...good, digest: NULL_DIGEST }, publicKeys)).toBe(false);
    expect(verifyCertificate(good, [...publicKeys.slice(1), publicKeys[0]!])).toBe(false);
  });

  test('bitmap and signature list must agree exactly', () => {
    const swapped: CommitCertificate = {
      ...good,
      signatures: [good.signatures[1]!, good.signatures[0]!, ...good.signatures.slice(2)],
    };
    expect(verifyCertificate(swapped, publicKeys)).toBe(false);
    expect(verifyCertificate({ ...good, signers: Uint8Array.of(0b0111_0101, 0) }, publicKeys)).toBe(false);
    expect(verifyCertificate({ ...good, signers: Uint8Array.of(0b1111_0101) }, publicKeys)).toBe(false);
    expect(verifyCertificate({ ...good, signatures: good.signatures.slice(1) }, publicKeys)).toBe(false);
    const dup: CommitCertificate = {
      ...good,
      signatures: [...good.signatures.slice(0, 4), good.signatures[0]!],
    };
    expect(verifyCertificate(dup, publicKeys)).toBe(false);
    const bit7 = buildCertificate(8, commits([0, 2, 4, 5, 6]));
    expect(verifyCertificate({ ...bit7, signers: Uint8Array.of(0b1111_0100) }, publicKeys)).toBe(false);
  });

  test('signatures over another message kind (a prepare) do not count as commits', () => {
    const prepares = [0, 1, 2, 3, 4].map((i) =>
      signMessage(keys[i]!.crypto, i, { type: 'prepare', view: 2, seq: 11, digest }),
    );
    const forged = buildCertificate(N, prepares as unknown as SignedMessage<Commit>[]);
    expect(verifyCertificate(forged, publicKeys)).toBe(false);
  });

  test('malformed input is false, never an exception', () => {
    expect(verifyCertificate({} as CommitCertificate, publicKeys)).toBe(false);
    expect(
      verifyCertificate({ ...good, signatures: [new Uint8Array(3)] } as CommitCertificate, publicKeys),
    ).toBe(false);
    expect(verifyCertificate(good, publicKeys.slice(0, 3))).toBe(false);
  });
});

describe('quorums', () => {
  test('any two quorums share f+1 replicas and a quorum of correct replicas always exists', () => {
    for (let n = 4; n <= 300; n++) {
      const f = faultsTolerated(n);
      const q = quorumSize(n);
      expect(2 * q - n).toBeGreaterThanOrEqual(f + 1);
      expect(q).toBeLessThanOrEqual(n - f);
      if (n % 3 === 1) expect(q).toBe(2 * f + 1);
    }
    // n = 21: f = 6, and 2f+1 = 13 would let two quorums share only 5 replicas, all possibly faulty.
    expect([faultsTolerated(21), quorumSize(21)]).toEqual([6, 14]);
    expect([primaryOf(0, 4), primaryOf(5, 4), primaryOf(21, 21)]).toEqual([0, 1, 0]);
  });
});

describe('ed25519 implementations agree with RFC 8032', () => {
  // RFC 8032 section 7.1, TEST 1 and TEST 2 (secret key, public key, message, signature).
  const vectors = [
    [
      '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
      '',
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    ],
    [
      '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
      '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
      '72',
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
    ],
  ] as const;

  test.each(vectors)('secret %s', (sk, pk, msg, sig) => {
    const noble = noblePbftCrypto(fromHex(sk));
    const node = nodeKey(fromHex(sk), newVerifyCache());
    const m = fromHex(msg);
    expect(toHex(noble.publicKey)).toBe(pk);
    expect(toHex(node.publicKey)).toBe(pk);
    expect(toHex(noble.sign(m))).toBe(sig);
    expect(toHex(node.crypto.sign(m))).toBe(sig);
    const impls: Pick<PbftCrypto, 'verify'>[] = [noble, nobleVerifier, node.crypto];
    for (const v of impls) {
      expect(v.verify(fromHex(pk), m, fromHex(sig))).toBe(true);
      const bad = fromHex(sig);
      bad[10]! ^= 0x40;
      expect(v.verify(fromHex(pk), m, bad)).toBe(false);
      expect(v.verify(fromHex(pk), Uint8Array.of(...m, 0), fromHex(sig))).toBe(false);
      expect(v.verify(fromHex(pk).slice(1), m, fromHex(sig))).toBe(false);
    }
  });

  test('the node cache answers like a fresh verification, including for a trusted signer', () => {
    const c = newVerifyCache();
    const k = nodeKey(simSecret(5, 0), c, true);
    const h = valueDigest(Uint8Array.of(9));
    const s = k.crypto.sign(h);
    expect(k.crypto.verify(k.publicKey, h, s)).toBe(true);
    expect(c.stats.verified).toBe(0);
    // Same signature, other message or other key: a miss, verified for real, false.
    expect(k.crypto.verify(k.publicKey, NULL_DIGEST, s)).toBe(false);
    expect(k.crypto.verify(publicKeys[0]!, h, s)).toBe(false);
    expect(c.stats.verified).toBe(2);
    expect(nobleVerifier.verify(k.publicKey, h, s)).toBe(true);
  });
});

describe('new-view plan', () => {
  const sign = (i: number, body: ViewChange) => signMessage(keys[i]!.crypto, i, body);
  const pp = (view: number, seq: number, v: Uint8Array) =>
    signMessage(keys[primaryOf(view, N)]!.crypto, primaryOf(view, N), {
      type: 'pre-prepare',
      view,
      seq,
      digest: valueDigest(v),
      value: v,
    });
  const vc = (i: number, prepared: ViewChange['prepared'], stableSeq = 0): SignedMessage<ViewChange> =>
    sign(i, {
      type: 'view-change',
      view: 3,
      stableSeq,
      stableDigest: new Uint8Array(32),
      checkpointProof: [],
      prepared,
    });

  test('the highest-view prepared value wins; gaps become null requests', () => {
    const a = Uint8Array.of(0xa);
    const b = Uint8Array.of(0xb);
    const c = Uint8Array.of(0xc);
    const plan = planNewView([
      vc(0, [{ prePrepare: pp(0, 1, a), prepares: [] }]),
      vc(2, [
        { prePrepare: pp(1, 1, b), prepares: [] },
        { prePrepare: pp(0, 4, c), prepares: [] },
      ]),
      vc(3, []),
    ]);
    expect(plan.minSeq).toBe(0);
    expect(plan.maxSeq).toBe(4);
    expect(plan.entries.map((e) => [e.seq, toHex(e.value)])).toEqual([
      [1, toHex(b)],
      [2, ''],
      [3, ''],
      [4, toHex(c)],
    ]);
    expect(plan.entries[1]!.digest).toEqual(NULL_DIGEST);
  });

  test('min-s is the highest stable checkpoint; proofs at or below it are dropped', () => {
    const v = Uint8Array.of(1);
    const plan = planNewView([vc(0, [{ prePrepare: pp(0, 3, v), prepares: [] }]), vc(1, [], 4), vc(2, [])]);
    expect(plan.minSeq).toBe(4);
    expect(plan.maxSeq).toBe(4);
    expect(plan.entries).toEqual([]);
  });
});
