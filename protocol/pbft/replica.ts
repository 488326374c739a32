/**
 * The replica: a deterministic state machine. `step` takes one input (a value to propose, a signed
 * message, or a clock tick), checks membership and signature at the door, dispatches to the handler
 * of that message type, then settles (replays deferred messages that became processable, lets the
 * primary propose) and returns what to send, what to log, and what was executed.
 *
 * @example
 * const r = createReplica({ id: 1, publicKeys, crypto, checkpointInterval: 4, watermarkWindow: 8, viewChangeTimeout: 100 });
 * const out = r.step({ kind: 'receive', message }); // out.send, out.events, out.committed
 */
import { makeCtx, emit } from './context.ts';
import type { Ctx, Input, Output, ReplicaConfig } from './context.ts';
import type { SignedMessage } from './messages.ts';
import { verifySignature } from './messages.ts';
import { initialState } from './state.ts';
import type { ReplicaState } from './state.ts';
import { faultsTolerated } from './quorum.ts';
import { onPropose, tryPropose } from './propose.ts';
import { onPrePrepare } from './onPrePrepare.ts';
import { onPrepare } from './onPrepare.ts';
import { onCommit } from './onCommit.ts';
import { onCheckpoint } from './onCheckpoint.ts';
import { onViewChange } from './onViewChange.ts';
import { onNewView } from './onNewView.ts';
import { onTick } from './onTick.ts';
import { onFetch, onFetchReply } from './onFetch.ts';

export interface Replica {
  readonly id: number;
  /** Live state (plain data). Clone it (structuredClone) to persist; pass it back to createReplica. */
  readonly state: ReplicaState;
  step(input: Input): Output;
}

export function createReplica(config: ReplicaConfig, restored?: ReplicaState): Replica {
  checkConfig(config);
  const st = restored ?? initialState();
  return {
    id: config.id,
    get state() {
      return st;
    },
    step(input: Input): Output {
      const ctx = makeCtx(config, st);
      switch (input.kind) {
        case 'propose':
          onPropose(ctx, input.value);
          break;
        case 'receive':
          onReceive(ctx, input.message);
          break;
        case 'tick':
          onTick(ctx, input.now);
          break;
      }
      settle(ctx);
      return ctx.out;
    },
  };
}

function checkConfig(c: ReplicaConfig): void {
  const n = c.publicKeys?.length ?? 0;
  if (n < 4 || faultsTolerated(n) < 1) throw new RangeError('a PBFT committee needs at least 4 replicas');
  if (n > 1024) throw new RangeError('at most 1024 replicas');
  if (!Number.isInteger(c.id) || c.id < 0 || c.id >= n)
    throw new RangeError(`replica id ${c.id} is not in 0..${n - 1}`);
  for (const k of c.publicKeys)
    if (!(k instanceof Uint8Array) || k.length !== 32) throw new TypeError('public keys are 32 bytes');
  if (!Number.isInteger(c.checkpointInterval) || c.checkpointInterval < 1)
    throw new RangeError('checkpointInterval >= 1');
  if (!Number.isInteger(c.watermarkWindow) || c.watermarkWindow < c.checkpointInterval)
    throw new RangeError('watermarkWindow must be an integer >= checkpointInterval');
  if (!(c.viewChangeTimeout > 0)) throw new RangeError('viewChangeTimeout must be positive');
}

function onReceive(ctx: Ctx, m: SignedMessage): void {
  const sender = m?.sender;
  const kind = m?.body?.type;
  if (!Number.isInteger(sender) || sender < 0 || sender >= ctx.n) {
    emit(ctx, { type: 'ignored', reason: 'not-member', kind, from: sender });
    return;
  }
  if (sender === ctx.cfg.id) {
    emit(ctx, { type: 'ignored', reason: 'own-message', kind, from: sender });
    return;
  }
  let valid = false;
  try {
    valid = verifySignature(ctx.cfg.crypto, ctx.cfg.publicKeys, m);
  } catch {
    // A body that cannot even be encoded (wrong field types) cannot carry a valid signature.
  }
  if (!valid) {
    emit(ctx, { type: 'ignored', reason: 'bad-signature', kind, from: sender });
    return;
  }
  dispatch(ctx, m);
}

function dispatch(ctx: Ctx, m: SignedMessage): void {
  const body = m.body;
  switch (body.type) {
    case 'pre-prepare':
      return onPrePrepare(ctx, m as SignedMessage<typeof body>);
    case 'prepare':
      return onPrepare(ctx, m as SignedMessage<typeof body>);
    case 'commit':
      return onCommit(ctx, m as SignedMessage<typeof body>);
    case 'checkpoint':
      return onCheckpoint(ctx, m as SignedMessage<typeof body>);
    case 'view-change':
      return onViewChange(ctx, m as SignedMessage<typeof body>);
    case 'new-view':
      return onNewView(ctx, m as SignedMessage<typeof body>);
    case 'fetch':
      return onFetch(ctx, m as SignedMessage<typeof body>);
    case 'fetch-reply':
      return onFetchReply(ctx, m as SignedMessage<typeof body>);
  }
}

/** Replays deferred messages while views or watermarks move, then lets the primary propose. */
function settle(ctx: Ctx): void {
  for (let round = 0; ctx.wake && round < 8; round++) {
    ctx.wake = false;
    const waiting = ctx.st.deferred;
    ctx.st.deferred = [];
    ctx.replaying = true;
    for (const m of waiting) dispatch(ctx, m);
    ctx.replaying = false;
  }
  if (ctx.proposeSoon) {
    ctx.proposeSoon = false;
    tryPropose(ctx);
  }
}
