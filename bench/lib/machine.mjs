// What the figures were measured on: CPU, cores, memory, Node, workerd and Anvil versions.
import os from 'node:os';
import { readFileSync } from 'node:fs';
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
