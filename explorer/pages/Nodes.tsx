/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** Nodes: every registered node with role, deposit, votes, comprehensive stake, credit and seat. */
import type { NodesData } from '../data/dpos.ts';
import { top } from '../format.ts';
import { Layout } from './Layout.tsx';

export const nodeUrl = (address: string): string => `/nodes/${address}`;
export const electionUrl = (epoch: number): string => `/elections/${epoch}`;
export const ppm = (v: number): string => (v / 1_000_000).toFixed(2);

export function NodesPage({ d }: { d: NodesData }) {
  return (
    <Layout title="Nodes">
      <h1>Nodes</h1>
      <p>
        Epoch {d.epoch}. {d.nodes.length} registered, {d.standbys.length} can stand in the next election.{' '}
        <a href="/elections">Elections</a>
      </p>
      {d.nodes.length ? (
        <div class="scroll">
          <table>
            <caption>Registered nodes</caption>
            <thead>
              <tr>
                <th scope="col">Node</th>
                <th scope="col">Role</th>
                <th scope="col">Deposit</th>
                <th scope="col">Votes</th>
                <th scope="col">Stake</th>
                <th scope="col">Credit</th>
                <th scope="col">Committee</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {d.nodes.map((n) => (
                <tr>
                  <th scope="row">
                    <a class="mono" href={nodeUrl(n.address)}>
                      {n.address}
                    </a>
                  </th>
                  <td>{n.role}</td>
                  <td>{top(n.deposit)}</td>
                  <td>{top(n.votes)}</td>
                  <td>{n.stake}</td>
                  <td>{ppm(n.creditPpm)}</td>
                  <td>{n.committee ?? '—'}</td>
                  <td>{n.ineligible ?? 'standby'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No node has registered yet: send a registerNode transaction (docs/dpos.md).</p>
      )}
    </Layout>
  );
}
