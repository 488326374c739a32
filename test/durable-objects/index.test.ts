/**
 * The explorer's index projection inside workerd: after transfers within and across tables, the
 * index answers the explorer's /api routes with the right history (exact amounts, every phase),
 * committee rounds and lattice edges; folding the same events again changes no row; and dropping
 * every partition and replaying the logs yields identical API answers.
 */
import { env, exports } from 'cloudflare:workers';
import { afterAll, describe, expect, it } from 'vitest';
import { dev, hashHex, settle, tableOfAddr, waitFor, Wallet } from './helpers.ts';
import { txToJson } from '../../protocol/tx/txJson.ts';
import { signerFromSecret } from '../../protocol/keys/signer.ts';
import { sha256 } from '../../protocol/hash.ts';
import { utf8 } from '../../protocol/bytes.ts';
import { networkConfig } from '../../durable-objects/base/config.ts';
import { tableName } from '../../protocol/network/config.ts';
import { TableEvent } from '../../schema/events.ts';
import type { EventRecord, EventsPage } from '../../schema/log.ts';
import { allIndexNames } from '../../explorer/data/indexStubs.ts';
import type { Tx } from '../../protocol/tx/types.ts';
import type { TxView } from '../../schema/rpc.ts';
import type { HistoryEntry, IndexStatus, RoundView } from '../../schema/indexViews.ts';

const ctx = { env, config: networkConfig(env), ip: '127.0.0.1' };

async function get(path: string): Promise<{ status: number; body: string }> {
  const res = await exports.default.fetch(`http://topnet${path}`);
  return { status: res.status, body: await res.text() };
}

async function json<T>(path: string): Promise<T> {
  const r = await get(path);
  expect(r.status, path).toBe(200);
  return JSON.parse(r.body) as T;
}

async function send(txs: Tx[]): Promise<void> {
  const res = await exports.default.fetch('http://topnet/rpc', {
    method: 'POST',
    body: JSON.stringify(
      txs.map((tx, id) => ({ jsonrpc: '2.0', id, method: 'sendTransaction', params: [txToJson(tx)] })),
    ),
  });
  const out = (await res.json()) as { result?: { status: string } }[];
  for (const r of out) expect(r.result?.status, JSON.stringify(r)).toBe('pending');
}

const final = (hash: string) =>
  waitFor(
    async () => {
      const res = await exports.default.fetch('http://topnet/rpc', {
        method: 'POST',
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getTransaction', params: [hash] }),
      });
      const v = ((await res.json()) as { result?: TxView }).result;
      return v?.status === 'final' ? v : null;
    },
    30_000,
    `${hash} final`,
  );

function accountIn(table: number, label: string) {
  for (let i = 0; ; i++) {
    const s = signerFromSecret('ed25519', sha256(utf8(`index-test/${label}/${i}`)));
    if (tableOfAddr(s.address) === table) return s;
  }
}

const partitions = () => allIndexNames(ctx).map((n) => env.INDEX.getByName(n));

