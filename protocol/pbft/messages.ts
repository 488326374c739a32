/**
 * PBFT message types, their one canonical binary encoding and the hash each signature covers.
 * A signed message is `u8 type || u16 sender || body || sig[64]`; the signature is ed25519 over
 * taggedHash(pbft, everything before the signature). Nested messages (checkpoint proofs, prepared
 * proofs, the view changes inside a new view) are written inline in the same form, so a receiver
 * can re-check every signature they carry.
 */
import { ErrorCode, fail } from '../errors.ts';
import { Domain, taggedHash } from '../hash.ts';
import { Writer } from '../codec/writer.ts';
import { Reader } from '../codec/reader.ts';
import type { PbftCrypto } from './crypto.ts';
import { MAX_REPLICAS, MAX_SEQS, MAX_VALUE_BYTES } from './limits.ts';
import { readCertificate, writeCertificate } from './certificate.ts';
import type { CommitCertificate } from './certificate.ts';

export { MAX_REPLICAS, MAX_SEQS, MAX_VALUE_BYTES };

export interface PrePrepare {
  type: 'pre-prepare';
  view: number;
  seq: number;
  digest: Uint8Array;
  value: Uint8Array;
}
export interface Prepare {
  type: 'prepare';
  view: number;
  seq: number;
  digest: Uint8Array;
}
export interface Commit {
  type: 'commit';
  view: number;
  seq: number;
  digest: Uint8Array;
}
export interface Checkpoint {
  type: 'checkpoint';
  seq: number;
  /** State digest after executing `seq`. */
  digest: Uint8Array;
}
/** A pre-prepare plus quorum-1 matching prepares from distinct backups: "prepared" proven to others. */
export interface PreparedProof {
  prePrepare: SignedMessage<PrePrepare>;
  prepares: SignedMessage<Prepare>[];
}
export interface ViewChange {
  type: 'view-change';
  /** The view being moved to. */
  view: number;
  stableSeq: number;
  stableDigest: Uint8Array;
  checkpointProof: SignedMessage<Checkpoint>[];
  prepared: PreparedProof[];
}
export interface NewView {
  type: 'new-view';
  view: number;
  viewChanges: SignedMessage<ViewChange>[];
  prePrepares: SignedMessage<PrePrepare>[];
}

/** A replica whose execution is stuck asks peers for what they executed from `fromSeq` on. */
export interface Fetch {
  type: 'fetch';
  fromSeq: number;
}
/** Executed values with their commit certificates, after the sender's stable checkpoint if needed. */
export interface FetchReply {
  type: 'fetch-reply';
  /** 0 with an empty proof when no checkpoint is included. */
  stableSeq: number;
  stableDigest: Uint8Array;
  checkpointProof: SignedMessage<Checkpoint>[];
  entries: { value: Uint8Array; certificate: CommitCertificate }[];
}

export type Message = PrePrepare | Prepare | Commit | Checkpoint | ViewChange | NewView | Fetch | FetchReply;
export type MessageKind = Message['type'];

export interface SignedMessage<M extends Message = Message> {
  sender: number;
  body: M;
  signature: Uint8Array;
}

export const MessageTag: Record<MessageKind, number> = {
  'pre-prepare': 1,
  prepare: 2,
  commit: 3,
  checkpoint: 4,
  'view-change': 5,
  'new-view': 6,
  fetch: 7,
  'fetch-reply': 8,
};
const KIND_BY_TAG: MessageKind[] = [
  'pre-prepare',
  'prepare',
  'commit',
  'checkpoint',
  'view-change',
  'new-view',
  'fetch',
  'fetch-reply',
];

// Messages are immutable once signed, so their encodings and hashes are computed once per object.
// A broadcast message is one object handed to many receivers, and nested proofs are shared objects.
const unsignedCache = new WeakMap<object, Uint8Array>();
const fullCache = new WeakMap<object, Uint8Array>();
const hashCache = new WeakMap<object, Uint8Array>();

