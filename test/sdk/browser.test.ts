/**
 * The SDK in a browser: sdk/dist/index.js bundled for the browser by esbuild (as an app's bundler
 * would take `topnet/sdk`), loaded into real headless Chromium on the network's own origin, where it
 * generates a key, sends a transfer with the browser's fetch and WebCrypto randomness, waits for
 * finality phase by phase and receives live block events over the browser's WebSocket.
 */
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { devKey } from './accounts.ts';
import type * as Sdk from '../../sdk/index.ts';

const url = inject('url');
const ROOT = join(import.meta.dirname, '../..');
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
});
afterAll(async () => browser?.close());

it('keys, a transfer to final and live events, in Chromium', async () => {
  const bundle = await build({
    stdin: {
      contents: "import * as sdk from './sdk/dist/index.js'; window.topnetSdk = sdk;",
      resolveDir: ROOT,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'warning',
  });
  const page = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}/api/v1/chain`);
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text, type: 'module' });
  await page.waitForFunction(() => 'topnetSdk' in window);
  const out = await page.evaluate(
    async ({ url, secret }) => {
      const sdk = (window as unknown as { topnetSdk: typeof Sdk }).topnetSdk;
      const client = new sdk.TopnetClient({ url });
      const blocks: number[] = [];
      client.subscribe({ kind: 'blocks' }, (e) => e.kind === 'block' && blocks.push(e.height));
      await client.connection.whenOpen();
      const from = sdk.keyFromHex(secret);
      const to = sdk.generateKey('ed25519');
      const { hash } = await client.transfer({ from, to: to.address, amount: sdk.parseTop('4.25') });
      const phases: string[] = [];
      const v = await client.waitForFinal(hash, { onPhase: (p) => phases.push(p.phase) });
      const balance = sdk.formatTop(await client.getBalance(to.address));
      const start = Date.now();
      while (!blocks.length && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 50));
      client.close();
      return { status: v.status, phases, balance, blocks: blocks.length, to: to.address };
    },
    { url, secret: devKey(8).secretKey },
  );
  expect(errors).toEqual([]);
  expect(out.status).toBe('final');
  expect(out.phases.at(-1)).toBe('confirm');
  expect(out.balance).toBe('4.25');
  expect(out.blocks).toBeGreaterThan(0);
  expect(out.to).toMatch(/^TE0000/);
});
