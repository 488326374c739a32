/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The explorer: server-rendered pages (hono/jsx) over the same read functions as JSON-RPC
 * (workers/edge/methods.ts). Every page's data is also JSON, at /api/explorer/<same path> or with
 * ?format=json. Errors become pages: 404 for what does not exist, 400 for input that cannot name
 * anything. Mounted at / by workers/edge/index.ts.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import { isProtocolError } from '../protocol/errors.ts';
import type { Env } from '../schema/env.ts';
import { RpcCode, toRpcError } from '../workers/edge/rpcErrors.ts';
import { STYLE } from './assets/style.ts';
import { LIVE_SCRIPT } from './assets/live.ts';
import { THEME_TOGGLE } from './assets/theme.ts';
import { ctxOf, type C } from './ctx.ts';
import { accountData, historyCsv } from './data/account.ts';
import { committeeData } from './data/committee.ts';
import { latticeData } from './data/lattice.ts';
import { beaconData } from './data/beacon.ts';
import { blockData } from './data/block.ts';
import { committees, homeData } from './data/home.ts';
import { search } from './data/search.ts';
import { parseTable, tableData, tablesData } from './data/tables.ts';
import { txData } from './data/tx.ts';
import { AccountPage } from './pages/Account.tsx';
import { BeaconPage } from './pages/Beacon.tsx';
import { BlockPage } from './pages/Block.tsx';
import { CommitteesPage } from './pages/Committees.tsx';
import { CommitteePage } from './pages/Committee.tsx';
import { LatticePage } from './pages/Lattice.tsx';
import { Home } from './pages/Home.tsx';
import { NotFound } from './pages/NotFound.tsx';
import { TablePage } from './pages/Table.tsx';
import { TablesPage } from './pages/Tables.tsx';
import { TxPage } from './pages/Tx.tsx';
import { electionData, electionsData, nodeData, nodesData } from './data/dpos.ts';
import { NodesPage } from './pages/Nodes.tsx';
import { NodePage } from './pages/Node.tsx';
import { ElectionsPage } from './pages/Elections.tsx';
import { ElectionPage } from './pages/Election.tsx';

export const explorer = new Hono<{ Bindings: Env }>();

function errorOf(e: unknown): { status: 400 | 404 | 500; code: string; message: string; field?: string } {
  const r = toRpcError(e);
  const status =
    r.rpcCode === RpcCode.notFound
      ? 404
      : isProtocolError(e)
        ? 400
        : r.rpcCode === RpcCode.internal
          ? 500
          : 400;
  return {
    status,
    code: r.data?.code ?? 'INTERNAL',
    message: r.data?.message ?? r.message,
    ...(r.data?.field ? { field: r.data.field } : {}),
  };
}

/** Registers one page: HTML at `path`, its data as JSON at /api/explorer`path` and at `path`?format=json. */
function page<T>(path: string, load: (c: C) => Promise<T>, render: (data: T) => Child) {
  const json = async (c: C) => {
    try {
      return c.json(await load(c));
    } catch (e) {
      const { status, ...error } = errorOf(e);
      if (status === 500) console.error(e);
      return c.json({ error }, status);
    }
  };
  explorer.get(`/api/explorer${path === '/' ? '' : path}`, json);
  explorer.get(path, async (c) => {
    if (c.req.query('format') === 'json') return json(c);
    let data: T;
    try {
      data = await load(c);
    } catch (e) {
      const { status, message } = errorOf(e);
      if (status === 500) console.error(e);
      const title =
        status === 404 ? 'Not found' : status === 400 ? 'Not a valid request' : 'Something went wrong';
      return c.html(html`<!doctype html>${(<NotFound title={title} message={message} />)}`, status);
    }
    c.header('cache-control', 'no-store');
    return c.html(html`<!doctype html>${render(data)}`);
  });
}

const asset = (body: string, type: string) => (c: C) =>
  c.body(body, 200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'public, max-age=300' });

explorer.get('/explorer.css', asset(STYLE, 'text/css'));
explorer.get('/explorer-live.js', asset(LIVE_SCRIPT, 'text/javascript'));
explorer.get('/explorer-theme.js', asset(THEME_TOGGLE, 'text/javascript'));

page(
  '/',
  (c) => homeData(ctxOf(c)),
  (d) => <Home d={d} />,
);
page(
  '/tables',
  (c) => tablesData(ctxOf(c)),
  (d) => <TablesPage d={d} />,
);
page(
  '/tables/:t',
  (c) => {
    const x = ctxOf(c);
    return tableData(x, parseTable(x, c.req.param('t')!), c.req.query('before'));
  },
  (d) => <TablePage d={d} />,
);
page(
  '/tables/:t/blocks/:b',
  (c) => blockData(ctxOf(c), c.req.param('t')!, c.req.param('b')!),
  (d) => <BlockPage d={d} />,
);
page(
  '/txs/:hash',
  (c) => txData(ctxOf(c), c.req.param('hash')!),
  (d) => <TxPage d={d} />,
);
page(
  '/accounts/:address',
  (c) => accountData(ctxOf(c), c.req.param('address')!, c.req.query('before'), c.req.query('limit')),
  (d) => <AccountPage d={d} />,
);
page(
  '/committees',
  async (c) => ({ committees: await committees(ctxOf(c)) }),
  (d) => <CommitteesPage d={d} />,
);

page(
  '/beacon',
  (c) => beaconData(ctxOf(c)),
  (d) => <BeaconPage d={d} />,
);
page(
  '/nodes',
  (c) => nodesData(ctxOf(c)),
  (d) => <NodesPage d={d} />,
);
page(
  '/nodes/:address',
  (c) => nodeData(ctxOf(c), c.req.param('address')!),
  (d) => <NodePage d={d} />,
);
page(
  '/elections',
  (c) => electionsData(ctxOf(c)),
  (d) => <ElectionsPage d={d} />,
);
page(
  '/elections/:epoch',
  (c) => electionData(ctxOf(c), c.req.param('epoch')!),
  (d) => <ElectionPage d={d} />,
);
/** Search redirects to what it found; JSON callers get { found, kind, url } instead. */
explorer.get('/api/explorer/search', async (c) => {
  const r = await search(ctxOf(c), c.req.query('q') ?? '');
  return c.json(r, r.found ? 200 : 404);
});
explorer.get('/search', async (c) => {
  const q = c.req.query('q') ?? '';
  const r = await search(ctxOf(c), q);
  if (c.req.query('format') === 'json') return c.json(r, r.found ? 200 : 404);
  if (r.found) return c.redirect(r.url, 302);
  return c.html(
    html`<!doctype html>${(
        <NotFound
          title="Nothing found"
          message={`No match for “${r.query}”.`}
          query={r.query}
          tried={r.tried}
        />
      )}`,
    404,
  );
});

// ---- pages over the index projection (durable-objects/index/) ----

page(
  '/committees/:zone/:g',
  (c) => committeeData(ctxOf(c), c.req.param('zone')!, c.req.param('g')!),
  (d) => <CommitteePage d={d} />,
);
page(
  '/lattice',
  (c) => latticeData(ctxOf(c)),
  (d) => <LatticePage d={d} />,
);
/** An account's whole history as CSV (text/csv, amounts as exact decimal strings). */
explorer.get('/accounts/:address/history.csv', (c) => {
  const address = c.req.param('address');
  let body: ReadableStream<Uint8Array>;
  try {
    body = historyCsv(ctxOf(c), address);
  } catch (e) {
    const { status, ...error } = errorOf(e);
    return c.json({ error }, status);
  }
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${address}-history.csv"`,
    'cache-control': 'no-store',
  });
});
