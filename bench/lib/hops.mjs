// Where a cross-table transfer's time goes under load: reads every table, committee and zone log
// of a network in this process (Miniflare) and follows each transfer accepted in a time window
// through its hops — accepted → proposed → certified at its table, routed by the zone, delivered
// to and proposed at the receiver's table (recv), certified, routed back, delivered and proposed
// again at the sender's (confirm), certified. Each hop's p50/p90 over the window's transfers, in ms.
// Event times are the objects' clocks at append (workerd's Date.now(): the start of the task).
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { decodeTx } from '../../protocol/tx/encodeTx.ts';
import { txHash } from '../../protocol/tx/txHash.ts';
import { decodeReceipt } from '../../protocol/lattice/receipt.ts';
import { tableName } from '../../protocol/network/config.ts';
import { latencySummary } from './util.mjs';

async function logOf(ns, name, since) {
  const stub = ns.get(ns.idFromName(name));
  const out = [];
  try {
    for (let after = 0; ;) {
      const evs = await stub.events(after, 500);
      if (!evs.length) break;
      for (const e of evs) if (e.time >= since) out.push(e);
      after = evs[evs.length - 1].seq;
    }
  } finally {
    stub[Symbol.dispose]?.();
  }
  return out;
}

/** Hop latencies (ms: p50, p90, p99, …) for cross-table transfers accepted in [from, to) (ms since epoch). */
export async function hops(mf, config, from, to) {
  const tables = config.zones * config.tablesPerZone;
  const since = from - 60_000;
  const T = await mf.getDurableObjectNamespace('TABLE');
  const C = await mf.getDurableObjectNamespace('COMMITTEE');
  const Z = await mf.getDurableObjectNamespace('ZONE');
  const accepted = new Map(); // tx hash → { table, at }
  const proposedTx = new Map(); // tx hash → time of the first proposal naming it
  const proposedRc = new Map(); // `${table}|${kind}/${from}/${id}` → time
  const deliveredRc = new Map(); // `${table}|${kind}/${from}/${id}` → { at, txHash, kind }
  const heightOf = new Map(); // `${table}|key` → proposed height
  const txHeight = new Map(); // tx hash → proposed height at its table
  for (let t = 0; t < tables; t++) {
    for (const e of await logOf(T, tableName(config, t), since)) {
      if (e.type === 'TxsAccepted')
        for (const raw of e.body.txs) {
          const h = '0x' + toHex(txHash(decodeTx(fromHex(raw))));
          if (!accepted.has(h)) accepted.set(h, { table: t, at: e.time });
        }
      else if (e.type === 'BlockProposed') {
        for (const h of e.body.txs)
          if (!proposedTx.has(h)) {
            proposedTx.set(h, e.time);
            txHeight.set(h, e.body.height);
          }
        for (const k of e.body.receipts)
          if (!proposedRc.has(`${t}|${k}`)) {
            proposedRc.set(`${t}|${k}`, e.time);
            heightOf.set(`${t}|${k}`, e.body.height);
          }
      } else if (e.type === 'ReceiptsDelivered')
        for (const raw of e.body.receipts) {
          const r = decodeReceipt(fromHex(raw));
          const k = `${t}|${r.kind}/${r.fromTable}/${r.id}`;
          if (!deliveredRc.has(k))
            deliveredRc.set(k, { at: e.time, txHash: '0x' + toHex(r.txHash), kind: r.kind });
        }
    }
  }
  const certified = new Map(); // `${table}:${height}` → time
  for (let g = 0; g < config.zones * config.committeesPerZone; g++) {
    const z = Math.floor(g / config.committeesPerZone);
    for (const e of await logOf(C, `${config.name}/committee/${z}/${g % config.committeesPerZone}`, since))
      if (e.type === 'Certified') certified.set(`${e.body.table}:${e.body.height}`, e.time);
  }
  const routed = new Map(); // `${from}:${height}:${to}` → time
  for (let z = 0; z < config.zones; z++)
    for (const e of await logOf(Z, `${config.name}/zone/${z}`, since))
      if (e.type === 'ReceiptsRouted') routed.set(e.body.key, e.time);
  // Miniflare's namespace proxies are stubs too: workerd warns about any left to the collector.
  for (const ns of [T, C, Z]) ns[Symbol.dispose]?.();
  // Receipts by transfer: the send one delivered at the receiver's table, the confirm one back home.
  const byTx = new Map();
  for (const [k, d] of deliveredRc) {
    const [table, key] = k.split('|');
    const o = byTx.get(d.txHash) ?? {};
    o[d.kind === 0 ? 'send' : 'confirm'] = { table: Number(table), key, at: d.at };
    byTx.set(d.txHash, o);
  }
  const seg = {};
  const add = (name, v) => {
    if (v !== undefined && !Number.isNaN(v)) (seg[name] ??= []).push(v);
  };
  for (const [h, acc] of accepted) {
    if (acc.at < from || acc.at >= to) continue;
    const r = byTx.get(h);
    if (!r?.send || !r.confirm) continue;
    const a = acc.table;
    const b = r.send.table;
    const pA = proposedTx.get(h);
    const hA = txHeight.get(h);
    const cA = certified.get(`${a}:${hA}`);
    const zA = routed.get(`${a}:${hA}:${b}`);
    const pB = proposedRc.get(`${b}|${r.send.key}`);
    const hB = heightOf.get(`${b}|${r.send.key}`);
    const cB = certified.get(`${b}:${hB}`);
    const zB = routed.get(`${b}:${hB}:${a}`);
    const pC = proposedRc.get(`${a}|${r.confirm.key}`);
    const hC = heightOf.get(`${a}|${r.confirm.key}`);
    const cC = certified.get(`${a}:${hC}`);
    add('1 accepted→proposed', pA - acc.at);
    add('2 proposed→certified', cA - pA);
    add('3 certified→routed', zA - cA);
    add('4 routed→delivered', r.send.at - zA);
    add('5 delivered→proposed (recv)', pB - r.send.at);
    add('6 proposed→certified', cB - pB);
    add('7 certified→routed', zB - cB);
    add('8 routed→delivered', r.confirm.at - zB);
    add('9 delivered→proposed (confirm)', pC - r.confirm.at);
    add('10 proposed→certified', cC - pC);
    add('accepted→confirm certified', cC - acc.at);
  }
  const out = {};
  for (const [k, xs] of Object.entries(seg).sort((x, y) => parseInt(x[0]) - parseInt(y[0])))
    out[k] = latencySummary(xs);
  return out;
}
