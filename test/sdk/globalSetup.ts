/**
 * One real local network for every test of the `sdk` project (SDK, CLI, Ethereum clients,
 * quickstart, browser, package): the Worker and its Durable Objects on Miniflare via
 * scripts/network.mjs, in memory, on a free port; and the SDK (with its type declarations) and the
 * CLI built to sdk/dist as users get them. Files share the network but never a sender (see
 * accounts.ts), so they can run side by side.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { NETWORK, FAUCET_PER_HOUR } from './accounts.ts';

const ROOT = join(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    url: string;
  }
}

export default async function setup(project: TestProject) {
  const { buildSdk } = (await import('../../scripts/build-sdk.mjs' as string)) as {
    buildSdk(o: { types: boolean }): Promise<void>;
  };
  const { startNetwork } = (await import('../../scripts/network.mjs' as string)) as {
    startNetwork(o: object): Promise<{ mf: { dispose(): Promise<void> }; url: string }>;
  };
  const [, net] = await Promise.all([
    buildSdk({ types: true }),
    startNetwork({
      port: await freePort(),
      persist: false,
      state: join(ROOT, '.state/sdk-test'),
      network: NETWORK,
      bindings: { FAUCET_PER_HOUR: String(FAUCET_PER_HOUR) },
    }),
  ]);
  project.provide('url', net.url);
  return async () => {
    await net.mf.dispose();
  };
}
