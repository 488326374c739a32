/**
 * One real local network for every test of the `sdk` project (SDK, CLI, Ethereum clients,
 * quickstart, browser, package), started by test/lib/localNetwork.ts; and the SDK (with its type
 * declarations) and the CLI built to sdk/dist as users get them. Files share the network but never
 * a sender (see accounts.ts), so they can run side by side.
 */
import type { TestProject } from 'vitest/node';
import { startLocalNetwork } from '../lib/localNetwork.ts';
import { NETWORK, FAUCET_PER_HOUR } from './accounts.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    url: string;
  }
}

export default async function setup(project: TestProject) {
  const { buildSdk } = (await import('../../scripts/build-sdk.mjs' as string)) as {
    buildSdk(o: { types: boolean }): Promise<void>;
  };
  const [, net] = await Promise.all([
    buildSdk({ types: true }),
    startLocalNetwork({
      state: 'sdk-test',
      network: NETWORK,
      bindings: { FAUCET_PER_HOUR: String(FAUCET_PER_HOUR) },
    }),
  ]);
  project.provide('url', net.url);
  return async () => {
    await net.stop();
  };
}
