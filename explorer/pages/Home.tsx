/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** Home: the network at a glance — every table's live height, the latest blocks and transactions, the committees. */
import type { HomeData } from '../data/home.ts';
import { blockUrl, committeeUrl, tableUrl, top, txUrl } from '../format.ts';
import { Layout } from './Layout.tsx';
import { BlockRef, HashLink, Time } from './parts.tsx';
import { RateChart } from './RateChart.tsx';

export function Home({ d }: { d: HomeData }) {
  const n = d.network;
  return (
    <Layout title="Home" topics={[{ kind: 'blocks' }]}>
      <h1>topnet {n.name}</h1>
      <dl class="facts card">
        <dt>Chain id</dt>
        <dd>{n.chainId}</dd>
        <dt>Tables</dt>
        <dd>{n.tables}</dd>
        <dt>Committees</dt>
        <dd>
          {n.committees} of {n.committeeSize} members
        </dd>
        <dt>Current epoch</dt>
        <dd id="epoch">
          <a href="/beacon">{n.epoch}</a> ({n.epochSeconds} s each)
        </dd>
        {n.genesisHash ? (
          <>
            <dt>Genesis</dt>
            <dd class="mono">{n.genesisHash}</dd>
          </>
        ) : null}
      </dl>
      <div id="home-live" data-live-region>
        <h2 id="tps">Finalized transactions per second</h2>
        <RateChart r={d.rate} />
        <h2 id="heights">Table heights</h2>
        <div class="scroll">
          <table id="table-heights">
            <caption>Latest block of every table (shard)</caption>
            <thead>
              <tr>
                <th scope="col">Table</th>
                <th scope="col">Height</th>
                <th scope="col">Head hash</th>
                <th scope="col">Time</th>
                <th scope="col">Committee</th>
              </tr>
            </thead>
            <tbody>
              {d.tables.map((t) => (
                <tr data-table={t.table}>
                  <th scope="row">
                    <a href={tableUrl(t.table)}>Table {t.table}</a>
                  </th>
                  <td>
                    <a href={blockUrl(t.table, t.height)} data-height={t.height}>
                      {t.height}
                    </a>
                  </td>
                  <td>
                    <span class="mono" title={t.hash}>
                      {t.hash.slice(0, 14)}…
                    </span>
                  </td>
                  <td>{t.time ? <Time seconds={t.time} /> : '—'}</td>
                  <td>
                    <a href={committeeUrl(t.committee)}>{t.committee.split('/').slice(-2).join('/')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="grid">
          <section aria-labelledby="latest-blocks">
            <h2 id="latest-blocks">Latest blocks</h2>
            {d.latestBlocks.length ? (
              <div class="scroll">
                <table>
                  <caption>Newest blocks of all tables</caption>
                  <thead>
                    <tr>
                      <th scope="col">Block</th>
                      <th scope="col">Txs</th>
                      <th scope="col">Time</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.latestBlocks.map((b) => (
                      <tr>
                        <td>
                          <BlockRef table={b.table} height={b.height} />
                        </td>
                        <td>{b.txCount}</td>
                        <td>
                          <Time seconds={b.time} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>No blocks yet beyond genesis.</p>
            )}
          </section>
          <section aria-labelledby="latest-txs">
            <h2 id="latest-txs">Latest transactions</h2>
            {d.latestTxs.length ? (
              <div class="scroll">
                <table>
                  <caption>Transactions in the latest blocks</caption>
                  <thead>
                    <tr>
                      <th scope="col">Hash</th>
                      <th scope="col">Block</th>
                      <th scope="col">Amount</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.latestTxs.map((t) => (
                      <tr>
                        <td>
                          <HashLink href={txUrl(t.hash)} hash={t.hash} />
                        </td>
                        <td>
                          <BlockRef table={t.table} height={t.height} />
                        </td>
                        <td>
                          {t.ok ? t.amount !== null ? top(t.amount) : '—' : <span class="no">rejected</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>No transactions yet.</p>
            )}
          </section>
        </div>
      </div>
      <h2 id="committees">Committees</h2>
      <div class="scroll">
        <table>
          <caption>PBFT committees and the tables they certify</caption>
          <thead>
            <tr>
              <th scope="col">Committee</th>
              <th scope="col">Tables</th>
              <th scope="col">Members</th>
              <th scope="col">View</th>
              <th scope="col">Last seq</th>
            </tr>
          </thead>
          <tbody>
            {d.committees.map((c) => (
              <tr>
                <th scope="row">
                  <a href={committeeUrl(c.name)}>{c.name}</a>
                </th>
                <td>{c.tables.join(', ')}</td>
                <td>{c.members.length}</td>
                <td>{c.view}</td>
                <td>{c.lastSeq}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
