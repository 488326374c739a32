/**
 * Transaction page data: the transaction and its three phases. A transfer within one table has all
 * three in one block; across tables, send is in the sender's table, recv in the receiver's, and
 * confirm back in the sender's.
 */
import * as m from '../../workers/edge/methods.ts';
import { accountTable } from '../../protocol/network/config.ts';
import type { Ctx } from '../../workers/edge/methods.ts';
import type { PhaseView, TxView } from '../../schema/rpc.ts';

export interface Phase {
  name: 'send' | 'recv' | 'confirm';
  table: number;
  done: boolean;
  at?: PhaseView;
}

export interface TxData {
  tx: TxView;
  senderTable: number;
  receiverTable: number;
  crossTable: boolean;
  phases: Phase[];
}

export async function txData(c: Ctx, hash: string): Promise<TxData> {
  const tx = await m.getTransaction(c, [hash]);
  const senderTable = accountTable(c.config, tx.tx.sender);
  const receiverTable = accountTable(c.config, tx.tx.receiver);
  const phase = (name: Phase['name'], table: number, at?: PhaseView): Phase =>
    at ? { name, table: at.table, done: true, at } : { name, table, done: false };
  return {
    tx,
    senderTable,
    receiverTable,
    crossTable: senderTable !== receiverTable,
    phases: [
      phase('send', senderTable, tx.send),
      phase('recv', receiverTable, tx.recv),
      phase('confirm', senderTable, tx.confirm),
    ],
  };
}
