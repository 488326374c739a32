/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** The beacon: genesis, the clock and current epoch, table assignments, checkpointed table heads. */
import type { BeaconData } from '../data/beacon.ts';
import { blockUrl, committeeUrl, tableUrl } from '../format.ts';
import { Layout } from './Layout.tsx';
import { BlockRef, HashLink, Time } from './parts.tsx';

export function BeaconPage({ d }: { d: BeaconData }) {
  const ck = d.clock;
  return (
    <Layout title="Beacon">
      <h1>Beacon and epochs</h1>
      <dl class="facts card">
        <dt>Genesis</dt>
        <dd>
          <span class="mono">{d.genesisHash}</span> at <Time seconds={d.genesisTime} />
        </dd>
        <dt>Now</dt>
        <dd>
          <Time seconds={Math.floor(ck.now / 1000)} />
        </dd>
        <dt>Epoch</dt>
        <dd>
          {ck.epoch}, started <Time seconds={Math.floor(ck.epochStart / 1000)} />, {ck.epochSeconds} s long
        </dd>
      </dl>
      <h2 id="assignments">Table assignments</h2>
      <div class="scroll">
        <table>
          <caption>Which committee certifies each table this epoch</caption>
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col">Committee</th>
              <th scope="col">Members</th>
            </tr>
          </thead>
          <tbody>
            {d.assignments.map((a) => (
              <tr>
                <th scope="row">
                  <a href={tableUrl(a.table)}>Table {a.table}</a>
                </th>
                <td>
                  <a href={committeeUrl(a.committee)}>{a.committee}</a>
                </td>
                <td>{a.members.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="checkpoints">Checkpoints</h2>
      {d.checkpoints.length ? (
        <div class="scroll">
          <table>
            <caption>Latest table head each table checkpointed with the beacon</caption>
            <thead>
              <tr>
                <th scope="col">Table</th>
                <th scope="col">Height</th>
                <th scope="col">Hash</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {d.checkpoints.map((h) => (
                <tr>
                  <th scope="row">
                    <a href={tableUrl(h.table)}>Table {h.table}</a>
                  </th>
                  <td>{h.height}</td>
                  <td>
                    <HashLink href={blockUrl(h.table, h.height)} hash={h.hash} />
                  </td>
                  <td>
                    <Time seconds={h.time} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No checkpoints yet: tables checkpoint every 8th block.</p>
      )}
      <h2 id="epochs">Epochs</h2>
      <div class="scroll">
        <table id="epochs-table">
          <caption>Epochs the beacon logged, newest first (epoch 0 is genesis)</caption>
          <thead>
            <tr>
              <th scope="col">Epoch</th>
              <th scope="col">Started</th>
              <th scope="col">Committees</th>
            </tr>
          </thead>
          <tbody>
            {d.epochs.map((e) => (
              <tr>
                <th scope="row">{e.epoch}</th>
                <td>
                  <Time seconds={e.time} />
                </td>
                <td>{e.committees}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="checkpoint-history">Checkpoint history</h2>
      {d.checkpointHistory.length ? (
        <div class="scroll">
          <table id="checkpoint-history-table">
            <caption>Latest checkpoints of all tables, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Block</th>
                <th scope="col">Hash</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {d.checkpointHistory.map((h) => (
                <tr>
                  <th scope="row">
                    <BlockRef table={h.table} height={h.height} />
                  </th>
                  <td>
                    <HashLink href={blockUrl(h.table, h.height)} hash={h.hash} />
                  </td>
                  <td>
                    <Time seconds={h.time} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No checkpoints logged yet.</p>
      )}
    </Layout>
  );
}
