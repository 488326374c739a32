/**
 * The table's mempool: pending transactions in arrival order, and each sender's account as its
 * pending transactions leave it (the "shadow"), which is what admission judges a new transaction
 * against — so a sender can queue many transactions, each checked for nonce, prevHash and funds
 * as if the ones before it were already in a block.
 */
import { toHex } from '../../protocol/bytes.ts';
import { ErrorCode, fail, isProtocolError } from '../../protocol/errors.ts';
import { admitTx, type AdmitContext } from '../../protocol/lattice/admitTx.ts';
import { applyEntry } from '../../protocol/lattice/applyEntry.ts';
import { cloneAccount, emptyAccount } from '../../protocol/lattice/accountState.ts';
import type { AccountState } from '../../protocol/lattice/types.ts';
import type { ErrorInfo } from '../../schema/rpc.ts';
import type { PendingTx } from './loadState.ts';

export const MAX_MEMPOOL = 100_000;

export type Admission = { ok: true; hash: string } | { ok: false; hash: string; error: ErrorInfo };

/** What admitting a batch would do: per item its outcome, and the pool's changes to apply once written. */
export interface AdmitPlan {
  outcomes: Admission[];
  admitted: PendingTx[];
  shadows: Map<string, AccountState>;
}

export class Mempool {
  pending: PendingTx[] = [];
  private readonly shadow = new Map<string, AccountState>();

  constructor(
    /** The committed account, from the table's state. */
    private readonly committed: (address: string) => AccountState | undefined,
    private readonly context: (time: number) => AdmitContext,
  ) {}

  private shadowOf(address: string): AccountState {
    let a = this.shadow.get(address);
    if (!a) {
      const base = this.committed(address);
      a = base ? cloneAccount(base) : emptyAccount();
      this.shadow.set(address, a);
    }
    return a;
  }

  /** Judges each transaction in order against the shadows; changes nothing until `apply`. */
  plan(items: readonly PendingTx[], time: number, known: (hash: Uint8Array) => boolean): AdmitPlan {
    const outcomes: Admission[] = [];
    const admitted: PendingTx[] = [];
    const shadows = new Map<string, AccountState>();
    const inBatch = new Set<string>();
    for (const p of items) {
      const hash = '0x' + toHex(p.hash);
      try {
        if (this.pending.length + admitted.length >= MAX_MEMPOOL)
          fail(ErrorCode.MEMPOOL_FULL, 'the mempool is full; retry shortly', 'transaction');
        if (inBatch.has(hash) || known(p.hash))
          fail(ErrorCode.DUPLICATE_TX, 'transaction already known', 'transaction');
        const a = cloneAccount(shadows.get(p.tx.sender) ?? this.shadowOf(p.tx.sender));
        applyEntry(a, admitTx(a, p.tx, p.hash, p.size, this.context(time)), time);
        shadows.set(p.tx.sender, a);
        inBatch.add(hash);
        admitted.push(p);
        outcomes.push({ ok: true, hash });
      } catch (e) {
        if (!isProtocolError(e)) throw e;
        outcomes.push({ ok: false, hash, error: e.toJSON() });
      }
    }
    return { outcomes, admitted, shadows };
  }

  apply(plan: AdmitPlan): void {
    this.pending.push(...plan.admitted);
    for (const [k, v] of plan.shadows) this.shadow.set(k, v);
  }

  /** Replaces the pool (at load) or drops what a block decided, then recomputes every shadow. */
  reset(pending: PendingTx[], time: number): void {
    this.pending = pending;
    this.shadow.clear();
    for (const p of this.pending) {
      const a = this.shadowOf(p.tx.sender);
      try {
        applyEntry(a, admitTx(a, p.tx, p.hash, p.size, this.context(time)), time);
      } catch {
        // A pending transaction the block will reject; later ones of its sender will be judged then.
      }
    }
  }

  removeDecided(hashes: ReadonlySet<string>, time: number): void {
    this.reset(
      this.pending.filter((p) => !hashes.has(toHex(p.hash))),
      time,
    );
  }

  countFrom(address: string): number {
    return this.pending.reduce((n, p) => n + (p.tx.sender === address ? 1 : 0), 0);
  }
}
