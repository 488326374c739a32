/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** Committees: every PBFT committee with its tables, members, leader, view and last sequence. */
import type { CommitteeSummary } from '../data/home.ts';
import { committeeUrl, tableUrl } from '../format.ts';
import { Layout } from './Layout.tsx';

export function CommitteesPage({ d }: { d: { committees: CommitteeSummary[] } }) {
  return (
    <Layout title="Committees">
      <h1>Committees</h1>
      {d.committees.map((c) => (
        <section
          aria-labelledby={`c-${c.zone}-${c.index}`}
          class="card"
          id={`committee-${c.zone}-${c.index}`}
        >
          <h2 id={`c-${c.zone}-${c.index}`}>
            <a href={committeeUrl(c.name)}>{c.name}</a>
          </h2>
          <p>
            Tables{' '}
            {c.tables.map((t, i) => (
              <>
                {i ? ', ' : ''}
                <a href={tableUrl(t)}>{t}</a>
              </>
            ))}
            ; view {c.view}, leader #{c.primary}, last sequence {c.lastSeq}.
          </p>
          <div class="scroll">
            <table>
              <caption>Members of {c.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Consensus key</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                {c.members.map((k, i) => (
                  <tr>
                    <th scope="row">#{i}</th>
                    <td class="mono wrap">{k}</td>
                    <td>{i === c.primary ? 'leader' : 'replica'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Layout>
  );
}
