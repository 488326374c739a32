/** Table block headers: canonical encoding and hash. The header is what a committee certifies. */
import { Writer } from '../codec/writer.ts';
import type { Reader } from '../codec/reader.ts';
import { decodeAll } from '../codec/reader.ts';
import { Domain, taggedHash } from '../hash.ts';
import { ErrorCode, fail } from '../errors.ts';
import type { TableBlockHeader } from './types.ts';

export const TABLE_BLOCK_VERSION = 1;

export function writeHeader(w: Writer, h: TableBlockHeader): void {
  w.u8(TABLE_BLOCK_VERSION, 'header.version').u32(h.chainId, 'header.chainId').u32(h.table, 'header.table');
  w.u64(h.height, 'header.height').fixed(h.prevHash, 32, 'header.prevHash').u64(h.time, 'header.time');
  w.u32(h.txCount, 'header.txCount');
  w.fixed(h.txRoot, 32, 'header.txRoot').fixed(h.rejectedRoot, 32, 'header.rejectedRoot');
  w.fixed(h.inputsRoot, 32, 'header.inputsRoot').fixed(h.unitsRoot, 32, 'header.unitsRoot');
  w.fixed(h.receiptsRoot, 32, 'header.receiptsRoot');
}

export function readHeader(r: Reader): TableBlockHeader {
  const v = r.u8('header.version');
  if (v !== TABLE_BLOCK_VERSION) fail(ErrorCode.BAD_VERSION, `unknown block version ${v}`, 'header.version');
  return {
    chainId: r.u32('header.chainId'),
    table: r.u32('header.table'),
    height: r.u64('header.height'),
    prevHash: r.fixed(32, 'header.prevHash'),
    time: r.u64n('header.time'),
    txCount: r.u32('header.txCount'),
    txRoot: r.fixed(32, 'header.txRoot'),
    rejectedRoot: r.fixed(32, 'header.rejectedRoot'),
    inputsRoot: r.fixed(32, 'header.inputsRoot'),
    unitsRoot: r.fixed(32, 'header.unitsRoot'),
    receiptsRoot: r.fixed(32, 'header.receiptsRoot'),
  };
}

export function encodeHeader(h: TableBlockHeader): Uint8Array {
  const w = new Writer();
  writeHeader(w, h);
  return w.finish();
}

export function decodeHeader(b: Uint8Array): TableBlockHeader {
  return decodeAll(b, readHeader, 'header');
}

export function blockHash(h: TableBlockHeader): Uint8Array {
  return taggedHash(Domain.tableBlock, encodeHeader(h));
}
