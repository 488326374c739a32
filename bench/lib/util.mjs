// Small helpers every bench shares: the Node that can load protocol/*.ts, free ports, sleeping,
// percentiles, and saving results under bench/results/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = join(BENCH, '..');
export const RESULTS = join(BENCH, 'results');
export const TS_FLAGS = ['--experimental-transform-types', '--disable-warning=ExperimentalWarning'];

/** The project's own Node 22 (the system one may be older). */
export function projectNode() {
  const major = Number(process.versions.node.split('.')[0]);
  return major >= 22 ? process.execPath : join(ROOT, 'node_modules/.bin/node');
}

/**
 * protocol/ uses TypeScript parameter properties, which need --experimental-transform-types. A bench
 * started without it re-runs itself with it (and with the project's Node) and exits with its status.
 */
export function ensureTransformTypes(scriptUrl) {
  if (process.execArgv.includes('--experimental-transform-types')) return;
  const r = spawnSync(projectNode(), [...TS_FLAGS, fileURLToPath(scriptUrl), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function percentile(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** p50/p90/p99/max of a list of milliseconds. */
export function latencySummary(ms) {
  const s = ms.slice().sort((a, b) => a - b);
  const r = (v) => (v === null ? null : Math.round(v));
  return {
    samples: s.length,
    p50: r(percentile(s, 50)),
    p90: r(percentile(s, 90)),
    p99: r(percentile(s, 99)),
    max: r(s.length ? s[s.length - 1] : null),
    mean: s.length ? Math.round(s.reduce((a, b) => a + b, 0) / s.length) : null,
  };
}

export function stamp(d = new Date()) {
  return d
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z');
}

/** Writes bench/results/<name>-<stamp>.json and, if given, bench/results/<latest>; returns the path. */
export function saveResult(name, data, latest) {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}-${stamp()}.json`);
  const text = JSON.stringify(data, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n';
  writeFileSync(path, text);
  if (latest) writeFileSync(join(RESULTS, latest), text);
  return path;
}

/** Deterministic PRNG (mulberry32): the same seed gives the same load. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fmt(n, digits = 0) {
  return n === null || n === undefined || Number.isNaN(n) ? '-' : Number(n).toFixed(digits);
}

/**
 * The network's own log lines (workerd's console, relayed by Miniflare to this process) can repeat
 * thousands of times under load. This shows each distinct line (digits folded) the first `show`
 * times and counts the rest; `summary()` returns the counts, so the run reports them. The bench's
 * own output goes through `say`, which bypasses the filter.
 */
const rawStdout = process.stdout.write.bind(process.stdout);
export const say = (...parts) => rawStdout(parts.join(' ') + '\n');

export function collapseRepeatedLogs({ show = 3 } = {}) {
  const counts = new Map();
  const wrap = (stream) => {
    const write = stream.write.bind(stream);
    let partial = '';
    stream.write = (chunk, ...rest) => {
      const text = partial + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const lines = text.split('\n');
      partial = lines.pop();
      let out = '';
      for (const line of lines) {
        // eslint-disable-next-line no-control-regex
        const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
        const key = plain
          .replace(/0x[0-9a-f]+/gi, '0x…')
          .replace(/\d+/g, 'N')
          .trim();
        const n = (counts.get(key) ?? 0) + 1;
        counts.set(key, n);
        if (n <= show || !key) out += line + '\n';
        else if (n === show + 1) out += `  (repeats of this line are counted, not shown)\n`;
      }
      return out ? write(out, ...rest) : true;
    };
  };
  wrap(process.stdout);
  wrap(process.stderr);
  return {
    summary: (min = show + 1) =>
      Object.fromEntries(
        [...counts]
          .filter(([k, n]) => n >= min && k)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 20),
      ),
  };
}
