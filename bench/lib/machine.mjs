// What the figures were measured on: CPU, cores, memory, Node, workerd and Anvil versions.
import os from 'node:os';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './util.mjs';

function version(pkg) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

export function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    // Other work on the machine skews the figures; the 1/5/15-minute load averages at the time say how much.
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
    platform: `${process.platform}-${process.arch}`,
    node: process.versions.node,
    miniflare: version('miniflare'),
    workerd: version('workerd'),
    anvil: version('@foundry-rs/anvil'),
    viem: version('viem'),
  };
}

function threadMs(pid, tid) {
  try {
    const f = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * CPU time (ms, user + sys) of the workerd that Miniflare started for this process (its child,
 * the newest if several), from /proc; NaN where there is no /proc or no such child. `mainMs` is its
 * main thread's alone (the event loop every Worker and object shares; the rest is V8's compiler and
 * GC helpers and storage I/O).
 */
export function workerdCpu(parentPid = process.pid) {
  // A split network (scripts/network.mjs) runs two workerd processes: their CPU is summed, and
  // `mains` keeps each one's main thread (pid → ms) so a report can show the busier of the two.
  let out = null;
  let dirs;
  try {
    dirs = readdirSync('/proc');
  } catch {
    return { ms: NaN, user: NaN, sys: NaN };
  }
  for (const d of dirs) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (!readFileSync(`/proc/${d}/comm`, 'utf8').startsWith('workerd')) continue;
      const f = readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(f[1]) !== parentPid) continue;
      out ??= { ms: 0, user: 0, sys: 0, mainMs: 0, mains: {} };
      out.user += Number(f[11]) * 10;
      out.sys += Number(f[12]) * 10;
      out.ms += (Number(f[11]) + Number(f[12])) * 10;
      const main = threadMs(d, d);
      out.mainMs += main;
      out.mains[d] = main;
    } catch {
      // The process ended between the listing and the read: not ours to measure.
    }
  }
  return out ?? { ms: NaN, user: NaN, sys: NaN };
}

/** The busiest workerd main thread between two workerdCpu() readings, in % of `wallMs`. */
export function busiestMainPct(c0, c1, wallMs) {
  let max = 0;
  for (const [pid, ms] of Object.entries(c1.mains ?? {})) max = Math.max(max, ms - (c0.mains?.[pid] ?? ms));
  return Math.round((100 * max) / wallMs);
}

/**
 * Waits until this process's workerd has been nearly idle (under `busyPct` of a core) for one
 * `windowMs`, or `maxMs` passed; resolves { waitedMs, busyPct } (the last window's). A paced phase
 * measured right after a max-load phase would otherwise also measure the work that load left
 * behind: the explorer's index partitions catching up on its blocks, outboxes draining.
 */
export async function settle({ busyPct = 10, windowMs = 1000, maxMs = 60_000 } = {}) {
  const t0 = performance.now();
  for (;;) {
    const c0 = workerdCpu();
    const w0 = performance.now();
    await new Promise((r) => setTimeout(r, windowMs));
    const pct = (100 * (workerdCpu().ms - c0.ms)) / (performance.now() - w0);
    const waitedMs = Math.round(performance.now() - t0);
    if (!(pct >= busyPct) || waitedMs >= maxMs) return { waitedMs, busyPct: Math.round(pct) };
  }
}
