/**
 * The explorer tests' browser side: real headless Chromium, axe-core's serious and critical
 * violations on the open page, and visiting a page in both colour schemes with screenshots under
 * test-results/explorer/.
 */
import { expect } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalNetwork } from '../lib/localNetwork.ts';

const ROOT = join(import.meta.dirname, '../..');
export const SHOTS = join(ROOT, 'test-results/explorer');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Starts Chromium and makes sure the screenshot directory exists. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A browser test file's world: a local network (`state`, genesis overrides `network`) and Chromium, with one page open. */
export interface ExplorerSession {
  url: string;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function openExplorer(state: string, network: object): Promise<ExplorerSession> {
  const [net, browser] = await Promise.all([startLocalNetwork({ state, network }), launchChromium()]);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  return {
    url: net.url,
    browser,
    page,
    async close() {
      await browser.close();
      await net.stop();
    },
  };
}

/** axe-core on the open page; returns the serious and critical violations (none expected). */
export async function axe(p: Page): Promise<string[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.addScriptTag({ content: AXE });
  const violations = await p.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run(
          ctx: Document,
          o: object,
        ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
      };
    };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).join(', ')}`);
}

/**
 * Opens base + path, checks axe in both themes, saves `${shot}-light.png` and `${shot}-dark.png`;
 * returns the main text.
 */
export async function visitPage(page: Page, base: string, path: string, shot: string): Promise<string> {
  const res = await page.goto(base + path);
  expect(res?.status(), path).toBe(200);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axe(page), `${path} (${scheme})`).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `${shot}-${scheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return page.locator('main').innerText();
}
