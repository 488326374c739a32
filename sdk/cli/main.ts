/**
 * The `topnet` command line (commander): keys, faucet, balance, send, tx, watch, status. Every
 * command takes --json (one JSON document on stdout, no spinner); anything that waits shows a
 * spinner on stderr when it is a TTY; failures print one sentence and a hint and exit with a code
 * from exitCodes.ts. The network is --url, else $TOPNET_URL, else http://127.0.0.1:8787.
 */
import { Command, CommanderError, Option } from 'commander';
import { TopnetClient, type PhaseEvent } from '../client.ts';
import { generateKey, keyFromHex, keyFromMnemonic, type AccountKind, type Key } from '../keys.ts';
import { formatTop, parseTop } from '../units.ts';
import { InvalidInputError, TimeoutError } from '../errors.ts';
import type { WebSocketCtor } from '../subscriptions.ts';
import type { HubEvent, Topic, TxView } from '../../schema/rpc.ts';
import { ExitCode } from './exitCodes.ts';
import { homeDir, Keystore } from './keystore.ts';
import { reportError, spinner, toJson } from './output.ts';

interface Globals {
  url: string;
  home?: string;
  json?: boolean;
}

const program = new Command('topnet')
  .description("topnet's command line: keys, test TOP, transfers, transactions and live events")
  .version('0.1.0')
  .option('--url <url>', 'network base URL', process.env.TOPNET_URL ?? 'http://127.0.0.1:8787')
  .option('--home <dir>', 'keystore directory (default $TOPNET_HOME or ~/.topnet)')
  .option('--json', 'print one JSON document; no spinner')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const g = (): Globals => program.opts<Globals>();
const client = () => new TopnetClient({ url: g().url, ...(wsCtor ? { WebSocket: wsCtor } : {}) });
const store = () => new Keystore(homeDir(g().home));
const print = (json: unknown, human: string) =>
  process.stdout.write((g().json ? toJson(json) : human) + '\n');
let wsCtor: WebSocketCtor | undefined;

const kindOption = () =>
  new Option('--kind <kind>', 'account kind: secp256k1 (T8, Ethereum-compatible) or ed25519 (TE)')
    .choices(['secp256k1', 'ed25519'])
    .default('secp256k1');

function describeKey(k: { name: string; kind: string; address: string; ethAddress?: string }): string {
  return `${k.name.padEnd(12)} ${k.kind.padEnd(9)} ${k.address}${k.ethAddress ? `  (${k.ethAddress})` : ''}`;
}

const phaseText = (p: PhaseEvent) => `${p.phase} in table ${p.table} block ${p.height}`;

