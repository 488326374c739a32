/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** Committees: every PBFT committee with its tables, members, leader, view and last sequence. */
import type { CommitteeSummary } from '../data/home.ts';
import { committeeUrl, tableUrl } from '../format.ts';
import { Layout } from './Layout.tsx';
import { MembersTable } from './parts.tsx';

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
          <MembersTable name={c.name} members={c.members} primary={c.primary} />
        </section>
      ))}
    </Layout>
  );
}
