/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** Finalized tx/s over time as a server-rendered SVG bar chart (one bar per bucket), with a text summary for screen readers. */
import type { TxRate } from '../data/home.ts';
import { showTime } from '../format.ts';

const W = 600;
const H = 140;
const PAD = 28;

/** tx/s with at most one decimal, as text. */
export const perSecond = (n: number, width: number): string => (Math.round((n / width) * 10) / 10).toString();

export function RateChart({ r }: { r: TxRate }) {
  const rates = r.buckets.map((b) => b.finalized / r.width);
  const peak = Math.max(0, ...rates);
  const top = peak > 0 ? peak : 1;
  const bw = (W - PAD) / r.buckets.length;
  const total = r.buckets.reduce((a, b) => a + b.finalized, 0);
  const label = `Finalized transactions per second from ${showTime(r.from)} to ${showTime(r.to)}: peak ${perSecond(
    peak * r.width,
    r.width,
  )}, latest ${perSecond(r.buckets[r.buckets.length - 1]?.finalized ?? 0, r.width)}, ${total} finalized in all.`;
  return (
    <figure class="chart" id="tps-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        <title>{label}</title>
        <line x1={PAD} y1={H - PAD} x2={W} y2={H - PAD} class="axis" />
        <line x1={PAD} y1={4} x2={PAD} y2={H - PAD} class="axis" />
        <text x={PAD - 4} y={12} class="tick" text-anchor="end">
          {perSecond(top * r.width, r.width)}
        </text>
        <text x={PAD - 4} y={H - PAD} class="tick" text-anchor="end">
          0
        </text>
        {rates.map((v, i) => {
          const h = ((H - PAD - 6) * v) / top;
          return (
            <rect
              x={PAD + i * bw + 1}
              y={H - PAD - h}
              width={Math.max(1, bw - 2)}
              height={h}
              class="bar"
              data-start={r.buckets[i]!.start}
              data-finalized={r.buckets[i]!.finalized}
            />
          );
        })}
        <text x={PAD} y={H - 8} class="tick">
          {showTime(r.from).slice(11, 19)}
        </text>
        <text x={W} y={H - 8} class="tick" text-anchor="end">
          {showTime(r.to).slice(11, 19)} UTC
        </text>
      </svg>
      <figcaption>
        Finalized tx/s, {r.width} s buckets over the last {(r.to - r.from) / 60} minutes of blocks: peak{' '}
        <strong>{perSecond(peak * r.width, r.width)}</strong>, {total} transfers finalized.
      </figcaption>
    </figure>
  );
}
