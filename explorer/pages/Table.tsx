/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** One table: its head, load, committee, and its chain of blocks, newest first, paged by height. */
import type { TableData } from '../data/tables.ts';
import { blockUrl, committeeUrl, tableUrl } from '../format.ts';
import { Layout } from './Layout.tsx';
import { HashLink, Time } from './parts.tsx';

export function TablePage({ d }: { d: TableData }) {
  const t = d.table;
  const live = d.newer === null;
  return (
    <Layout title={`Table ${t.table}`} topics={live ? [{ kind: 'blocks' }] : undefined}>
      <h1>Table {t.table}</h1>
      <div id="table-live" data-live-region>
        <dl class="facts card">
          <dt>Height</dt>
          <dd>{t.height}</dd>
          <dt>Head</dt>
          <dd class="mono">{t.hash}</dd>
          <dt>Committee</dt>
          <dd>
            <a href={committeeUrl(t.committee)}>{t.committee}</a> ({d.committeeMembers.length} members)
          </dd>
          <dt>Load</dt>
          <dd>
            {t.pending} pending transactions, {t.inbox} receipts in the inbox, {t.outbox} effects in the
            outbox
          </dd>
          <dt>Accounts</dt>
          <dd>{t.accounts}</dd>
        </dl>
        <h2 id="blocks">Blocks</h2>
        <div class="scroll">
          <table>
            <caption>Blocks of table {t.table}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Height</th>
                <th scope="col">Hash</th>
                <th scope="col">Time</th>
                <th scope="col">Txs</th>
                <th scope="col">Unit blocks</th>
                <th scope="col">Receipts out</th>
              </tr>
            </thead>
            <tbody>
              {d.blocks.map((b) => (
                <tr>
                  <th scope="row">
                    <a href={blockUrl(t.table, b.height)}>{b.height}</a>
                  </th>
                  <td>
                    <HashLink href={blockUrl(t.table, b.height)} hash={b.hash} />
                  </td>
                  <td>
                    <Time seconds={b.time} />
                  </td>
                  <td>{b.txCount}</td>
                  <td>{b.units}</td>
                  <td>{b.receiptsOut}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <nav class="pager" aria-label="Block pages">
        {d.newer !== null ? <a href={`${tableUrl(t.table)}?before=${d.newer}`}>Newer blocks</a> : null}
        {d.older !== null ? <a href={`${tableUrl(t.table)}?before=${d.older}`}>Older blocks</a> : null}
      </nav>
    </Layout>
  );
}