describe('index projection', () => {
  afterAll(() => settle());

  const sender = new Wallet(dev[5]!);
  const senderTable = tableOfAddr(sender.signer.address);
  const far = accountIn((senderTable + 1) % 4, 'far');
  const near = accountIn(senderTable, 'near');
  // 15 digits of uTOP, odd in the last place: a float or a rounded TOP figure would show it.
  const big = 123_456_789_012_345n;
  let routes: string[] = [];

  it('projects history, rounds and the lattice from the logs', async () => {
    const t1 = sender.sign({ receiver: far.address, amount: big });
    const t2 = sender.sign({ receiver: near.address, amount: 1_234_567n });
    await send([t1, t2]);
    const [v1] = await Promise.all([final(hashHex(t1)), final(hashHex(t2))]);
    await settle();

    const hist = await json<{ history: { entries: HistoryEntry[] } }>(
      `/api/explorer/accounts/${sender.signer.address}`,
    );
    const kinds = (h: string) =>
      hist.history.entries
        .filter((e) => e.txHash === h)
        .map((e) => e.kind)
        .sort();
    expect(kinds(hashHex(t1))).toEqual(['confirm', 'send']);
    expect(kinds(hashHex(t2))).toEqual(['confirm', 'send']);
    const send1 = hist.history.entries.find((e) => e.txHash === hashHex(t1) && e.kind === 'send')!;
    expect(send1).toMatchObject({ amount: big.toString(), peer: far.address, height: v1.send!.height });
    const farHist = await json<{ history: { entries: HistoryEntry[] } }>(
      `/api/explorer/accounts/${far.address}`,
    );
    expect(farHist.history.entries).toHaveLength(1);
    expect(farHist.history.entries[0]).toMatchObject({
      kind: 'recv',
      amount: big.toString(),
      peer: sender.signer.address,
      height: v1.recv!.height,
    });

    // Paged one entry at a time, the cursor walks the same entries in the same order.
    const paged: HistoryEntry[] = [];
    for (let before = ''; ;) {
      const p = await json<{ history: { entries: HistoryEntry[]; next: string | null } }>(
        `/api/explorer/accounts/${sender.signer.address}?limit=1${before ? `&before=${before}` : ''}`,
      );
      paged.push(...p.history.entries);
      if (!p.history.next) break;
      before = p.history.next;
    }
    expect(paged).toEqual(hist.history.entries);
    expect(paged.length).toBeGreaterThanOrEqual(5);

    const csv = await get(`/accounts/${far.address}/history.csv`);
    expect(csv.status).toBe(200);
    const lines = csv.body.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      `,recv,${hashHex(t1)},${sender.signer.address},${senderTable},${big},123456789.012345,`,
    );

    const c = (
      await json<{ committees: { zone: number; index: number; tables: number[] }[] }>(
        '/api/explorer/committees',
      )
    ).committees.find((x) => x.tables.includes(senderTable))!;
    const rounds = await json<{ rounds: (RoundView & { missing: { members: number[] }[] })[] }>(
      `/api/explorer/committees/${c.zone}/${c.index}`,
    );
    const r = rounds.rounds.find((x) =>
      x.certified.some((b) => b.table === senderTable && b.height === v1.send!.height),
    );
    expect(r, 'the round that certified the send block').toBeDefined();
    expect(r!.phases.find((p) => p.phase === 'pre-prepare')!.signers).toHaveLength(1);
    expect(r!.phases.find((p) => p.phase === 'commit')!.signers.length).toBeGreaterThanOrEqual(3);

    const lattice = await json<{
      units: { table: number; height: number }[];
      edges: { txHash: string; from: number; to: number }[];
    }>('/api/explorer/lattice');
    const edge = lattice.edges.find((e) => e.txHash === hashHex(t1));
    expect(edge, 'the cross-table send → recv edge').toBeDefined();
    expect(lattice.units[edge!.from]).toMatchObject({ table: senderTable, height: v1.send!.height });
    expect(lattice.units[edge!.to]).toMatchObject({ table: v1.recv!.table, height: v1.recv!.height });

    const home = await json<{ rate: { buckets: { finalized: number }[] }; latestTxs: { hash: string }[] }>(
      '/api/explorer',
    );
    expect(home.rate.buckets.reduce((a, b) => a + b.finalized, 0)).toBeGreaterThanOrEqual(2);
    expect(home.latestTxs.map((t) => t.hash)).toContain(hashHex(t2));

    routes = [
      '/api/explorer',
      '/api/explorer/tables/0',
      `/api/explorer/tables/${senderTable}`,
      `/api/explorer/accounts/${sender.signer.address}`,
      `/api/explorer/accounts/${far.address}`,
      `/api/explorer/accounts/${near.address}`,
      `/accounts/${sender.signer.address}/history.csv`,
      '/api/explorer/committees/0/0',
      '/api/explorer/committees/0/1',
      '/api/explorer/lattice',
    ];
  });

  it('folding the same events again changes nothing; dropping and replaying yields identical API answers', async () => {
    const beacon = async () => {
      const b = await json<{ epochs: unknown; checkpointHistory: unknown }>('/api/explorer/beacon');
      return JSON.stringify([b.epochs, b.checkpointHistory]);
    };
    const answers = async () => [
      ...(await Promise.all(routes.map((p) => get(p).then((r) => r.body)))),
      await beacon(),
    ];
    const synced: IndexStatus[] = await Promise.all(partitions().map((p) => p.sync()));
    expect(synced.filter((s) => s.cursor > 0).length).toBeGreaterThanOrEqual(6);
    const before = await answers();
    const digests = await Promise.all(partitions().map((p) => p.digest()));

    // Rewind each cursor to 0 without dropping rows: every event is folded a second time.
    await Promise.all(partitions().map((p) => p.rewind(0)));
    const refed: IndexStatus[] = await Promise.all(partitions().map((p) => p.sync()));
    expect(refed.map((s) => s.cursor)).toEqual(synced.map((s) => s.cursor));
    expect(await Promise.all(partitions().map((p) => p.digest()))).toEqual(digests);

    // Drop every partition; the API's own reads replay each log from its first event.
    const dropped: IndexStatus[] = await Promise.all(partitions().map((p) => p.drop()));
    expect(dropped.every((s) => s.cursor === 0)).toBe(true);
    const empty = await Promise.all(partitions().map((p) => p.digest()));
    expect(empty.filter((d, i) => d !== digests[i]).length).toBe(digests.length);
    expect(await answers()).toEqual(before);
    expect(await Promise.all(partitions().map((p) => p.digest()))).toEqual(digests);
    // And once more through rebuild(), which drops and replays to the head in one call.
    await Promise.all(partitions().map((p) => p.rebuild()));
    expect(await answers()).toEqual(before);
  });

  it('rejects a malformed history cursor and an unknown committee by field', async () => {
    const bad = await get(`/api/explorer/accounts/${sender.signer.address}?before=abc`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatchObject({ code: 'BAD_TYPE', field: 'before' });
    const big = await get(`/api/explorer/accounts/${sender.signer.address}?limit=1000`);
    expect(big.status).toBe(400);
    expect(JSON.parse(big.body).error).toMatchObject({ code: 'OUT_OF_RANGE', field: 'limit' });
    const none = await get('/api/explorer/committees/0/9');
    expect(none.status).toBe(400);
    expect(JSON.parse(none.body).error).toMatchObject({ code: 'OUT_OF_RANGE', field: 'committee' });
  });

  it('a table pulls only the event types it is asked for, with how far its scan reached', async () => {
    // A plain view of the stub: its generated RPC types for event bodies are too deep for tsc.
    const table = env.TABLE.getByName(
      tableName(ctx.config, tableOfAddr(sender.signer.address)),
    ) as unknown as {
      events(afterSeq: number, limit: number): Promise<EventRecord[]>;
      eventsOf(types: string[], afterSeq: number, limit: number): Promise<EventsPage>;
    };
    const all = await table.events(0, 5000);
    const commits = all.filter((e) => e.type === TableEvent.committed);
    // The log holds other types too (admissions, proposals, deliveries): the filter has work to do.
    expect(commits.length).toBeGreaterThan(1);
    expect(all.length).toBeGreaterThan(commits.length);
    const head = all[all.length - 1]!.seq;

    // One at a time, as the index pulls: each page is the next commit, and `through` is its seq.
    let cursor = 0;
    const seen: number[] = [];
    for (;;) {
      const page = await table.eventsOf([TableEvent.committed], cursor, 1);
      expect(page.events.every((e) => e.type === TableEvent.committed)).toBe(true);
      if (!page.events.length) {
        // Nothing left of that type: the scan reached the head, and the cursor may jump there.
        expect(page.through).toBeGreaterThanOrEqual(head);
        break;
      }
      expect(page.through).toBe(page.events[0]!.seq);
      seen.push(page.events[0]!.seq);
      cursor = page.through;
    }
    // Every commit, in order (blocks committed meanwhile may follow them).
    expect(seen.slice(0, commits.length)).toEqual(commits.map((e) => e.seq));

    // A page short of its limit ends at the head; a full one at its last event.
    const short = await table.eventsOf([TableEvent.committed], 0, 5000);
    expect(short.events.map((e) => e.seq).slice(0, commits.length)).toEqual(commits.map((e) => e.seq));
    expect(short.through).toBeGreaterThanOrEqual(head);
    const bodies = await table.eventsOf([TableEvent.committed, TableEvent.accepted], 0, 3);
    expect(bodies.events.length).toBe(3);
    expect(bodies.through).toBe(bodies.events[2]!.seq);
    expect(bodies.events.map((e) => e.seq)).toEqual(
      all
        .filter((e) => e.type === TableEvent.committed || e.type === TableEvent.accepted)
        .slice(0, 3)
        .map((e) => e.seq),
    );
  });
});
