/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** A table block: header, transactions, unit blocks, receipts, and the certificate with who signed. */
import { BLOCK_PAGE_ENTRIES, BLOCK_PAGE_UNITS, type BlockData } from '../data/block.ts';
import { accountUrl, blockUrl, committeeUrl, tableUrl, top, txUrl } from '../format.ts';
import type { Child } from 'hono/jsx';
import { Layout } from './Layout.tsx';
import { HashLink, Time } from './parts.tsx';

export function BlockPage({ d }: { d: BlockData }) {
  const b = d.block;
  const h = b.header;
  const cert = d.certificate;
  return (
    <Layout title={`Block ${b.table}:${b.height}`}>
      <h1>
        Block {b.height} of <a href={tableUrl(b.table)}>table {b.table}</a>
      </h1>
      <dl class="facts card">
        <dt>Hash</dt>
        <dd class="mono">{b.hash}</dd>
        <dt>Previous</dt>
        <dd class="mono">
          {b.height > 0 ? <a href={blockUrl(b.table, b.height - 1)}>{h.prevHash}</a> : h.prevHash}
        </dd>
        <dt>Time</dt>
        <dd>
          <Time seconds={h.time} />
        </dd>
        <dt>Transactions</dt>
        <dd>
          {h.txCount} ({b.rejected.length} rejected)
        </dd>
        <dt>Tx root</dt>
        <dd class="mono">{h.txRoot}</dd>
        <dt>Units root</dt>
        <dd class="mono">{h.unitsRoot}</dd>
        <dt>Receipts root</dt>
        <dd class="mono">{h.receiptsRoot}</dd>
      </dl>
      <nav class="pager" aria-label="Neighbouring blocks">
        {b.height > 0 ? <a href={blockUrl(b.table, b.height - 1)}>Previous block</a> : null}
        <a href={blockUrl(b.table, b.height + 1)}>Next block</a>
      </nav>

      <h2 id="certificate">Commit certificate</h2>
      {cert ? (
        <>
          <p>
            Committee <a href={committeeUrl(cert.committee)}>{cert.committee}</a>, view {cert.view}, sequence{' '}
            {cert.seq}: <strong>{cert.signed}</strong> of {cert.signers.length} members signed (quorum{' '}
            {cert.quorum}).{' '}
            {cert.verified ? (
              <span class="yes">Every signature verifies.</span>
            ) : (
              <span class="no">The certificate does not verify against the committee.</span>
            )}
          </p>
          <div class="scroll">
            <table id="signers">
              <caption>Signer bitmap against the committee's members</caption>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Consensus key</th>
                  <th scope="col">Signed</th>
                </tr>
              </thead>
              <tbody>
                {cert.signers.map((s) => (
                  <tr>
                    <th scope="row">#{s.index}</th>
                    <td class="mono wrap">{s.key}</td>
                    <td class={s.signed ? 'yes' : 'no'}>{s.signed ? 'yes' : 'no'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p>Genesis: the network's first block carries no certificate.</p>
      )}

      <h2 id="txs">Transactions</h2>
      {b.txs.length || b.rejected.length ? (
        <div class="scroll">
          <table>
            <caption>Transactions in this block</caption>
            <thead>
              <tr>
                <th scope="col">Hash</th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {b.txs.slice(0, SHOW).map((t) => (
                <tr>
                  <td>
                    <HashLink href={txUrl(t)} hash={t} keep={10} />
                  </td>
                  <td class="yes">included</td>
                </tr>
              ))}
              {b.rejected.slice(0, Math.max(0, SHOW - b.txs.length)).map((t) => (
                <tr>
                  <td>
                    <HashLink href={txUrl(t.hash)} hash={t.hash} keep={10} />
                  </td>
                  <td class="no">
                    rejected: {t.code} — {t.message}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No transactions.</p>
      )}
      {b.txs.length + b.rejected.length > SHOW ? (
        <More shown={SHOW} total={b.txs.length + b.rejected.length} />
      ) : null}

      <h2 id="units">Unit blocks</h2>
      {b.units.length ? (
        <div class="scroll">
          <table>
            <caption>Account unit blocks batched into this table block</caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Unit height</th>
                <th scope="col">Entries</th>
              </tr>
            </thead>
            <tbody>
              {b.units.slice(0, BLOCK_PAGE_UNITS).map((u) => (
                <tr>
                  <td>
                    <a href={accountUrl(u.account)} class="mono">
                      {u.account}
                    </a>
                  </td>
                  <td>{u.height}</td>
                  <td class="wrap">
                    <ul>
                      {u.entries.slice(0, BLOCK_PAGE_ENTRIES).map((e) => (
                        <li>
                          {e.kind} {top(e.amount)}{' '}
                          {e.peer ? (
                            <>
                              with <a href={accountUrl(e.peer)}>{e.peer.slice(0, 12)}…</a>
                            </>
                          ) : null}{' '}
                          (<a href={txUrl(e.txHash)}>tx {e.txHash.slice(0, 10)}…</a>)
                        </li>
                      ))}
                      {u.entries.length > BLOCK_PAGE_ENTRIES ? (
                        <li class="muted">
                          and {u.entries.length - BLOCK_PAGE_ENTRIES} more on the{' '}
                          <a href={accountUrl(u.account)}>account's page</a>
                        </li>
                      ) : null}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No unit blocks.</p>
      )}
      {b.unitCount > BLOCK_PAGE_UNITS ? (
        <More
          shown={BLOCK_PAGE_UNITS}
          total={b.unitCount}
          where={
            <>
              the answer of JSON-RPC <code>getBlock</code>
            </>
          }
        />
      ) : null}

      <h2 id="receipts">Receipts</h2>
      <p>
        {b.receiptsOut.length} outgoing (to other tables), {b.receiptsIn.length} incoming applied.
      </p>
    </Layout>
  );
}

/** Transactions a block page lists; a big block's full list is in its JSON form. */
const SHOW = 200;

/** A list cut short: how much is shown, and where the whole of it is (this page's JSON form unless said). */
function More(props: { shown: number; total: number; where?: Child }) {
  return (
    <p class="muted">
      Showing the first {props.shown} of {props.total}; all of them are in{' '}
      {props.where ?? (
        <>
          the <a href="?format=json">JSON form</a> of this page
        </>
      )}
      .
    </p>
  );
}