function writeBody(w: Writer, body: Message): void {
  switch (body.type) {
    case 'pre-prepare':
      w.u64(body.view, 'view').u64(body.seq, 'seq').fixed(body.digest, 32, 'digest');
      w.bytes(body.value, MAX_VALUE_BYTES, 'value');
      return;
    case 'prepare':
    case 'commit':
      w.u64(body.view, 'view').u64(body.seq, 'seq').fixed(body.digest, 32, 'digest');
      return;
    case 'checkpoint':
      w.u64(body.seq, 'seq').fixed(body.digest, 32, 'digest');
      return;
    case 'view-change':
      w.u64(body.view, 'view').u64(body.stableSeq, 'stableSeq').fixed(body.stableDigest, 32, 'stableDigest');
      w.list(
        body.checkpointProof,
        MAX_REPLICAS,
        (w, m) => writeNested(w, m, 'checkpoint'),
        'checkpointProof',
      );
      w.list(
        body.prepared,
        MAX_SEQS,
        (w, p) => {
          writeNested(w, p.prePrepare, 'pre-prepare');
          w.list(p.prepares, MAX_REPLICAS, (w, m) => writeNested(w, m, 'prepare'), 'prepares');
        },
        'prepared',
      );
      return;
    case 'new-view':
      w.u64(body.view, 'view');
      w.list(body.viewChanges, MAX_REPLICAS, (w, m) => writeNested(w, m, 'view-change'), 'viewChanges');
      w.list(body.prePrepares, MAX_SEQS, (w, m) => writeNested(w, m, 'pre-prepare'), 'prePrepares');
      return;
    case 'fetch':
      w.u64(body.fromSeq, 'fromSeq');
      return;
    case 'fetch-reply':
      w.u64(body.stableSeq, 'stableSeq').fixed(body.stableDigest, 32, 'stableDigest');
      w.list(
        body.checkpointProof,
        MAX_REPLICAS,
        (w, m) => writeNested(w, m, 'checkpoint'),
        'checkpointProof',
      );
      w.list(
        body.entries,
        MAX_SEQS,
        (w, e) => {
          w.bytes(e.value, MAX_VALUE_BYTES, 'value');
          writeCertificate(w, e.certificate);
        },
        'entries',
      );
      return;
    default:
      fail(ErrorCode.BAD_ENUM, `unknown message type ${(body as { type: unknown }).type}`, 'type');
  }
}

function writeNested(w: Writer, m: SignedMessage, kind: MessageKind): void {
  if (m?.body?.type !== kind) fail(ErrorCode.BAD_TYPE, `expected a ${kind} message`, kind);
  w.raw(encodeSignedMessage(m));
}

/** `u8 type || u16 sender || body`: the bytes a signature covers (through signingHash). */
export function encodeUnsigned(sender: number, body: Message): Uint8Array {
  const w = new Writer();
  const tag = MessageTag[body?.type];
  if (tag === undefined) fail(ErrorCode.BAD_ENUM, 'unknown message type', 'type');
  w.u8(tag, 'type').u16(sender, 'sender');
  writeBody(w, body);
  return w.finish();
}

function unsignedOf(m: SignedMessage): Uint8Array {
  let u = unsignedCache.get(m);
  if (!u) {
    u = encodeUnsigned(m.sender, m.body);
    unsignedCache.set(m, u);
  }
  return u;
}

export function encodeSignedMessage(m: SignedMessage): Uint8Array {
  let e = fullCache.get(m);
  if (!e) {
    const w = new Writer();
    w.raw(unsignedOf(m)).fixed(m.signature, 64, 'signature');
    e = w.finish();
    fullCache.set(m, e);
  }
  return e;
}

/** taggedHash(pbft, u8 type || u16 sender || body): what the sender signs. */
export function signingHash(m: SignedMessage): Uint8Array {
  let h = hashCache.get(m);
  if (!h) {
    h = taggedHash(Domain.pbft, unsignedOf(m));
    hashCache.set(m, h);
  }
  return h;
}

/** The signing hash of a message that is not signed yet. */
export function unsignedHash(sender: number, body: Message): Uint8Array {
  return taggedHash(Domain.pbft, encodeUnsigned(sender, body));
}

export function signMessage<M extends Message>(
  crypto: PbftCrypto,
  sender: number,
  body: M,
): SignedMessage<M> {
  const unsigned = encodeUnsigned(sender, body);
  const hash = taggedHash(Domain.pbft, unsigned);
  const m: SignedMessage<M> = { sender, body, signature: crypto.sign(hash) };
  unsignedCache.set(m, unsigned);
  hashCache.set(m, hash);
  return m;
}

