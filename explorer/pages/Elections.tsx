/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** Elections: one row per epoch, newest first, linking to its full record. */
import type { ElectionsData } from '../data/dpos.ts';
import { Layout } from './Layout.tsx';
import { Time } from './parts.tsx';
import { electionUrl } from './Nodes.tsx';

export function ElectionsPage({ d }: { d: ElectionsData }) {
  return (
    <Layout title="Elections">
      <h1>Elections</h1>
      {d.elections.length ? (
        <div class="scroll">
          <table>
            <caption>Epoch elections (VRF sortition), newest first</caption>
            <thead>
              <tr>
                <th scope="col">Epoch</th>
                <th scope="col">Time</th>
                <th scope="col">Candidates</th>
                <th scope="col">Committees</th>
              </tr>
            </thead>
            <tbody>
              {d.elections.map((e) => (
                <tr>
                  <th scope="row">
                    <a href={electionUrl(e.epoch)}>Epoch {e.epoch}</a>
                  </th>
                  <td>
                    <Time seconds={Math.floor(e.time / 1000)} />
                  </td>
                  <td>{e.candidates}</td>
                  <td>{e.committees.map((c) => c.length).join(' + ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No election yet: the genesis committees serve until enough validators register.</p>
      )}
    </Layout>
  );
}
