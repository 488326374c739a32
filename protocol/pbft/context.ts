/**
 * The replica's configuration, its inputs and outputs, and the per-step context every handler
 * receives: config, state, and the output being built. Handlers only ever talk to the world by
 * pushing into the output through `send` and `emit`, which keeps each step a pure function of
 * (state, input).
 */
import type { PbftCrypto } from './crypto.ts';
import type { Message, SignedMessage } from './messages.ts';
import { signMessage } from './messages.ts';
import type { CommitCertificate } from './certificate.ts';
import type { PbftEvent } from './events.ts';
import type { ReplicaState } from './state.ts';
import { faultsTolerated, primaryOf, quorumSize } from './quorum.ts';

export interface ReplicaConfig {
  id: number;
  publicKeys: Uint8Array[];
  crypto: PbftCrypto;
  /** A checkpoint is taken after every seq that is a multiple of this. */
  checkpointInterval: number;
  /** Sequence numbers accepted are h < seq <= h + watermarkWindow (h = last stable checkpoint). */
  watermarkWindow: number;
  /** Base view-change timeout in logical ticks; doubles per consecutive view change (up to 2^5). */
  viewChangeTimeout: number;
}

export type Input =
  | { kind: 'propose'; value: Uint8Array }
  | { kind: 'receive'; message: SignedMessage }
  | { kind: 'tick'; now: number };

export interface Committed {
  seq: number;
  view: number;
  digest: Uint8Array;
  /** Empty for the null request a new primary uses to fill a gap. */
  value: Uint8Array;
  certificate: CommitCertificate;
}

export interface Output {
  /** `to: 'all'` means every replica except the sender. */
  send: { to: number | 'all'; message: SignedMessage }[];
  events: PbftEvent[];
  /** Executed in sequence order, without gaps except across a state transfer. */
  committed: Committed[];
}

export interface Ctx {
  cfg: ReplicaConfig;
  n: number;
  f: number;
  q: number;
  st: ReplicaState;
  out: Output;
  /** Set when a view is installed or the watermarks move: deferred messages may now be processable. */
  wake: boolean;
  /** True while deferred messages are being replayed: re-deferral is silent. */
  replaying: boolean;
  /** Set when the primary may be able to assign new sequence numbers. */
  proposeSoon: boolean;
}

export const MAX_BACKOFF_EXPONENT = 5;

export function makeCtx(cfg: ReplicaConfig, st: ReplicaState): Ctx {
  const n = cfg.publicKeys.length;
  return {
    cfg,
    n,
    f: faultsTolerated(n),
    q: quorumSize(n),
    st,
    out: { send: [], events: [], committed: [] },
    wake: false,
    replaying: false,
    proposeSoon: false,
  };
}

export function emit(ctx: Ctx, e: PbftEvent): void {
  ctx.out.events.push(e);
}

export function sign<M extends Message>(ctx: Ctx, body: M): SignedMessage<M> {
  return signMessage(ctx.cfg.crypto, ctx.cfg.id, body);
}

export function send(ctx: Ctx, to: number | 'all', message: SignedMessage): void {
  ctx.out.send.push({ to, message });
}

export function isPrimary(ctx: Ctx, view = ctx.st.view): boolean {
  return primaryOf(view, ctx.n) === ctx.cfg.id;
}

export function currentTimeout(ctx: Ctx): number {
  return ctx.cfg.viewChangeTimeout * 2 ** Math.min(ctx.st.viewChangeAttempts, MAX_BACKOFF_EXPONENT);
}

/** h + window: the highest seq accepted now. */
export function highWatermark(ctx: Ctx): number {
  return ctx.st.low + ctx.cfg.watermarkWindow;
}

/** Pace of re-sending own messages, new-view hand-overs and fetches: half the base timeout. */
export function resendInterval(ctx: Ctx): number {
  return Math.max(1, Math.floor(ctx.cfg.viewChangeTimeout / 2));
}