export function verifySignature(
  crypto: Pick<PbftCrypto, 'verify'>,
  publicKeys: readonly Uint8Array[],
  m: SignedMessage,
): boolean {
  const key = publicKeys[m.sender];
  if (!key || !(m.signature instanceof Uint8Array) || m.signature.length !== 64) return false;
  return crypto.verify(key, signingHash(m), m.signature);
}

function readBody(r: Reader, kind: MessageKind): Message {
  switch (kind) {
    case 'pre-prepare': {
      const view = r.u64n('view');
      const seq = r.u64n('seq');
      const digest = r.fixed(32, 'digest');
      const value = r.bytes(MAX_VALUE_BYTES, 'value');
      return { type: kind, view, seq, digest, value };
    }
    case 'prepare':
    case 'commit': {
      const view = r.u64n('view');
      const seq = r.u64n('seq');
      return { type: kind, view, seq, digest: r.fixed(32, 'digest') };
    }
    case 'checkpoint': {
      const seq = r.u64n('seq');
      return { type: kind, seq, digest: r.fixed(32, 'digest') };
    }
    case 'view-change': {
      const view = r.u64n('view');
      const stableSeq = r.u64n('stableSeq');
      const stableDigest = r.fixed(32, 'stableDigest');
      const checkpointProof = r.list(
        MAX_REPLICAS,
        (r) => readSigned(r, 'checkpoint') as SignedMessage<Checkpoint>,
        'checkpointProof',
      );
      const prepared = r.list(
        MAX_SEQS,
        (r) => ({
          prePrepare: readSigned(r, 'pre-prepare') as SignedMessage<PrePrepare>,
          prepares: r.list(
            MAX_REPLICAS,
            (r) => readSigned(r, 'prepare') as SignedMessage<Prepare>,
            'prepares',
          ),
        }),
        'prepared',
      );
      return { type: kind, view, stableSeq, stableDigest, checkpointProof, prepared };
    }
    case 'new-view': {
      const view = r.u64n('view');
      const viewChanges = r.list(
        MAX_REPLICAS,
        (r) => readSigned(r, 'view-change') as SignedMessage<ViewChange>,
        'viewChanges',
      );
      const prePrepares = r.list(
        MAX_SEQS,
        (r) => readSigned(r, 'pre-prepare') as SignedMessage<PrePrepare>,
        'prePrepares',
      );
      return { type: kind, view, viewChanges, prePrepares };
    }
    case 'fetch':
      return { type: kind, fromSeq: r.u64n('fromSeq') };
    case 'fetch-reply': {
      const stableSeq = r.u64n('stableSeq');
      const stableDigest = r.fixed(32, 'stableDigest');
      const checkpointProof = r.list(
        MAX_REPLICAS,
        (r) => readSigned(r, 'checkpoint') as SignedMessage<Checkpoint>,
        'checkpointProof',
      );
      const entries = r.list(
        MAX_SEQS,
        (r) => ({ value: r.bytes(MAX_VALUE_BYTES, 'value'), certificate: readCertificate(r) }),
        'entries',
      );
      return { type: kind, stableSeq, stableDigest, checkpointProof, entries };
    }
  }
}

function readSigned(r: Reader, expected?: MessageKind): SignedMessage {
  const tag = r.u8('type');
  const kind = KIND_BY_TAG[tag - 1];
  if (kind === undefined) fail(ErrorCode.BAD_ENUM, `unknown message type ${tag}`, 'type');
  if (expected !== undefined && kind !== expected)
    fail(ErrorCode.BAD_TYPE, `expected a ${expected} message, got ${kind}`, 'type');
  const sender = r.u16('sender');
  const body = readBody(r, kind);
  return { sender, body, signature: r.fixed(64, 'signature') };
}

/** Decodes one signed message; malformed, truncated or trailing bytes throw ProtocolError. */
export function decodeSignedMessage(bytes: Uint8Array): SignedMessage {
  const r = new Reader(bytes);
  const m = readSigned(r);
  r.end('message');
  return m;
}
