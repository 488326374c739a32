/**
 * Equivocation evidence: two PBFT messages of one kind (pre-prepare, prepare or commit), signed by
 * the same committee member for the same view and sequence but different digests. Both signatures
 * are checked against the member's consensus key in the committee of the named epoch, so the
 * evidence convicts on its own; nobody has to be trusted to have seen it.
 */
import { bytesEqual, fromHex, toHex } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { decodeSignedMessage, signingHash, type SignedMessage } from '../pbft/messages.ts';
import type { PbftVerifier } from '../pbft/crypto.ts';

export interface Evidence {
  epoch: number;
  /** Global committee index in that epoch. */
  committee: number;
  /** 0x-hex encoded signed PBFT messages. */
  a: string;
  b: string;
}

export interface Conviction {
  /** Replica index in the committee (its position in the epoch's member list). */
  sender: number;
  kind: 'pre-prepare' | 'prepare' | 'commit';
  view: number;
  seq: number;
  digests: [string, string];
}

const VOTES = new Set(['pre-prepare', 'prepare', 'commit']);

type Vote = SignedMessage & {
  body: { type: Conviction['kind']; view: number; seq: number; digest: Uint8Array };
};

function decodeVote(hex: unknown, field: string): Vote {
  if (typeof hex !== 'string') fail(ErrorCode.BAD_TYPE, 'expected a 0x-hex signed PBFT message', field);
  const m = decodeSignedMessage(fromHex(hex, field));
  if (!VOTES.has(m.body.type))
    fail(
      ErrorCode.BAD_ENUM,
      `a ${m.body.type} message is not a vote (pre-prepare, prepare or commit)`,
      field,
    );
  return m as Vote;
}

/** Checks evidence against the committee's consensus keys; returns what it proves, or throws. */
export function checkEquivocation(
  e: Evidence,
  members: readonly Uint8Array[],
  crypto: PbftVerifier,
): Conviction {
  const a = decodeVote(e.a, 'a');
  const b = decodeVote(e.b, 'b');
  if (a.sender !== b.sender) fail(ErrorCode.BAD_PROOF, 'the messages have different senders', 'b.sender');
  if (a.body.type !== b.body.type) fail(ErrorCode.BAD_PROOF, 'the messages are of different kinds', 'b.type');
  if (a.body.view !== b.body.view || a.body.seq !== b.body.seq)
    fail(ErrorCode.BAD_PROOF, 'the messages are for different (view, seq)', 'b');
  if (bytesEqual(a.body.digest, b.body.digest))
    fail(ErrorCode.BAD_PROOF, 'the messages agree (same digest): no equivocation', 'b.digest');
  const key = members[a.sender];
  if (!key) fail(ErrorCode.OUT_OF_RANGE, `sender ${a.sender} is not a member of the committee`, 'a.sender');
  for (const [m, f] of [
    [a, 'a'],
    [b, 'b'],
  ] as const)
    if (!crypto.verify(key, signingHash(m), m.signature))
      fail(ErrorCode.BAD_SIGNATURE, `message ${f} is not signed by member ${a.sender}`, f);
  return {
    sender: a.sender,
    kind: a.body.type,
    view: a.body.view,
    seq: a.body.seq,
    digests: ['0x' + toHex(a.body.digest), '0x' + toHex(b.body.digest)],
  };
}

/**
 * Scans signed votes as a watcher sees them and pairs every conflicting pair: the detector a
 * committee member or an auditor runs over the messages it received.
 */
export function findEquivocations(messages: readonly SignedMessage[]): [SignedMessage, SignedMessage][] {
  const first = new Map<string, SignedMessage>();
  const out: [SignedMessage, SignedMessage][] = [];
  for (const m of messages) {
    if (!VOTES.has(m.body.type)) continue;
    const v = m as Vote;
    const k = `${v.sender}/${v.body.type}/${v.body.view}/${v.body.seq}`;
    const seen = first.get(k) as Vote | undefined;
    if (!seen) first.set(k, v);
    else if (!bytesEqual(seen.body.digest, v.body.digest)) out.push([seen, v]);
  }
  return out;
}
