// A local network with workerd's V8 inspector open, for CPU profiles of the Worker and its Durable
// Objects (they share one isolate): scripts/network.mjs's startNetwork with an inspector port.
import { rmSync, mkdirSync } from 'node:fs';
import { freePort, sleep } from './util.mjs';
import { benchStateDir } from './localNet.mjs';
import { startNetwork } from '../../scripts/network.mjs';

export async function startProfiledNetwork({ name, network = {} }) {
  const stateDir = benchStateDir(name);
  rmSync(stateDir, { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const { mf, url } = await startNetwork({ port, network, state: stateDir, extra: { inspectorPort } });
  return {
    mf,
    url,
    inspectorPort,
    stateDir,
    async stop() {
      await mf.dispose().catch(() => {});
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** A Chrome DevTools Protocol session with the first inspectable target on `port`. */
export async function inspect(port) {
  let targets = [];
  for (let i = 0; i < 50 && !targets.length; i++) {
    targets = await fetch(`http://127.0.0.1:${port}/json/list`)
      .then((r) => r.json())
      .catch(() => []);
    if (!targets.length) await sleep(100);
  }
  const t = targets.find((x) => x.webSocketDebuggerUrl);
  if (!t) throw new Error(`no inspector target on port ${port}`);
  const ws = new WebSocket(t.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error('inspector connection failed'));
  });
  let id = 0;
  const waiting = new Map();
  ws.onmessage = (m) => {
    const msg = JSON.parse(typeof m.data === 'string' ? m.data : Buffer.from(m.data).toString());
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.error) w.reject(new Error(`${w.method}: ${msg.error.message}`));
    else w.resolve(msg.result);
  };
  return {
    target: t.title ?? t.id,
    send(method, params = {}) {
      const n = ++id;
      ws.send(JSON.stringify({ id: n, method, params }));
      return new Promise((resolve, reject) => waiting.set(n, { resolve, reject, method }));
    },
    close: () => ws.close(),
  };
}

/**
 * Summarizes a V8 CPU profile: self time by function and by source file (bundle paths mapped back
 * to the project's folders by the function's location is not possible without a source map, so
 * files are the bundle's; functions keep their names), plus idle/GC/program shares.
 */
export function summarizeProfile(profile, top = 40) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++)
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (dt[i] ?? 0));
  const total = dt.reduce((a, b) => a + b, 0);
  const fn = new Map();
  const special = { idle: 0, gc: 0, program: 0 };
  for (const [id, us] of self) {
    const cf = byId.get(id).callFrame;
    if (cf.functionName === '(idle)') special.idle += us;
    else if (cf.functionName === '(garbage collector)') special.gc += us;
    else if (cf.functionName === '(program)') special.program += us;
    const key = `${cf.functionName || '(anonymous)'} ${cf.url ? cf.url.split('/').pop() : ''}:${cf.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
  }
  // Inclusive time per function name (a function counted once per stack).
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map();
  for (const [id, us] of self) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const name = byId.get(cur).callFrame.functionName || '(anonymous)';
      if (seen.has(name)) continue;
      seen.add(name);
      incl.set(name, (incl.get(name) ?? 0) + us);
    }
  }
  const ms = (us) => Math.round(us / 1000);
  const pct = (us) => Number(((100 * us) / total).toFixed(1));
  const rank = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: ms(us), pct: pct(us) }));
  const inclusiveUs = (name) => incl.get(name) ?? 0;
  const selfUs = (name) =>
    [...self].reduce((n, [id, us]) => n + (byId.get(id).callFrame.functionName === name ? us : 0), 0);
  return {
    inclusivePct: (name) => pct(inclusiveUs(name)),
    selfPct: (name) => pct(selfUs(name)),
    totalMs: ms(total),
    busyPct: pct(total - special.idle),
    idleMs: ms(special.idle),
    gcMs: ms(special.gc),
    programMs: ms(special.program),
    selfTop: rank(fn),
    inclusiveTop: rank(
      new Map(
        [...incl].filter(([n]) => !['(root)', '(idle)', '(program)', '(garbage collector)'].includes(n)),
      ),
    ),
  };
}
