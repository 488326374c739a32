/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** A transaction: its status, the send → recv → confirm timeline with each phase's table and block, and its fields. */
import type { TxData } from '../data/tx.ts';
import { accountUrl, blockUrl, tableUrl, top } from '../format.ts';
import { Layout } from './Layout.tsx';
import { Status } from './parts.tsx';

const PHASE_TEXT = {
  send: 'Send: debited in the sender’s table',
  recv: 'Recv: credited in the receiver’s table',
  confirm: 'Confirm: closed in the sender’s table',
} as const;

export function TxPage({ d }: { d: TxData }) {
  const t = d.tx;
  const settled = t.status === 'final' || t.status === 'rejected';
  return (
    <Layout
      title={`Transaction ${t.hash.slice(0, 10)}…`}
      topics={settled ? undefined : [{ kind: 'tx', hash: t.hash }]}
    >
      <h1>Transaction</h1>
      <p class="mono">{t.hash}</p>
      <div id="tx-live" data-live-region>
        <p aria-live="polite">
          Status: <Status status={t.status} />
          {t.error ? (
            <span>
              {' '}
              — {t.error.code}: {t.error.message}
            </span>
          ) : null}
        </p>
        <h2 id="timeline">Timeline</h2>
        <p>
          {d.crossTable
            ? `Cross-table transfer: table ${d.senderTable} → table ${d.receiverTable}.`
            : `Both accounts live in table ${d.senderTable}: all three phases happen in one block.`}
        </p>
        <ol class="timeline" aria-labelledby="timeline">
          {d.phases.map((p) => (
            <li class={p.done ? 'done' : ''} data-phase={p.name} data-done={p.done ? 'yes' : 'no'}>
              <h3>{PHASE_TEXT[p.name]}</h3>
              {p.at ? (
                <p>
                  <a href={blockUrl(p.at.table, p.at.height)}>
                    Table {p.at.table}, block {p.at.height}
                  </a>
                  {p.at.receiptId ? `, receipt ${p.at.receiptId}` : ''}
                </p>
              ) : (
                <p class="muted">
                  {t.status === 'rejected' ? 'Will not happen.' : 'Not yet'} (
                  <a href={tableUrl(p.table)}>table {p.table}</a>)
                </p>
              )}
            </li>
          ))}
        </ol>
      </div>
      <h2 id="fields">Fields</h2>
      <dl class="facts card">
        <dt>Type</dt>
        <dd>{t.tx.type}</dd>
        <dt>From</dt>
        <dd>
          <a href={accountUrl(t.tx.sender)} class="mono">
            {t.tx.sender}
          </a>{' '}
          (table {d.senderTable})
        </dd>
        <dt>To</dt>
        <dd>
          <a href={accountUrl(t.tx.receiver)} class="mono">
            {t.tx.receiver}
          </a>{' '}
          (table {d.receiverTable})
        </dd>
        <dt>Amount</dt>
        <dd>{top(t.tx.amount)}</dd>
        <dt>Nonce</dt>
        <dd>{t.tx.nonce}</dd>
        <dt>Previous tx</dt>
        <dd class="mono">{t.tx.prevHash}</dd>
        <dt>Memo</dt>
        <dd>{t.tx.memo || '—'}</dd>
        <dt>Chain id</dt>
        <dd>{t.tx.chainId}</dd>
        <dt>Signature</dt>
        <dd class="mono">{t.tx.signature}</dd>
      </dl>
    </Layout>
  );
}
