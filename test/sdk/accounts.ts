/**
 * What the `sdk` test files share: the network's shape, which dev account each file may send from
 * (files run in parallel against one network, so no two share a sender), receivers in a chosen
 * table, a TCP relay that can drop every connection (to test reconnects), and a closed port.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { devnetConfig, accountTable } from '../../protocol/network/config.ts';
import { generateKey, keyFromMnemonic, DEV_MNEMONIC, type Key } from '../../sdk/index.ts';

export const NETWORK = { tablesPerZone: 4, committeesPerZone: 2 };
export const FAUCET_PER_HOUR = 3;
export const config = devnetConfig(NETWORK);

/** Dev account i of the test mnemonic (prefunded with 10^9 TOP). Owners: 1-2 sdk, 3-4 cli, 5-7 ethereum, 8 browser (the quickstart runs its own network). */
export const devKey = (i: number): Key => keyFromMnemonic(DEV_MNEMONIC, { index: i });

export const tableOf = (address: string): number => accountTable(config, address);

/** A fresh key whose account lives in `table` (or not in it, with `not`). */
export function keyIn(table: number, { not = false, kind = 'secp256k1' as const } = {}): Key {
  for (;;) {
    const k = generateKey(kind);
    if ((tableOf(k.address) === table) !== not) return k;
  }
}

/** A TCP relay to the network; drop() cuts every open connection (the relay keeps listening). */
export async function relay(target: string): Promise<{ url: string; drop(): void; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port: p } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${p}`,
    drop: () => sockets.forEach((s) => s.destroy()),
    close: () =>
      new Promise((r) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => r());
      }),
  };
}

/** A URL where nothing listens. */
export async function deadUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}
