/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** One committee: members and the leader, current view and sequence, and recent rounds with who signed each phase. */
import type { CommitteeData } from '../data/committee.ts';
import { blockUrl, short, tableUrl } from '../format.ts';
import { Layout } from './Layout.tsx';
import { MembersTable, Time } from './parts.tsx';

const members = (xs: number[]) => (xs.length ? xs.map((i) => `#${i}`).join(', ') : '—');

export function CommitteePage({ d }: { d: CommitteeData }) {
  const c = d.committee;
  return (
    <Layout title={`Committee ${c.zone}/${c.index}`} topics={[{ kind: 'blocks' }]}>
      <h1>Committee {c.name}</h1>
      <div id="committee-live" data-live-region>
        <dl class="facts card">
          <dt>Tables</dt>
          <dd>
            {c.tables.map((t, i) => (
              <>
                {i ? ', ' : ''}
                <a href={tableUrl(t)}>Table {t}</a>
              </>
            ))}
          </dd>
          <dt>Members</dt>
          <dd>
            {c.members.length} (quorum {d.quorum})
          </dd>
          <dt>Leader</dt>
          <dd id="leader">#{c.primary}</dd>
          <dt>Current view</dt>
          <dd id="view">{c.view}</dd>
          <dt>Last sequence</dt>
          <dd id="sequence">{c.lastSeq}</dd>
        </dl>
        <h2 id="members">Members</h2>
        <MembersTable name={c.name} members={c.members} primary={c.primary} />
        <h2 id="rounds">Recent rounds</h2>
        {d.rounds.length ? (
          <div class="scroll">
            <table id="rounds-table">
              <caption>PBFT rounds, newest first: who signed each phase and who did not</caption>
              <thead>
                <tr>
                  <th scope="col">Sequence</th>
                  <th scope="col">View</th>
                  <th scope="col">Certified</th>
                  <th scope="col">Pre-prepare</th>
                  <th scope="col">Prepare signed</th>
                  <th scope="col">Commit signed</th>
                  <th scope="col">Did not sign</th>
                  <th scope="col">Digest</th>
                  <th scope="col">Time</th>
                </tr>
              </thead>
              <tbody>
                {d.rounds.map((r) => {
                  const by = (p: string) => r.phases.find((x) => x.phase === p)?.signers ?? [];
                  const miss = r.missing.filter((m) => m.members.length);
                  return (
                    <tr data-seq={r.seq} data-view={r.view}>
                      <th scope="row">{r.seq}</th>
                      <td>{r.view}</td>
                      <td>
                        {r.certified.length
                          ? r.certified.map((b, i) => (
                              <>
                                {i ? ', ' : ''}
                                <a href={blockUrl(b.table, b.height)}>
                                  {b.table}:{b.height}
                                </a>
                              </>
                            ))
                          : '—'}
                      </td>
                      <td data-phase="pre-prepare">{members(by('pre-prepare'))}</td>
                      <td data-phase="prepare">
                        {by('prepare').length}: {members(by('prepare'))}
                      </td>
                      <td data-phase="commit">
                        {by('commit').length}: {members(by('commit'))}
                      </td>
                      <td data-missing>
                        {miss.length
                          ? miss.map((m) => `${m.phase} ${members(m.members)}`).join('; ')
                          : 'everyone signed'}
                      </td>
                      <td class="mono" title={r.digest ?? ''}>
                        {r.digest ? short(r.digest, 4) : '—'}
                      </td>
                      <td>
                        <Time seconds={r.time} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p>No rounds yet.</p>
        )}
      </div>
    </Layout>
  );
}
