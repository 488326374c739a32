/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** One node: its registration and stake, then credit, workload and rewards epoch by epoch. */
import type { NodeData } from '../data/dpos.ts';
import { accountUrl, top } from '../format.ts';
import { Layout } from './Layout.tsx';
import { electionUrl, ppm } from './Nodes.tsx';

export function NodePage({ d }: { d: NodeData }) {
  const n = d.node;
  return (
    <Layout title={`Node ${n.address}`}>
      <h1>
        Node <span class="mono">{n.address}</span>
      </h1>
      <dl class="facts card">
        <dt>Account</dt>
        <dd>
          <a class="mono" href={accountUrl(n.address)}>
            {n.address}
          </a>
        </dd>
        <dt>Role</dt>
        <dd>{n.role}</dd>
        <dt>Deposit</dt>
        <dd>
          {top(n.deposit)}, locked until epoch {n.lockedUntilEpoch}
        </dd>
        <dt>Votes received</dt>
        <dd>{top(n.votes)}</dd>
        <dt>Comprehensive stake</dt>
        <dd>{n.stake}</dd>
        <dt>Credit</dt>
        <dd>{ppm(n.creditPpm)}</dd>
        <dt>Compute weight</dt>
        <dd>{n.computeWeight}</dd>
        <dt>Dividend ratio</dt>
        <dd>{ppm(n.dividendRatePpm * 100)} %</dd>
        <dt>Status</dt>
        <dd>
          {n.ineligible ?? 'standby'}
          {n.committee !== null ? `, in committee ${n.committee}` : ''}
          {n.slashes ? `, slashed ${n.slashes}×` : ''}
        </dd>
        <dt>Rewards</dt>
        <dd>{top(d.rewards.total)}</dd>
        <dt>Consensus key</dt>
        <dd class="mono">{n.consensusKey}</dd>
        <dt>VRF key</dt>
        <dd class="mono">{n.vrfKey}</dd>
      </dl>
      <h2 id="history">Credit, workload and rewards</h2>
      {d.history.length ? (
        <div class="scroll">
          <table>
            <caption>Per settled epoch</caption>
            <thead>
              <tr>
                <th scope="col">Epoch</th>
                <th scope="col">Committee</th>
                <th scope="col">Signed / expected</th>
                <th scope="col">Credit</th>
                <th scope="col">Reward</th>
              </tr>
            </thead>
            <tbody>
              {[...d.history].reverse().map((h) => (
                <tr>
                  <th scope="row">
                    <a href={electionUrl(h.epoch)}>{h.epoch}</a>
                  </th>
                  <td>{h.committee ?? '—'}</td>
                  <td>
                    {h.signed} / {h.expected}
                  </td>
                  <td>{h.creditBefore === null ? '—' : `${ppm(h.creditBefore)} → ${ppm(h.creditAfter!)}`}</td>
                  <td>{top(h.reward)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No settled epoch yet.</p>
      )}
    </Layout>
  );
}
