/** Read views of the table's read models, in the shapes of schema/rpc.ts. */
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { decodeTx } from '../../protocol/tx/encodeTx.ts';
import { txToJson } from '../../protocol/tx/txJson.ts';
import { decodeHeader } from '../../protocol/lattice/tableBlock.ts';
import { decodeUnit, unitHash } from '../../protocol/lattice/unitBlock.ts';
import { tgasAvailable } from '../../protocol/gas/tgas.ts';
import { ENTRY_KIND_NAMES, type AccountState, type PeerCursor } from '../../protocol/lattice/types.ts';
import type { BlockCommittedBody } from '../../schema/events.ts';
import type { AccountView, BlockView, PhaseView, TxStatus, TxView } from '../../schema/rpc.ts';

const hex = (b: Uint8Array): string => '0x' + toHex(b);

export function accountView(
  address: string,
  table: number,
  a: AccountState,
  pending: number,
  now: number,
): AccountView {
  return {
    address,
    table,
    balance: a.balance.toString(),
    nonce: a.nonce.toString(),
    lastTxHash: hex(a.lastTxHash),
    unitHeight: a.unitHeight.toString(),
    lastUnitHash: hex(a.lastUnitHash),
    gasStaked: a.gasStaked.toString(),
    tgasUsed: a.tgasUsed.toString(),
    tgasDay: a.tgasDay,
    tgasAvailable: tgasAvailable(a, now).toString(),
    deposit: a.deposit.toString(),
    votes: Object.fromEntries([...a.votes].map(([k, v]) => [k, v.toString()])),
    pending,
  };
}

function blockHashAt(sql: SqlStorage, height: number | null): string | undefined {
  if (height === null) return undefined;
  const r = sql.exec<{ hash: ArrayBuffer }>('SELECT hash FROM blocks WHERE height = ?', height).toArray()[0];
  return r ? hex(new Uint8Array(r.hash)) : undefined;
}

type TxRow = {
  hash: ArrayBuffer;
  status: string;
  code: string | null;
  message: string | null;
  raw: ArrayBuffer;
  send_height: number | null;
  recv_table: number | null;
  recv_height: number | null;
  confirm_height: number | null;
};

export function txView(sql: SqlStorage, table: number, hash: Uint8Array): TxView | null {
  const r = sql.exec<TxRow>('SELECT * FROM txs WHERE hash = ?', hash).toArray()[0];
  if (!r) return null;
  const tx = decodeTx(new Uint8Array(r.raw));
  const view: TxView = { hash: hex(hash), status: r.status as TxStatus, tx: txToJson(tx) };
  if (r.code) view.error = { code: r.code, message: r.message ?? '' };
  if (r.send_height !== null) view.send = phase(sql, table, r.send_height);
  if (r.recv_height !== null && r.recv_table !== null)
    view.recv =
      r.recv_table === table
        ? phase(sql, table, r.recv_height)
        : { table: r.recv_table, height: r.recv_height };
  if (r.confirm_height !== null) view.confirm = phase(sql, table, r.confirm_height);
  return view;
}

function phase(sql: SqlStorage, table: number, height: number): PhaseView {
  const p: PhaseView = { table, height };
  const h = blockHashAt(sql, height);
  if (h) p.blockHash = h;
  return p;
}

export function blockView(
  sql: SqlStorage,
  table: number,
  at: { height: number } | { hash: string },
  maxUnits = Infinity,
): BlockView | null {
  const r = (
    'height' in at
      ? sql.exec<{
          height: number;
          hash: ArrayBuffer;
          header: string;
          certificate: string | null;
          body: string;
        }>('SELECT * FROM blocks WHERE height = ?', at.height)
      : sql.exec<{
          height: number;
          hash: ArrayBuffer;
          header: string;
          certificate: string | null;
          body: string;
        }>('SELECT * FROM blocks WHERE hash = ?', fromHex(at.hash, 'hash', 32))
  ).toArray()[0];
  if (!r) return null;
  const h = decodeHeader(fromHex(r.header));
  const body = JSON.parse(r.body) as Omit<BlockCommittedBody, 'height' | 'hash' | 'header' | 'certificate'>;
  const view: BlockView = {
    table,
    height: r.height,
    hash: hex(new Uint8Array(r.hash)),
    header: {
      chainId: h.chainId,
      prevHash: hex(h.prevHash),
      time: h.time,
      txCount: h.txCount,
      txRoot: hex(h.txRoot),
      rejectedRoot: hex(h.rejectedRoot),
      inputsRoot: hex(h.inputsRoot),
      unitsRoot: hex(h.unitsRoot),
      receiptsRoot: hex(h.receiptsRoot),
    },
    txs: body.results.filter((x) => x.ok).map((x) => x.hash),
    rejected: body.results
      .filter((x) => !x.ok)
      .map((x) => ({ hash: x.hash, code: x.code ?? '', message: x.message ?? '' })),
    // Decoding is most of a big block's cost: a page that shows a few units asks for a few.
    units: body.units.slice(0, maxUnits).map((u) => {
      const unit = decodeUnit(fromHex(u));
      return {
        account: unit.account,
        height: unit.height.toString(),
        hash: hex(unitHash(unit)),
        entries: unit.entries.map((e) => ({
          kind: ENTRY_KIND_NAMES[e.kind],
          txHash: hex(e.txHash),
          peer: e.peer,
          amount: e.amount.toString(),
        })),
      };
    }),
    unitCount: body.units.length,
    receiptsIn: body.applied,
    receiptsOut: body.outgoing,
  };
  if (r.certificate) view.certificate = r.certificate;
  if (body.committee) view.committee = body.committee;
  if (body.epoch) view.epoch = body.epoch;
  return view;
}

/** The recv phase of a cross-table transfer, as the receiver's table saw it. */
export function receivedView(
  sql: SqlStorage,
  hash: Uint8Array,
): { fromTable: number; receiptId: string; height: number } | null {
  const r = sql
    .exec<{ from_table: number; receipt_id: string; height: number }>(
      'SELECT from_table, receipt_id, height FROM received WHERE hash = ?',
      hash,
    )
    .toArray()[0];
  return r ? { fromTable: r.from_table, receiptId: r.receipt_id, height: r.height } : null;
}

export function receiptIdsView(
  peers: ReadonlyMap<number, PeerCursor>,
): { peer: number; sent: string; received: string; confirmed: string }[] {
  return [...peers].map(([peer, c]) => ({
    peer,
    sent: c.sent.toString(),
    received: c.received.toString(),
    confirmed: c.confirmed.toString(),
  }));
}
