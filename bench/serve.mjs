// One local topnet in a process of its own, for bench/crash.mjs to SIGKILL: starts the network on
// --port with its state in .state/bench/<--name> (wiped first with --fresh), prints "ready <url>"
// once it serves, and runs until killed. SIGTERM/SIGINT stop it cleanly, keeping the state.
import { parseArgs } from 'node:util';
import { startLocalNetwork } from './lib/localNet.mjs';

const { values } = parseArgs({
  options: { name: { type: 'string' }, port: { type: 'string' }, fresh: { type: 'boolean', default: false } },
});
if (!values.name || !values.port) {
  console.error('usage: node bench/serve.mjs --name <state name> --port <port> [--fresh]');
  process.exit(2);
}
const net = await startLocalNetwork({
  name: values.name,
  port: Number(values.port),
  fresh: values.fresh,
  persist: true,
});
console.log(`ready ${net.url}`);
const stop = async () => {
  await net.stop({ keep: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
