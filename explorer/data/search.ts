/**
 * Search: what a query names, tried in order — `table:height` (a block), a table number, a
 * 32-byte hash (a transaction, else a block of any table), a T-address or a 0x Ethereum address
 * (an account). Answers the page to go to, or null with what was tried.
 */
import * as m from '../../workers/edge/methods.ts';
import { addressFromEthereum, parseAddress } from '../../protocol/keys/address.ts';
import { tableCount } from '../../protocol/network/config.ts';
import type { Ctx } from '../../workers/edge/methods.ts';
import type { BlockView } from '../../schema/rpc.ts';
import { accountUrl, blockUrl, tableUrl, txUrl } from '../format.ts';

export type SearchResult =
  | { query: string; found: true; kind: 'tx' | 'block' | 'account' | 'table'; url: string }
  | { query: string; found: false; tried: string[] };

const orNull = <T>(p: Promise<T>): Promise<T | null> => p.catch(() => null);

export async function search(c: Ctx, raw: string): Promise<SearchResult> {
  const q = raw.trim();
  const hit = (kind: 'tx' | 'block' | 'account' | 'table', url: string): SearchResult => ({
    query: q,
    found: true,
    kind,
    url,
  });
  const n = tableCount(c.config);
  const th = /^(\d+)\s*[:/]\s*(\d+)$/.exec(q);
  if (th) {
    const t = Number(th[1]);
    const h = Number(th[2]);
    if (t < n && (await orNull(m.getBlock(c, [t, h])))) return hit('block', blockUrl(t, h));
    return { query: q, found: false, tried: [`block ${h} of table ${t}`] };
  }
  if (/^\d+$/.test(q)) {
    if (Number(q) < n) return hit('table', tableUrl(Number(q)));
    return { query: q, found: false, tried: [`table ${q} (this network has tables 0–${n - 1})`] };
  }
  const hex = /^(0x)?[0-9a-fA-F]{64}$/.test(q) ? (q.startsWith('0x') ? q : '0x' + q).toLowerCase() : null;
  if (hex) {
    if (await orNull(m.getTransaction(c, [hex]))) return hit('tx', txUrl(hex));
    const blocks = await Promise.all(
      Array.from({ length: n }, (_, t) => orNull(m.getBlock(c, [t, hex]) as Promise<BlockView>)),
    );
    const b = blocks.find((x) => x);
    if (b) return hit('block', blockUrl(b.table, b.height));
    return { query: q, found: false, tried: ['transaction hash', `block hash in all ${n} tables`] };
  }
  if (/^0x[0-9a-fA-F]{40}$/.test(q)) {
    try {
      return hit('account', accountUrl(addressFromEthereum(q)));
    } catch {
      return { query: q, found: false, tried: ['Ethereum address (checksum failed)'] };
    }
  }
  if (/^T/i.test(q)) {
    try {
      return hit('account', accountUrl(parseAddress('T' + q.slice(1), 'address').text));
    } catch (e) {
      return { query: q, found: false, tried: [`address (${(e as Error).message})`] };
    }
  }
  return {
    query: q,
    found: false,
    tried: ['nothing: expected a 0x hash, a T-address, a 0x address, a table number or table:height'],
  };
}
