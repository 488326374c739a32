/**
 * What a zone accepts as a receipt batch: two different tables of the network, a block height, and
 * one or more envelopes whose receipts decode and name exactly this batch's tables and height.
 * Proofs and certificates are left to the receiving table, which knows the committee; the zone
 * refuses only what is plainly misaddressed, so a bad batch fails loudly at its sender instead of
 * blocking a target's queue.
 */
import { fromHex } from '../../protocol/bytes.ts';
import { ErrorCode, fail, isProtocolError } from '../../protocol/errors.ts';
import { decodeReceipt } from '../../protocol/lattice/receipt.ts';
import { tableCount, type NetworkConfig } from '../../protocol/network/config.ts';
import type { Receipt } from '../../protocol/lattice/types.ts';
import type { ReceiptBatch, ReceiptEnvelope } from '../../schema/rpc.ts';

export const MAX_ENVELOPES_PER_BATCH = 10_000;

const ENVELOPE_FIELDS = ['receipt', 'proof'] as const;

/** The idempotency key of a batch: one block's receipts to one table. */
export function batchKey(b: Pick<ReceiptBatch, 'fromTable' | 'height' | 'toTable'>): string {
  return `${b.fromTable}:${b.height}:${b.toTable}`;
}

export function tableTarget(table: number): string {
  return `table:${table}`;
}

export function targetTable(target: string): number {
  const m = /^table:(\d+)$/.exec(target);
  if (!m) throw new Error(`zone outbox target "${target}" is not table:<n>`);
  return Number(m[1]);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function tableIndex(v: unknown, tables: number, field: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v))
    fail(ErrorCode.NOT_INTEGER, `expected a table index, got ${JSON.stringify(v)}`, field);
  if (v < 0 || v >= tables)
    fail(ErrorCode.OUT_OF_RANGE, `table ${v} is not in this network (0..${tables - 1})`, field);
  return v;
}

function decodeAt(hex: string, field: string): Receipt {
  try {
    return decodeReceipt(fromHex(hex, field));
  } catch (e) {
    if (isProtocolError(e) && e.field !== field)
      fail(e.code, `receipt does not decode (${e.message})`, field);
    throw e;
  }
}

/** Checks one batch and returns it with only the contract's fields (what the log then holds). */
export function checkBatch(config: NetworkConfig, value: unknown, field = 'batch'): ReceiptBatch {
  if (!isRecord(value)) fail(ErrorCode.BAD_TYPE, 'expected a receipt batch object', field);
  const tables = tableCount(config);
  const fromTable = tableIndex(value.fromTable, tables, `${field}.fromTable`);
  const toTable = tableIndex(value.toTable, tables, `${field}.toTable`);
  if (fromTable === toTable)
    fail(
      ErrorCode.OUT_OF_RANGE,
      `a batch goes between two tables, not from table ${fromTable} to itself`,
      `${field}.toTable`,
    );
  const height = value.height;
  if (typeof height !== 'number' || !Number.isSafeInteger(height) || height < 0)
    fail(ErrorCode.NOT_INTEGER, `expected a block height, got ${JSON.stringify(height)}`, `${field}.height`);
  for (const k of ['header', 'certificate'] as const) {
    const v = value[k];
    if (typeof v !== 'string' || !v.startsWith('0x'))
      fail(ErrorCode.BAD_HEX, 'expected 0x-hex', `${field}.${k}`);
    fromHex(v, `${field}.${k}`);
  }
  const list = value.envelopes;
  if (!Array.isArray(list)) fail(ErrorCode.BAD_TYPE, 'expected an array of envelopes', `${field}.envelopes`);
  if (list.length === 0)
    fail(ErrorCode.BAD_LENGTH, 'a batch carries at least one receipt', `${field}.envelopes`);
  if (list.length > MAX_ENVELOPES_PER_BATCH)
    fail(
      ErrorCode.OVERSIZED,
      `a batch carries at most ${MAX_ENVELOPES_PER_BATCH} receipts, got ${list.length}`,
      `${field}.envelopes`,
    );
  const envelopes = list.map((e: unknown, i): ReceiptEnvelope => {
    const at = `${field}.envelopes[${i}]`;
    if (!isRecord(e)) fail(ErrorCode.BAD_TYPE, 'expected an envelope object', at);
    for (const k of ENVELOPE_FIELDS) {
      const v = e[k];
      if (typeof v !== 'string' || !v.startsWith('0x'))
        fail(ErrorCode.BAD_HEX, 'expected 0x-hex', `${at}.${k}`);
      if (k !== 'receipt') fromHex(v, `${at}.${k}`);
    }
    const r = decodeAt(e.receipt as string, `${at}.receipt`);
    if (r.fromTable !== fromTable || r.toTable !== toTable || r.height !== BigInt(height))
      fail(
        ErrorCode.BAD_RECEIPT,
        `receipt goes from table ${r.fromTable} to ${r.toTable} at height ${r.height}; the batch is ${fromTable} → ${toTable} at ${height}`,
        `${at}.receipt`,
      );
    return { receipt: e.receipt as string, proof: e.proof as string };
  });
  return {
    fromTable,
    toTable,
    height,
    header: value.header as string,
    certificate: value.certificate as string,
    envelopes,
  };
}
