/** Shared helpers of the workerd tests: the test network's config, dev signers, signed transfers, polling. */
import { env } from 'cloudflare:workers';
import { networkConfig } from '../../durable-objects/base/config.ts';
import { devAccounts, accountTable, tableName, type NetworkConfig } from '../../protocol/network/config.ts';
import { signTx } from '../../protocol/tx/signTx.ts';
import { encodeTx } from '../../protocol/tx/encodeTx.ts';
import { txHash } from '../../protocol/tx/txHash.ts';
import { toHex, ZERO32 } from '../../protocol/bytes.ts';
import type { Signer } from '../../protocol/keys/signer.ts';
import type { Tx, UnsignedTx } from '../../protocol/tx/types.ts';
import type { EventRecord } from '../../schema/log.ts';

export const config: NetworkConfig = networkConfig(env);
export const dev = devAccounts();

export function tableStub(t: number) {
  return env.TABLE.getByName(tableName(config, t));
}

export function tableOfAddr(address: string): number {
  return accountTable(config, address);
}

/** Tracks each signer's next nonce and previous hash, as a wallet would. */
export class Wallet {
  nonce = 0n;
  prevHash: Uint8Array = ZERO32;
  constructor(readonly signer: Signer) {}

  sign(fields: Partial<UnsignedTx> & { receiver: string; amount: bigint }): Tx {
    const now = Math.floor(Date.now() / 1000);
    const tx = signTx(
      {
        chainId: config.chainId,
        type: 0,
        sender: this.signer.address,
        nonce: this.nonce,
        prevHash: this.prevHash,
        timestamp: now,
        expiry: now + 600,
        memo: '',
        ...fields,
      },
      this.signer,
    );
    this.nonce += 1n;
    this.prevHash = txHash(tx);
    return tx;
  }
}

export function hex(tx: Tx): string {
  return '0x' + toHex(encodeTx(tx));
}

export function hashHex(tx: Tx): string {
  return '0x' + toHex(txHash(tx));
}

export async function waitFor<T>(
  f: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A stub's event log (typed here: RPC typing of free-form event bodies is too deep for tsc). */
export async function eventsOf(stub: unknown, afterSeq = 0, limit = 5000): Promise<EventRecord[]> {
  return (stub as { events(a: number, l: number): Promise<EventRecord[]> }).events(afterSeq, limit);
}

/**
 * Waits until the network is quiet — no pending transactions, inboxes or outboxes in any table —
 * so no background delivery is still running when a test file's isolate is torn down.
 */
/**
 * Waits until nothing is in flight: every table's mempool, inbox and outbox and every zone's outbox
 * are empty, twice in a row (a zone delivery in flight refills an inbox), so no object is still
 * working when the test file's environment closes.
 */
export async function settle(timeoutMs = 60_000): Promise<void> {
  const { tableCount } = await import('../../protocol/network/config.ts');
  const { zoneName } = await import('../../durable-objects/base/config.ts');
  const quiet = async (): Promise<boolean> => {
    const stats = await Promise.all(
      Array.from({ length: tableCount(config) }, (_, t) => tableStub(t).stats()),
    );
    const zones = await Promise.all(
      Array.from({ length: config.zones }, (_, z) => env.ZONE.getByName(zoneName(config, z)).stats()),
    );
    return (
      stats.every((s) => s.pending === 0 && s.inbox === 0 && s.outbox === 0) &&
      zones.every((z) => z.queued === 0)
    );
  };
  let streak = 0;
  await waitFor(
    async () => {
      streak = (await quiet()) ? streak + 1 : 0;
      return streak >= 2;
    },
    timeoutMs,
    'the network to settle',
  );
}
