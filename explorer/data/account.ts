/**
 * Account page data: the account's state and its latest sent transactions. Until the index
 * projection exists, history is walked back along the sender's own hash chain (each transaction
 * names its predecessor in prevHash), so it lists what the account sent, not what it received.
 */
import * as m from '../../workers/edge/methods.ts';
import { parseAddress } from '../../protocol/keys/address.ts';
import type { Ctx } from '../../workers/edge/methods.ts';
import type { AccountView, TxView } from '../../schema/rpc.ts';

const HISTORY = 10;
const ZERO = '0x' + '0'.repeat(64);

export interface AccountData {
  account: AccountView;
  sent: { hash: string; status: string; receiver: string; amount: string; nonce: string; height?: number }[];
}

export async function accountData(c: Ctx, address: string): Promise<AccountData> {
  const a = parseAddress(address, 'address').text;
  const account = (await m.getAccount(c, [a])) as AccountView;
  const sent: AccountData['sent'] = [];
  let next = account.lastTxHash;
  while (sent.length < HISTORY && next && next !== ZERO) {
    let tx: TxView;
    try {
      tx = await m.getTransaction(c, [next, a]);
    } catch {
      break;
    }
    sent.push({
      hash: tx.hash,
      status: tx.status,
      receiver: tx.tx.receiver,
      amount: tx.tx.amount,
      nonce: tx.tx.nonce,
      ...(tx.send ? { height: tx.send.height } : {}),
    });
    next = tx.tx.prevHash;
  }
  return { account, sent };
}