async function waitFinal(c: TopnetClient, hash: string, timeoutS: number, label: string): Promise<TxView> {
  const spin = spinner(!g().json, `${label} ${hash.slice(0, 12)}… submitted, waiting for the send phase`);
  const started = Date.now();
  try {
    const v = await c.waitForFinal(hash, {
      timeoutMs: timeoutS * 1000,
      onPhase: (p) => spin.text(`${label} ${hash.slice(0, 12)}… ${phaseText(p)}`),
    });
    spin.stop(g().json ? undefined : `final in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return v;
  } catch (e) {
    spin.stop();
    throw e;
  }
}

function phases(v: TxView): string {
  return (['send', 'recv', 'confirm'] as const)
    .filter((p) => v[p])
    .map((p) => `${p} t${v[p]!.table}#${v[p]!.height}`)
    .join(', ');
}

// ---- keys ----

const keys = program.command('keys').description('create, import and list keys in the keystore');

keys
  .command('new')
  .description('generate a key and store it')
  .argument('[name]', 'a name for the key (default key1, key2, …)')
  .addOption(kindOption())
  .action((name: string | undefined, o: { kind: AccountKind }) => {
    const s = store();
    const stored = s.add(name ?? s.freshName(), generateKey(o.kind));
    const { secretKey: _secret, ...pub } = stored;
    print({ ...pub, keystore: s.file }, `created ${describeKey(stored)}\nstored in ${s.file}`);
  });

keys
  .command('import')
  .description('import a hex secret key or a BIP-39 mnemonic (quote the words)')
  .argument('<secret>', '64 hex digits (0x optional) or a mnemonic')
  .option('--name <name>', 'a name for the key')
  .option('--index <n>', 'mnemonic account index', '0')
  .addOption(kindOption())
  .action((secret: string, o: { name?: string; index: string; kind: AccountKind }) => {
    const words = secret.trim().split(/\s+/);
    let key: Key;
    if (words.length >= 12) {
      if (!/^\d+$/.test(o.index))
        throw new InvalidInputError('--index must be a non-negative integer', 'BAD_TYPE', 'index');
      key = keyFromMnemonic(secret, { index: Number(o.index), kind: o.kind });
    } else key = keyFromHex(secret, o.kind);
    const s = store();
    const stored = s.add(o.name ?? s.freshName(), key);
    const { secretKey: _secret, ...pub } = stored;
    print({ ...pub, keystore: s.file }, `imported ${describeKey(stored)}`);
  });

keys
  .command('list')
  .description('list stored keys (never their secrets)')
  .action(() => {
    const s = store();
    const list = s.list().map(({ secretKey: _secret, ...k }) => k);
    print(
      { keystore: s.file, keys: list },
      list.length
        ? list.map(describeKey).join('\n')
        : `no keys in ${s.file}: create one with \`topnet keys new\``,
    );
  });

// ---- network ----

program
  .command('faucet')
  .description('ask the faucet for test TOP (waits until the payment is final)')
  .argument('<who>', 'key name or address')
  .option('--no-wait', 'return once the payment is submitted')
  .option('--timeout <seconds>', 'how long to wait for finality', '60')
  .action(async (who: string, o: { wait: boolean; timeout: string }) => {
    const c = client();
    const address = store().resolve(who);
    const spin = spinner(!g().json && o.wait === false, 'asking the faucet');
    const r = await c.requestFaucet(address).finally(() => spin.stop());
    const v = o.wait ? await waitFinal(c, r.hash, Number(o.timeout), 'faucet payment') : null;
    print(
      { address, hash: r.hash, amount: r.amount, status: v?.status ?? 'pending' },
      `faucet sent ${formatTop(r.amount)} TOP to ${address}\ntx ${r.hash}${v ? ' (final)' : ' (pending)'}`,
    );
  });

program
  .command('balance')
  .description("an account's balance and nonce")
  .argument('<who>', 'key name or address')
  .action(async (who: string) => {
    const c = client();
    const a = await c.getAccount(store().resolve(who));
    print(
      a,
      `${a.address}\n  balance ${formatTop(BigInt(a.balance))} TOP (${a.balance} uTOP)\n  nonce ${a.nonce}, table ${a.table}${a.pending ? `, ${a.pending} pending` : ''}`,
    );
  });

program
  .command('send')
  .description('transfer TOP from a stored key and wait for finality (send → recv → confirm)')
  .argument('<from>', 'key name of the sender')
  .argument('<to>', 'key name or address of the receiver')
  .argument('<amount>', 'TOP, up to 6 decimals (e.g. 1.5)')
  .option('--memo <text>', 'a memo (up to 256 bytes)')
  .option('--eth', 'sign as an Ethereum wallet and send through eth_sendRawTransaction (T8 keys)')
  .option('--no-wait', 'return once the transaction is submitted')
  .option('--timeout <seconds>', 'how long to wait for finality', '60')
  .action(
    async (
      from: string,
      to: string,
      amount: string,
      o: { memo?: string; eth?: boolean; wait: boolean; timeout: string },
    ) => {
      const c = client();
      const s = store();
      const key = s.key(from);
      const receiver = s.resolve(to, 'to');
      const value = parseTop(amount);
      const spin = spinner(!g().json, 'signing and submitting');
      const { hash } = await (
        o.eth
          ? c.sendEthTransfer(key, { to: receiver, amount: value })
          : c.transfer({ from: key, to: receiver, amount: value, ...(o.memo ? { memo: o.memo } : {}) })
      ).finally(() => spin.stop());
      const v = o.wait ? await waitFinal(c, hash, Number(o.timeout), 'transfer') : null;
      print(
        {
          hash,
          from: key.address,
          to: receiver,
          amount: value,
          status: v?.status ?? 'pending',
          ...(v ? { view: v } : {}),
        },
        `sent ${formatTop(value)} TOP ${key.address} → ${receiver}\ntx ${hash} ${v ? `final (${phases(v)})` : 'pending'}`,
      );
    },
  );

program
  .command('tx')
  .description('a transaction and its phases')
  .argument('<hash>', '0x transaction hash')
  .option('--wait', 'wait until it is final')
  .option('--timeout <seconds>', 'how long to wait', '60')
  .action(async (hash: string, o: { wait?: boolean; timeout: string }) => {
    const c = client();
    const v = o.wait
      ? await waitFinal(c, hash, Number(o.timeout), 'transaction')
      : await c.getTransaction(hash);
    print(
      v,
      `${v.hash} ${v.status}\n  ${v.tx.type} ${formatTop(BigInt(v.tx.amount))} TOP ${v.tx.sender} → ${v.tx.receiver}` +
        (phases(v) ? `\n  ${phases(v)}` : '') +
        (v.error ? `\n  rejected: ${v.error.code}: ${v.error.message}` : ''),
    );
  });

function humanEvent(e: HubEvent): string {
  return e.kind === 'block'
    ? `block  table ${e.table} #${e.height} ${e.txCount} txs ${e.hash.slice(0, 14)}…`
    : `tx     ${e.hash.slice(0, 14)}… ${e.status} table ${e.table}${e.height !== undefined ? ` #${e.height}` : ''}`;
}

program
  .command('watch')
  .description('stream live events: blocks (default), tx <hash> or account <who>; reconnects by itself')
  .argument('[topic]', 'blocks | tx | account', 'blocks')
  .argument('[subject]', 'the hash (tx) or key name/address (account)')
  .option('--count <n>', 'stop after n events')
  .option('--timeout <seconds>', 'stop after this long (exit 0 if any event came, else 9)')
  .action(async (topicName: string, subject: string | undefined, o: { count?: string; timeout?: string }) => {
    let topic: Topic;
    if (topicName === 'blocks') topic = { kind: 'blocks' };
    else if (topicName === 'tx' && subject) topic = { kind: 'tx', hash: subject };
    else if (topicName === 'account' && subject)
      topic = { kind: 'account', address: store().resolve(subject) };
    else
      throw new InvalidInputError(
        'watch takes: blocks | tx <hash> | account <name-or-address>',
        'BAD_TYPE',
        'topic',
      );
    wsCtor = await webSocketCtor();
    const c = client();
    const max = o.count ? Number(o.count) : Infinity;
    let n = 0;
    const spin = spinner(!g().json, 'connecting');
    await new Promise<void>((resolve, reject) => {
      const timer = o.timeout
        ? setTimeout(
            () => {
              sub.unsubscribe();
              c.close();
              if (n > 0) resolve();
              else reject(new TimeoutError(`no event within ${o.timeout} s`, 'TIMEOUT'));
            },
            Number(o.timeout) * 1000,
          )
        : null;
      const sub = c.subscribe(
        topic,
        (e) => {
          spin.stop();
          n++;
          process.stdout.write((g().json ? JSON.stringify(e) : humanEvent(e)) + '\n');
          if (n >= max) {
            if (timer) clearTimeout(timer);
            sub.unsubscribe();
            c.close();
            resolve();
          }
        },
        (err) => {
          spin.stop();
          if (timer) clearTimeout(timer);
          c.close();
          reject(err);
        },
      );
      void c.connection
        .whenOpen()
        .then(() => spin.text(`watching ${topicName}${subject ? ' ' + subject : ''}`));
    });
  });

program
  .command('status')
  .description('the network: chain id, tables and their heads, committees')
  .action(async () => {
    const c = client();
    const spin = spinner(!g().json, `asking ${g().url}`);
    const [info, tables, committees] = await Promise.all([
      c.getChainInfo(),
      c.getTables(),
      c.getCommittees(),
    ]).finally(() => spin.stop());
    print(
      { url: g().url, chain: info, tables, committees: committees.length },
      `${info.name} (chain id ${info.chainId}) at ${g().url}\n` +
        `  ${info.tables} tables in ${info.zones} zone(s), ${info.committees} committees of ${info.committeeSize}, epoch ${info.epoch}\n` +
        `  heads: ${tables.map((t) => `t${t.table}#${t.height}`).join(' ')}`,
    );
  });

/** globalThis.WebSocket (Node 22+, browsers); on Node 20 the `ws` package when it is installed. */
async function webSocketCtor(): Promise<WebSocketCtor | undefined> {
  const native = (globalThis as { WebSocket?: WebSocketCtor }).WebSocket;
  if (native) return native;
  try {
    const name = 'ws';
    return ((await import(name)) as { WebSocket: WebSocketCtor }).WebSocket;
  } catch {
    throw new InvalidInputError(
      'watch needs a WebSocket: use Node 22+, run with NODE_OPTIONS=--experimental-websocket (Node 20.10+), or install `ws`',
      'UNSUPPORTED',
    );
  }
}

try {
  await program.parseAsync(process.argv);
  process.exitCode = ExitCode.ok;
} catch (e) {
  if (e instanceof CommanderError)
    process.exitCode =
      e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help'
        ? ExitCode.ok
        : ExitCode.usage;
  else process.exitCode = reportError(e, !!g().json);
}
