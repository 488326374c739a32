/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The lattice: recent unit blocks on their account chains (one lane per account, time to the right)
 * as an SVG, with an arrow from each send to the recv of the same transaction; the same edges as a
 * table for screen readers and keyboard users.
 */
import type { LatticeData } from '../data/lattice.ts';
import { accountUrl, blockUrl, short, top, txUrl } from '../format.ts';
import { Layout } from './Layout.tsx';
import { BlockRef, HashLink } from './parts.tsx';

const LABEL = 150;
const COL = 34;
const LANE = 30;
const R = 8;

export function LatticePage({ d }: { d: LatticeData }) {
  const cols = Math.max(1, ...d.units.map((u) => u.col + 1));
  const width = LABEL + cols * COL + 20;
  const height = Math.max(1, d.lanes.length) * LANE + 10;
  const x = (col: number) => LABEL + col * COL + COL / 2;
  const y = (lane: number) => 5 + lane * LANE + LANE / 2;
  return (
    <Layout title="Lattice" topics={[{ kind: 'blocks' }]}>
      <h1>Lattice</h1>
      <p>
        Every account has its own chain of unit blocks; a table block batches one unit per touched account.
        Filled dots hold a send, arrows go from a send to the recv of the same transfer.
      </p>
      <div id="lattice-live" data-live-region>
        {d.units.length ? (
          <div class="scroll">
            <svg
              class="lattice"
              width={width}
              height={height}
              viewBox={`0 0 ${width} ${height}`}
              role="group"
              aria-label={`${d.units.length} recent unit blocks on ${d.lanes.length} account chains, ${d.edges.length} send to recv edges`}
            >
              <defs>
                <marker
                  id="arrow"
                  viewBox="0 0 10 10"
                  refX="10"
                  refY="5"
                  markerWidth="6"
                  markerHeight="6"
                  orient="auto"
                >
                  <path d="M0,0 L10,5 L0,10 z" />
                </marker>
              </defs>
              {d.lanes.map((l, i) => (
                <g>
                  <line x1={LABEL} y1={y(i)} x2={width - 10} y2={y(i)} class="lane" />
                  <a
                    href={accountUrl(l.account)}
                    aria-label={`${short(l.account, 5)} t${l.table} (account ${l.account} in table ${l.table})`}
                  >
                    <text x={4} y={y(i) + 4}>
                      {short(l.account, 5)} t{l.table}
                    </text>
                  </a>
                </g>
              ))}
              {d.edges.map((e) => {
                const a = d.units[e.from]!;
                const b = d.units[e.to]!;
                const [x1, y1, x2, y2] = [x(a.col), y(a.lane), x(b.col), y(b.lane)];
                const len = Math.hypot(x2 - x1, y2 - y1) || 1;
                // Stop at the target's rim so the arrowhead shows.
                const ex = x2 - ((x2 - x1) / len) * R;
                const ey = y2 - ((y2 - y1) / len) * R;
                const mx = (x1 + ex) / 2 + (y1 === y2 ? 0 : 8);
                const my = (y1 + ey) / 2 - (y1 === y2 ? 14 : 0);
                return <path class="edge" d={`M${x1},${y1} Q${mx},${my} ${ex},${ey}`} data-tx={e.txHash} />;
              })}
              {d.units.map((u) => {
                const more =
                  u.entryCount > u.entries.length ? ` and ${u.entryCount - u.entries.length} more` : '';
                const label = `unit ${u.unitHeight} of ${u.account} in block ${u.table}:${u.height}: ${u.entries
                  .map((e) => e.kind)
                  .join(', ')}${more}`;
                return (
                  <a href={blockUrl(u.table, u.height)} aria-label={label}>
                    <circle
                      cx={x(u.col)}
                      cy={y(u.lane)}
                      r={R}
                      class={u.sends ? 'unit send' : 'unit'}
                      data-unit={u.hash}
                    >
                      <title>{label}</title>
                    </circle>
                  </a>
                );
              })}
            </svg>
          </div>
        ) : (
          <p>No unit blocks yet.</p>
        )}
        <h2 id="edges">Transfers shown</h2>
        {d.edges.length || d.open.length ? (
          <div class="scroll">
            <table id="lattice-edges">
              <caption>
                Send → recv of the transfers in the drawing
                {d.edgeCount + d.openCount > d.edges.length + d.open.length
                  ? ` (the newest ${d.edges.length} of ${d.edgeCount} joined, ${d.open.length} of ${d.openCount} open)`
                  : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Transaction</th>
                  <th scope="col">Send (block)</th>
                  <th scope="col">Recv (block)</th>
                  <th scope="col">Amount</th>
                </tr>
              </thead>
              <tbody>
                {d.edges.map((e) => {
                  const a = d.units[e.from]!;
                  const b = d.units[e.to]!;
                  return (
                    <tr data-edge={e.txHash}>
                      <td>
                        <HashLink href={txUrl(e.txHash)} hash={e.txHash} />
                      </td>
                      <td>
                        <BlockRef table={a.table} height={a.height} />
                      </td>
                      <td>
                        <BlockRef table={b.table} height={b.height} />
                      </td>
                      <td>{top(e.amount)}</td>
                    </tr>
                  );
                })}
                {d.open.map((o) => {
                  const a = d.units[o.from]!;
                  return (
                    <tr data-open={o.txHash}>
                      <td>
                        <HashLink href={txUrl(o.txHash)} hash={o.txHash} />
                      </td>
                      <td>
                        <BlockRef table={a.table} height={a.height} />
                      </td>
                      <td>not in view</td>
                      <td>—</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p>No transfers among these units.</p>
        )}
      </div>
    </Layout>
  );
}
