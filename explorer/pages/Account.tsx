/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** An account: balance, Tgas, unit chain, and its full history (paged, with a CSV download). */
import { HISTORY_PAGE, type AccountData } from '../data/account.ts';
import { accountUrl, blockUrl, tableUrl, top, txUrl } from '../format.ts';
import { Layout } from './Layout.tsx';
import { HashLink, Time } from './parts.tsx';

/** Direction of an entry's amount for this account: sends and stakes leave, receipts arrive. */
const signed = (kind: string): string =>
  kind === 'recv' || kind === 'genesis' || kind === 'unstakeGas' ? '+' : kind === 'confirm' ? '' : '−';

export function AccountPage({ d }: { d: AccountData }) {
  const a = d.account;
  return (
    <Layout
      title={`Account ${a.address.slice(0, 12)}…`}
      topics={d.before ? undefined : [{ kind: 'account', address: a.address }]}
    >
      <h1>Account</h1>
      <p class="mono">{a.address}</p>
      <div id="account-live" data-live-region>
        <dl class="facts card">
          <dt>Balance</dt>
          <dd id="balance">{top(a.balance)}</dd>
          <dt>Table</dt>
          <dd>
            <a href={tableUrl(a.table)}>Table {a.table}</a>
          </dd>
          <dt>Nonce</dt>
          <dd>{a.nonce}</dd>
          <dt>Pending</dt>
          <dd>{a.pending} transactions awaiting a block</dd>
          <dt>Tgas available</dt>
          <dd>
            {a.tgasAvailable} (used {a.tgasUsed} on day {a.tgasDay})
          </dd>
          <dt>Staked for gas</dt>
          <dd>{top(a.gasStaked)}</dd>
          <dt>Unit chain</dt>
          <dd>
            height {a.unitHeight}, head <span class="mono">{a.lastUnitHash}</span>
          </dd>
        </dl>
        <h2 id="history">History</h2>
        <p>
          Every entry of this account's unit chain, newest first.{' '}
          <a href={`${accountUrl(a.address)}/history.csv`} download>
            Download the full history as CSV
          </a>
          .
        </p>
        {d.history.entries.length ? (
          <div class="scroll">
            <table id="history-table">
              <caption>
                Unit chain entries of this account{d.before ? ` older than ${d.before}` : ''}, newest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Block</th>
                  <th scope="col">Unit</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Transaction</th>
                  <th scope="col">Counterparty</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Time</th>
                </tr>
              </thead>
              <tbody>
                {d.history.entries.map((e) => (
                  <tr data-kind={e.kind}>
                    <td>
                      <a href={blockUrl(e.table, e.height)}>
                        {e.table}:{e.height}
                      </a>
                    </td>
                    <td>{e.unitHeight}</td>
                    <td>{e.kind}</td>
                    <td>
                      <HashLink href={txUrl(e.txHash)} hash={e.txHash} />
                    </td>
                    <td>
                      {e.peer ? (
                        <a href={accountUrl(e.peer)} class="mono" title={e.peer}>
                          {e.peer.slice(0, 14)}…
                        </a>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td class="num" data-amount={e.amount}>
                      {signed(e.kind)}
                      {top(e.amount)}
                    </td>
                    <td>
                      <Time seconds={e.time} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{d.before ? 'No older entries.' : 'This account has no history yet.'}</p>
        )}
      </div>
      <nav class="pager" aria-label="History pages">
        {d.before ? <a href={accountUrl(a.address)}>Newest entries</a> : null}
        {d.history.next ? (
          <a
            href={`${accountUrl(a.address)}?before=${d.history.next}${d.limit !== HISTORY_PAGE ? `&limit=${d.limit}` : ''}`}
            rel="next"
          >
            Older entries
          </a>
        ) : null}
      </nav>
    </Layout>
  );
}
