/**
 * How the CLI talks: results as human lines on stdout or one JSON document with --json; a small
 * spinner on stderr while waiting (only on a TTY and never with --json); failures as one human
 * sentence with a hint (or {"error":{…}} with --json) and a distinct exit code.
 */
import { TopnetError } from '../errors.ts';
import { exitCodeOf } from './exitCodes.ts';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface Spinner {
  text(t: string): void;
  stop(final?: string): void;
}

export function spinner(enabled: boolean, initial: string): Spinner {
  if (!enabled || !process.stderr.isTTY) return { text() {}, stop() {} };
  let text = initial;
  let i = 0;
  const draw = () => process.stderr.write(`\r\x1b[2K${FRAMES[i++ % FRAMES.length]} ${text}`);
  draw();
  const timer = setInterval(draw, 80);
  return {
    text(t) {
      text = t;
    },
    stop(final) {
      clearInterval(timer);
      process.stderr.write('\r\x1b[2K' + (final ? final + '\n' : ''));
    },
  };
}

/** JSON with bigints as decimal strings. */
export function toJson(v: unknown): string {
  return JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x), 2);
}

const HINTS: Record<string, string> = {
  NETWORK: 'is the network running? start one with `npm start`, or pass --url / set TOPNET_URL',
  INSUFFICIENT_FUNDS: 'ask the faucet: `topnet faucet <name>`',
  INSUFFICIENT_GAS: 'the amount plus its gas exceeds the balance: ask the faucet or send less',
  RATE_LIMITED: 'the faucet pays each address and IP a few times per hour; try again later',
  BAD_ADDRESS: 'addresses look like T80000<40 hex> (T8), TE0000<64 hex> (TE) or 0x<40 hex>',
  BAD_ADDRESS_CHECKSUM: 'the mixed-case address fails its EIP-55 checksum: check for a typo',
  BAD_KEY: 'a secret key is 64 hex digits (0x optional), or a 12/24-word BIP-39 mnemonic',
  NOT_FOUND: 'check the hash or name (`topnet keys list` shows your keys)',
  TIMEOUT: 'the network is slow or stalled; `topnet tx <hash>` shows where the transaction is',
};

const FIELD_HINTS: Record<string, string> = {
  secretKey: 'a secret key is 64 hex digits (0x optional), or a 12/24-word BIP-39 mnemonic',
  mnemonic: 'a mnemonic is 12 or 24 English BIP-39 words, in quotes',
  amount: 'amounts are TOP with up to 6 decimals, e.g. 1.5',
};

export function reportError(e: unknown, json: boolean): number {
  const code = exitCodeOf(e);
  const te = e instanceof TopnetError ? e : null;
  const message = e instanceof Error ? e.message : String(e);
  if (json)
    process.stdout.write(
      toJson({
        error: { code: te?.code ?? 'INTERNAL', message, ...(te?.field ? { field: te.field } : {}) },
      }) + '\n',
    );
  else {
    const hint = te ? (HINTS[te.code] ?? (te.field ? FIELD_HINTS[te.field] : undefined)) : undefined;
    process.stderr.write(
      `error: ${message}${te?.code ? ` [${te.code}]` : ''}\n${hint ? `hint: ${hint}\n` : ''}`,
    );
  }
  return code;
}
