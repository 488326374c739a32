/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * One election: the seed and VRF input, the committees and the tables dealt to them, then every
 * candidate with its stake inputs, VRF output and proof, its rank and why it was or was not chosen,
 * the nodes that could not stand, and the closing epoch's settlement.
 */
import type { ElectionData } from '../data/dpos.ts';
import { short, tableUrl, top } from '../format.ts';
import { Layout } from './Layout.tsx';
import { Time } from './parts.tsx';
import { electionUrl, nodeUrl, ppm } from './Nodes.tsx';

export function ElectionPage({ d }: { d: ElectionData }) {
  const r = d.info.election;
  const s = d.info.settlement;
  return (
    <Layout title={`Election of epoch ${r.epoch}`}>
      <h1>Election of epoch {r.epoch}</h1>
      <dl class="facts card">
        <dt>Logged</dt>
        <dd>
          beacon event {d.info.seq}, <Time seconds={Math.floor(d.info.time / 1000)} />
        </dd>
        <dt>Seed</dt>
        <dd class="mono">{r.seed}</dd>
        <dt>VRF input (alpha)</dt>
        <dd class="mono">{r.alpha}</dd>
        <dt>Next seed</dt>
        <dd class="mono">{r.nextSeed}</dd>
        <dt>Seats</dt>
        <dd>
          {r.committeeCount} committees × {r.committeeSize}; at most {ppm(r.maxRotationPpm * 100)} % of a
          committee rotates
        </dd>
        <dt>Neighbours</dt>
        <dd>
          {r.epoch > 1 ? <a href={electionUrl(r.epoch - 1)}>epoch {r.epoch - 1}</a> : 'first election'} ·{' '}
          <a href={electionUrl(r.epoch + 1)}>epoch {r.epoch + 1}</a>
        </dd>
      </dl>
      <h2 id="committees">Committees</h2>
      <div class="scroll">
        <table>
          <caption>Members in replica order (best-ranked first) and the tables dealt by load</caption>
          <thead>
            <tr>
              <th scope="col">Committee</th>
              <th scope="col">Members</th>
              <th scope="col">Tables (load)</th>
            </tr>
          </thead>
          <tbody>
            {r.committees.map((m, g) => (
              <tr>
                <th scope="row">{d.info.committees[g]?.name ?? g}</th>
                <td>
                  {m.map((a, i) => (
                    <>
                      {i ? ', ' : ''}
                      <a class="mono" href={nodeUrl(a)} title={a}>
                        {short(a, 5)}
                      </a>
                    </>
                  ))}
                </td>
                <td>
                  {r.tables[g]!.map((t, i) => (
                    <>
                      {i ? ', ' : ''}
                      <a href={tableUrl(t)}>{t}</a> ({r.loads[t]})
                    </>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="candidates">Candidates</h2>
      <div class="scroll">
        <table>
          <caption>Every candidate's stake inputs, VRF output and proof, and the outcome</caption>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Node</th>
              <th scope="col">Deposit</th>
              <th scope="col">Votes</th>
              <th scope="col">Credit</th>
              <th scope="col">Weight</th>
              <th scope="col">Stake</th>
              <th scope="col">VRF output</th>
              <th scope="col">Proof</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((c) => (
              <tr>
                <td>{c.rank === null ? '—' : c.rank + 1}</td>
                <th scope="row">
                  <a class="mono" href={nodeUrl(c.address)} title={c.address}>
                    {short(c.address, 5)}
                  </a>
                </th>
                <td>{top(c.deposit)}</td>
                <td>{top(c.votes)}</td>
                <td>{ppm(c.creditPpm)}</td>
                <td>{c.computeWeight}</td>
                <td>{c.stake}</td>
                <td class="mono" title={c.beta ?? ''}>
                  {c.beta ? short(c.beta, 6) : 'invalid'}
                </td>
                <td>
                  <details>
                    <summary class="mono">{short(c.proof, 4)}</summary>
                    <span class="mono">{c.proof}</span>
                  </details>
                </td>
                <td>{c.why}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.excluded.length ? (
        <>
          <h2 id="excluded">Could not stand</h2>
          <ul>
            {r.excluded.map((x) => (
              <li>
                <a class="mono" href={nodeUrl(x.address)}>
                  {x.address}
                </a>
                : {x.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {s ? (
        <>
          <h2 id="settlement">Settlement of epoch {s.epoch}</h2>
          <p>
            Issued {top(s.issuance)} in {s.rewards.length} reward lines; {s.credits.length} credits moved;{' '}
            {s.slashed.length} slashed.
          </p>
          <div class="scroll">
            <table>
              <caption>Rewards of epoch {s.epoch}</caption>
              <thead>
                <tr>
                  <th scope="col">To</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Amount</th>
                </tr>
              </thead>
              <tbody>
                {s.rewards.map((l) => (
                  <tr>
                    <th scope="row" class="mono" title={l.to}>
                      {short(l.to, 5)}
                    </th>
                    <td>
                      {l.kind}
                      {l.node ? ` via ${short(l.node, 4)}` : ''}
                    </td>
                    <td>{top(l.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </Layout>
  );
}
