/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** An account: balance, Tgas, unit chain, and the transactions it sent most recently. */
import type { AccountData } from '../data/account.ts';
import { accountUrl, blockUrl, tableUrl, top, txUrl } from '../format.ts';
import { Layout } from './Layout.tsx';
import { HashLink, Status } from './parts.tsx';

export function AccountPage({ d }: { d: AccountData }) {
  const a = d.account;
  return (
    <Layout title={`Account ${a.address.slice(0, 12)}…`} topics={[{ kind: 'account', address: a.address }]}>
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
        <h2 id="sent">Sent transactions</h2>
        {d.sent.length ? (
          <div class="scroll">
            <table>
              <caption>Latest transactions sent by this account, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Hash</th>
                  <th scope="col">Nonce</th>
                  <th scope="col">To</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Status</th>
                  <th scope="col">Block</th>
                </tr>
              </thead>
              <tbody>
                {d.sent.map((t) => (
                  <tr>
                    <td>
                      <HashLink href={txUrl(t.hash)} hash={t.hash} />
                    </td>
                    <td>{t.nonce}</td>
                    <td>
                      <a href={accountUrl(t.receiver)} class="mono">
                        {t.receiver.slice(0, 14)}…
                      </a>
                    </td>
                    <td>{top(t.amount)}</td>
                    <td>
                      <Status status={t.status} />
                    </td>
                    <td>
                      {t.height !== undefined ? (
                        <a href={blockUrl(a.table, t.height)}>
                          {a.table}:{t.height}
                        </a>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>This account has not sent a transaction yet.</p>
        )}
      </div>
    </Layout>
  );
}
