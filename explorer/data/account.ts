/**
 * Account page data: the account's live state (its table) and its full history from the index —
 * every entry of its unit chain (send, recv, confirm, staking, …), newest first, paged by a cursor —
 * and the same history as CSV, every entry, amounts as exact decimal strings.
 */
import * as m from '../../workers/edge/methods.ts';
import { parseAddress } from '../../protocol/keys/address.ts';
import { accountTable } from '../../protocol/network/config.ts';
import { formatTop } from '../../protocol/amount.ts';
import { ErrorCode, fail } from '../../protocol/errors.ts';
import type { Ctx } from '../../workers/edge/methods.ts';
import type { AccountView } from '../../schema/rpc.ts';
import type { HistoryEntry, HistoryPage } from '../../schema/indexViews.ts';
import { isoTime } from '../format.ts';
import { tableIndex } from './indexStubs.ts';

export const HISTORY_PAGE = 25;
const MAX_PAGE = 100;
const CSV_PAGE = 1000;

export interface AccountData {
  account: AccountView;
  history: HistoryPage;
  /** The cursor this page started from (null: the newest entries). */
  before: string | null;
  limit: number;
}

function cursor(v: string | undefined): string | null {
  if (v === undefined || v === '') return null;
  if (!/^\d{1,15}\.\d{1,6}$/.test(v))
    fail(ErrorCode.BAD_TYPE, 'expected a history cursor like 12.0 (height.entry)', 'before');
  return v;
}

function pageSize(v: string | undefined): number {
  if (v === undefined || v === '') return HISTORY_PAGE;
  const n = /^\d{1,3}$/.test(v) ? Number(v) : 0;
  if (n < 1 || n > MAX_PAGE) fail(ErrorCode.OUT_OF_RANGE, `limit must be 1..${MAX_PAGE}`, 'limit');
  return n;
}

export async function accountData(
  c: Ctx,
  address: string,
  before?: string,
  limit?: string,
): Promise<AccountData> {
  const a = parseAddress(address, 'address').text;
  const from = cursor(before);
  const n = pageSize(limit);
  const [account, history] = await Promise.all([
    m.getAccount(c, [a]) as Promise<AccountView>,
    tableIndex(c, accountTable(c.config, a)).history(a, from, n),
  ]);
  return { account, history, before: from, limit: n };
}

const CSV_HEADER = [
  'table_height',
  'entry',
  'unit_height',
  'time',
  'kind',
  'tx_hash',
  'counterparty',
  'counterparty_table',
  'amount_utop',
  'amount_top',
  'tgas',
  'burn_utop',
  'receipt_id',
];

function csvRow(e: HistoryEntry): string {
  return [
    e.height,
    e.idx,
    e.unitHeight,
    isoTime(e.time),
    e.kind,
    e.txHash,
    e.peer,
    e.peer ? e.peerTable : '',
    e.amount,
    formatTop(BigInt(e.amount)),
    e.tgas,
    e.burn,
    e.receiptId,
  ].join(',');
}

/** The whole history as CSV (newest first), streamed page by page from the index. */
export function historyCsv(c: Ctx, address: string): ReadableStream<Uint8Array> {
  const a = parseAddress(address, 'address').text;
  const ix = tableIndex(c, accountTable(c.config, a));
  const enc = new TextEncoder();
  let next: string | null = null;
  let started = false;
  return new ReadableStream({
    async pull(ctl) {
      if (!started) {
        started = true;
        ctl.enqueue(enc.encode(CSV_HEADER.join(',') + '\n'));
      }
      const page: HistoryPage = await ix.history(a, next, CSV_PAGE);
      if (page.entries.length) ctl.enqueue(enc.encode(page.entries.map(csvRow).join('\n') + '\n'));
      next = page.next;
      if (!next) ctl.close();
    },
  });
}
