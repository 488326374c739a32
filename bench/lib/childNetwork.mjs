// bench/serve.mjs as a child process in a process group of its own (detached), so that one
// SIGKILL to the group takes down Node and the workerd it spawned at once, as a power cut would.
import { spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, projectNode, sleep } from './util.mjs';

/** Pids of live processes whose process group is `pgid` (from /proc; Linux). */
export function groupMembers(pgid) {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start after the last ')'.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = f[0];
      const pgrp = Number(f[2]);
      if (pgrp === pgid && state !== 'Z')
        out.push({ pid: Number(d), comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Starts serve.mjs; resolves { pid, url, members, kill() } once it prints "ready". */
export async function startChildNetwork({ name, port, fresh, logFile, timeoutMs = 60_000 }) {
  const child = spawn(
    projectNode(),
    [join(BENCH, 'serve.mjs'), '--name', name, '--port', String(port), ...(fresh ? ['--fresh'] : [])],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log = createWriteStream(logFile, { flags: 'a' });
  log.write(`\n--- serve.mjs pid ${child.pid} started ${new Date().toISOString()} ---\n`);
  child.stderr.pipe(log, { end: false });
  const url = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(
      () => reject(new Error(`serve.mjs not ready after ${timeoutMs} ms (see ${logFile})`)),
      timeoutMs,
    );
    child.stdout.on('data', (d) => {
      log.write(d);
      buf += d;
      const m = /ready (\S+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited (${code ?? sig}) before ready (see ${logFile})`));
    });
  });
  return {
    pid: child.pid,
    url,
    members: () => groupMembers(child.pid),
    /** SIGKILLs the whole group; resolves with what was running and what survived. */
    async kill() {
      const before = groupMembers(child.pid);
      process.kill(-child.pid, 'SIGKILL');
      const end = Date.now() + 5000;
      let left = groupMembers(child.pid);
      while (left.length && Date.now() < end) {
        await sleep(50);
        left = groupMembers(child.pid);
      }
      log.write(`--- SIGKILL to group ${child.pid} at ${new Date().toISOString()} ---\n`);
      return { killed: before, survivors: left };
    },
  };
}
