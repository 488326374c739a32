/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** Tables (shards) list: head, load and committee of each. */
import type { TableRow } from '../data/tables.ts';
import { blockUrl, committeeUrl, tableUrl } from '../format.ts';
import { Layout } from './Layout.tsx';
import { Time } from './parts.tsx';

export function TablesPage({ d }: { d: { tables: TableRow[] } }) {
  return (
    <Layout title="Tables" topics={[{ kind: 'blocks' }]}>
      <h1>Tables</h1>
      <p>Each table is one shard: its accounts' unit chains batched into a chain of table blocks.</p>
      <div class="scroll" id="tables-live" data-live-region>
        <table>
          <caption>All tables, with their load</caption>
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col">Height</th>
              <th scope="col">Last block</th>
              <th scope="col">Pending txs</th>
              <th scope="col">Inbox</th>
              <th scope="col">Outbox</th>
              <th scope="col">Accounts</th>
              <th scope="col">Committee</th>
            </tr>
          </thead>
          <tbody>
            {d.tables.map((t) => (
              <tr>
                <th scope="row">
                  <a href={tableUrl(t.table)}>Table {t.table}</a>
                </th>
                <td>
                  <a href={blockUrl(t.table, t.height)}>{t.height}</a>
                </td>
                <td>{t.time ? <Time seconds={t.time} /> : '—'}</td>
                <td>{t.pending}</td>
                <td>{t.inbox}</td>
                <td>{t.outbox}</td>
                <td>{t.accounts}</td>
                <td>
                  <a href={committeeUrl(t.committee)}>{t.committee}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
