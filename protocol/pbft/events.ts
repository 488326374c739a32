/**
 * Everything worth logging about a replica's step, as plain data: each accepted or ignored message
 * (with why), and each protocol milestone. An explorer replays these to show a round message by
 * message; tests assert on them instead of on internals.
 */
import type { MessageKind } from './messages.ts';

export type IgnoreReason =
  | 'not-member'
  | 'own-message'
  | 'bad-signature'
  | 'wrong-view'
  | 'stale'
  | 'outside-watermarks'
  | 'not-primary'
  | 'primary-prepare'
  | 'digest-mismatch'
  | 'conflicting-pre-prepare'
  | 'duplicate'
  | 'bad-checkpoint'
  | 'invalid-view-change'
  | 'invalid-new-view'
  | 'empty-value'
  | 'pending-full'
  | 'oversized-value'
  | 'already-executed'
  | 'deferred-overflow'
  | 'invalid-fetch-reply'
  | 'rate-limited'
  | 'nothing-to-send';

export type PbftEvent =
  | { type: 'accepted'; kind: MessageKind; from: number; view: number; seq: number }
  | { type: 'ignored'; reason: IgnoreReason; kind?: MessageKind; from?: number; view?: number; seq?: number }
  | {
      type: 'deferred';
      reason: 'future-view' | 'above-watermark';
      kind: MessageKind;
      from: number;
      view: number;
      seq: number;
    }
  | { type: 'value-received'; digest: Uint8Array }
  | { type: 'proposed'; view: number; seq: number; digest: Uint8Array }
  | { type: 'prepared'; view: number; seq: number; digest: Uint8Array }
  | { type: 'committed'; view: number; seq: number; digest: Uint8Array }
  | { type: 'executed'; seq: number; digest: Uint8Array; stateDigest: Uint8Array }
  | { type: 'checkpoint-stable'; seq: number; digest: Uint8Array; collected: number }
  | { type: 'checkpoint-mismatch'; seq: number; own: Uint8Array; stable: Uint8Array }
  | { type: 'state-transferred'; from: number; to: number; stateDigest: Uint8Array }
  | {
      type: 'fetch-sent';
      fromSeq: number;
      to: number[];
      reason: 'alone-in-view-change' | 'hole' | 'checkpoints-ahead';
    }
  | { type: 'fetch-answered'; to: number; fromSeq: number; entries: number; withCheckpoint: boolean }
  | { type: 'fetched'; from: number; entries: number; lastExecuted: number }
  | { type: 'view-change-started'; view: number; reason: 'timeout' | 'joined' }
  | { type: 'new-view-sent'; view: number; minSeq: number; maxSeq: number }
  | { type: 'new-view-installed'; view: number; primary: number; minSeq: number; maxSeq: number };
