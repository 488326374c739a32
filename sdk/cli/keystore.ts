/**
 * The CLI's keystore: named keys in <home>/keys.json (home: --home, else $TOPNET_HOME, else
 * ~/.topnet), written with mode 0600. Keys are stored unencrypted — this is a testnet tool; never
 * put a key holding real value in it.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import { keyFromHex, type AccountKind, type Key } from '../keys.ts';
import { toTopnetAddress } from '../build.ts';

export interface StoredKey {
  name: string;
  kind: AccountKind;
  address: string;
  ethAddress?: string;
  secretKey: string;
  created: string;
}

export function homeDir(flag?: string): string {
  return flag ?? process.env.TOPNET_HOME ?? join(homedir(), '.topnet');
}

export class Keystore {
  readonly file: string;
  constructor(readonly home: string) {
    this.file = join(home, 'keys.json');
  }

  list(): StoredKey[] {
    if (!existsSync(this.file)) return [];
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')).keys as StoredKey[];
    } catch {
      throw new InvalidInputError(`${this.file} is not a topnet keystore (bad JSON)`, 'BAD_KEYSTORE');
    }
  }

  add(name: string, key: Key): StoredKey {
    if (!/^[A-Za-z0-9_.-]{1,40}$/.test(name))
      throw new InvalidInputError('a key name is 1-40 of A-Z a-z 0-9 _ . -', 'BAD_NAME', 'name');
    const keys = this.list();
    if (keys.some((k) => k.name === name))
      throw new InvalidInputError(`a key named "${name}" already exists`, 'DUPLICATE_NAME', 'name');
    const stored: StoredKey = {
      name,
      kind: key.kind,
      address: key.address,
      ...(key.ethAddress ? { ethAddress: key.ethAddress } : {}),
      secretKey: key.secretKey,
      created: new Date().toISOString(),
    };
    mkdirSync(this.home, { recursive: true, mode: 0o700 });
    const tmp = this.file + '.tmp';
    writeFileSync(tmp, JSON.stringify({ version: 1, keys: [...keys, stored] }, null, 2) + '\n', {
      mode: 0o600,
    });
    renameSync(tmp, this.file);
    chmodSync(this.file, 0o600);
    return stored;
  }

  /** A unique default name: key1, key2, … */
  freshName(): string {
    const names = new Set(this.list().map((k) => k.name));
    for (let i = 1; ; i++) if (!names.has(`key${i}`)) return `key${i}`;
  }

  key(name: string): Key {
    const k = this.list().find((x) => x.name === name);
    if (!k) throw new NotFoundError(`no key named "${name}" in ${this.file}`, 'NOT_FOUND', 'name');
    return keyFromHex(k.secretKey, k.kind);
  }

  /** A keystore name, a T-address or a 0x address, as a T-address. */
  resolve(nameOrAddress: string, field = 'address'): string {
    const k = this.list().find((x) => x.name === nameOrAddress);
    return k ? k.address : toTopnetAddress(nameOrAddress, field);
  }
}
