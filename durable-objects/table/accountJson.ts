/** AccountState ↔ the JSON kept in the accounts read model (bigints as decimal strings, bytes as hex). */
import { fromHex, toHex } from '../../protocol/bytes.ts';
import type { AccountState } from '../../protocol/lattice/types.ts';

export function accountToJson(a: AccountState): string {
  return JSON.stringify({
    balance: a.balance.toString(),
    nonce: a.nonce.toString(),
    lastTxHash: toHex(a.lastTxHash),
    unitHeight: a.unitHeight.toString(),
    lastUnitHash: toHex(a.lastUnitHash),
    gasStaked: a.gasStaked.toString(),
    tgasUsed: a.tgasUsed.toString(),
    tgasDay: a.tgasDay,
    deposit: a.deposit.toString(),
    votes: Object.fromEntries([...a.votes].map(([k, v]) => [k, v.toString()])),
  });
}

export function accountFromJson(s: string): AccountState {
  const o = JSON.parse(s);
  return {
    balance: BigInt(o.balance),
    nonce: BigInt(o.nonce),
    lastTxHash: fromHex(o.lastTxHash),
    unitHeight: BigInt(o.unitHeight),
    lastUnitHash: fromHex(o.lastUnitHash),
    gasStaked: BigInt(o.gasStaked),
    tgasUsed: BigInt(o.tgasUsed),
    tgasDay: o.tgasDay,
    deposit: BigInt(o.deposit),
    votes: new Map(Object.entries(o.votes as Record<string, string>).map(([k, v]) => [k, BigInt(v)])),
  };
}
