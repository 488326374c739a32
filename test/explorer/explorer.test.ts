/**
 * The explorer in real headless Chromium: a local network (scripts/network.mjs, in-memory storage),
 * transfers signed with protocol/ and sent over JSON-RPC, then every page checked for what it must
 * show, search, a pending transaction turning final on an open page without a reload, and axe-core
 * (no serious or critical violation, light and dark themes). Screenshots go to test-results/explorer/.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { axe, openExplorer, SHOTS, visitPage } from './browser.ts';
import { DEV_MNEMONIC, secp256k1FromMnemonic } from '../../protocol/keys/mnemonic.ts';
import { accountTable, genesisCommitteeOf, tableCount } from '../../protocol/network/config.ts';
import { accountIn, config, NETWORK, rpc, waitFor, Wallet } from './chain.ts';

interface TxView {
  hash: string;
  status: string;
  send?: { table: number; height: number; blockHash?: string };
  recv?: { table: number; height: number };
  confirm?: { table: number; height: number };
}

let url = '';
let browser: Browser;
let page: Page;
let close: () => Promise<void> = async () => {};

const sender = new Wallet(secp256k1FromMnemonic(DEV_MNEMONIC, 0));
const senderTable = accountTable(config, sender.signer.address);
const crossReceiver = accountIn((senderTable + 1) % tableCount(config), 'cross');
const localReceiver = accountIn(senderTable, 'local');

const txOf = (hash: string) => rpc<TxView>(url, 'getTransaction', [hash]);
const finalTx = (hash: string, ms = 15_000) =>
  waitFor(async () => ((await txOf(hash)).status === 'final' ? txOf(hash) : null), ms, `${hash} final`);

const visit = (path: string, name: string) => visitPage(page, url, path, name);

beforeAll(async () => {
  ({ url, browser, page, close } = await openExplorer('explorer-test', NETWORK));
}, 60_000);

afterAll(() => close());

describe('explorer', () => {
  let cross: TxView;
  let local: TxView;

  test('a cross-table and a same-table transfer show on every page', async () => {
    const h1 = await sender.send(url, crossReceiver.address, 1_500_000n);
    cross = await finalTx(h1);
    const h2 = await sender.send(url, localReceiver.address, 250_000n);
    local = await finalTx(h2, 20_000);
    expect(cross.recv!.table).not.toBe(senderTable);
    expect(local.send!.table).toBe(senderTable);

    const home = await visit('/', 'home');
    expect(home).toContain(`Table ${senderTable}`);
    const heightCell = page.locator(`tr[data-table="${senderTable}"] [data-height]`);
    expect(Number(await heightCell.getAttribute('data-height'))).toBeGreaterThanOrEqual(local.send!.height);
    expect(await page.locator(`a[href="/txs/${h2}"]`).count()).toBeGreaterThan(0);
    expect(await page.locator(`a[href="/txs/${h1}"]`).count()).toBeGreaterThan(0);
    // The tx/s chart counts both finalized transfers; the current epoch is shown.
    const bars = page.locator('#tps-chart rect.bar');
    expect(await bars.count()).toBe(30);
    const finalized = await bars.evaluateAll((rs) =>
      rs.reduce((a, r) => a + Number(r.getAttribute('data-finalized')), 0),
    );
    expect(finalized).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#epoch').innerText()).toMatch(/^\d+ \(/);

    const tables = await visit('/tables', 'tables');
    expect(tables).toContain(`Table ${tableCount(config) - 1}`);

    const table = await visit(`/tables/${senderTable}`, 'table');
    expect(table).toContain(`Blocks of table ${senderTable}`);
    expect(
      await page.locator(`a[href="/tables/${senderTable}/blocks/${cross.send!.height}"]`).count(),
    ).toBeGreaterThan(0);

    await visit(`/tables/${senderTable}/blocks/${cross.send!.height}`, 'block');
    expect(await page.locator(`a[href="/txs/${h1}"]`).count()).toBeGreaterThan(0);
    const signed = await page.locator('#signers tbody td.yes').count();
    expect(signed).toBeGreaterThanOrEqual(3);
    expect(await page.locator('#signers tbody tr').count()).toBe(config.committeeSize);
    expect(await page.locator('main').innerText()).toContain('Every signature verifies.');
    expect(await page.locator('main').innerText()).toContain(sender.signer.address);

    const tx = await visit(`/txs/${h1}`, 'tx-cross');
    expect(tx).toContain('final');
    expect(tx).toContain(`table ${senderTable} → table ${cross.recv!.table}`);
    for (const [phase, at] of [
      ['send', cross.send!],
      ['recv', cross.recv!],
      ['confirm', cross.confirm!],
    ] as const) {
      const li = page.locator(`li[data-phase="${phase}"]`);
      expect(await li.getAttribute('data-done')).toBe('yes');
      expect(await li.locator(`a[href="/tables/${at.table}/blocks/${at.height}"]`).count()).toBe(1);
    }
    const same = await visit(`/txs/${h2}`, 'tx-local');
    expect(same).toContain(`Both accounts live in table ${senderTable}`);

    const acct = await visit(`/accounts/${sender.signer.address}`, 'account');
    for (const h of [h1, h2])
      for (const kind of ['send', 'confirm'])
        expect(await page.locator(`#history-table tr[data-kind="${kind}"] a[href="/txs/${h}"]`).count()).toBe(
          1,
        );
    expect(acct).toContain('Nonce\n2');
    const recv = await visit(`/accounts/${crossReceiver.address}`, 'account-receiver');
    expect(recv).toContain('1.5 TOP');
    expect(await page.locator(`#history-table tr[data-kind="recv"] a[href="/txs/${h1}"]`).count()).toBe(1);
    // The history as CSV: the download link's target, exact decimal amounts.
    const csvHref = await page.getByRole('link', { name: /full history as CSV/ }).getAttribute('href');
    const csv = await (await fetch(url + csvHref)).text();
    expect(csv.split('\n')[0]).toMatch(/^table_height,entry,unit_height,time,kind,tx_hash,/);
    expect(csv).toContain(`,recv,${h1},${sender.signer.address},${senderTable},1500000,1.5,`);
    // Paged history: one entry per page, the "Older entries" link walks the chain.
    await page.goto(`${url}/accounts/${sender.signer.address}?limit=2`);
    expect(await page.locator('#history-table tbody tr').count()).toBe(2);
    await page.getByRole('link', { name: 'Older entries' }).click();
    expect(await page.locator('#history-table tbody tr').count()).toBe(2);
    expect(new URL(page.url()).searchParams.get('before')).toMatch(/^\d+\.\d+$/);
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'account-older.png'), fullPage: true });

    const comm = await visit('/committees', 'committees');
    expect(comm).toContain(`${config.name}/committee/0/1`);
    const c = genesisCommitteeOf(config, senderTable);
    const committee = await visit(`/committees/${c.zone}/${c.index}`, 'committee');
    expect(committee).toContain('Recent rounds');
    const round = page.locator('#rounds-table tbody tr', {
      has: page.locator(`a[href="/tables/${senderTable}/blocks/${cross.send!.height}"]`),
    });
    expect(await round.count()).toBe(1);
    expect(await round.locator('td[data-phase="pre-prepare"]').innerText()).toMatch(/^#\d$/);
    expect(await round.locator('td[data-phase="commit"]').innerText()).toMatch(/^[34]: #/);
    expect(await page.locator('#leader').innerText()).toMatch(/^#\d$/);

    await visit('/lattice', 'lattice');
    expect(await page.locator(`svg.lattice path.edge[data-tx="${h1}"]`).count()).toBe(1);
    expect(await page.locator(`#lattice-edges tr[data-edge="${h1}"]`).count()).toBe(1);
    const beacon = await visit('/beacon', 'beacon');
    expect(beacon).toContain(`Table ${senderTable}`);
    expect(beacon).toContain('Epoch');
    expect(await page.locator('#epochs-table tbody th', { hasText: /^0$/ }).count()).toBe(1);

    // The same data as JSON.
    const j = (await (await fetch(`${url}/api/explorer/txs/${h1}`)).json()) as { tx: TxView };
    expect(j.tx.status).toBe('final');
    const j2 = (await (await fetch(`${url}/accounts/${crossReceiver.address}?format=json`)).json()) as {
      account: { balance: string };
    };
    expect(j2.account.balance).toBe('1500000');
  }, 60_000);

  test('search finds a transaction, an account, a block; misses get a clear not-found page', async () => {
    const go = async (q: string) => {
      await page.goto(`${url}/`);
      await page.getByLabel(/Search by transaction hash/).fill(q);
      await Promise.all([
        page.waitForURL((u) => u.pathname !== '/'),
        page.getByRole('button', { name: 'Search' }).click(),
      ]);
      return new URL(page.url()).pathname;
    };
    expect(await go(cross.hash)).toBe(`/txs/${cross.hash}`);
    expect(await go(crossReceiver.address)).toBe(`/accounts/${crossReceiver.address}`);
    expect(await go(cross.send!.blockHash!)).toBe(`/tables/${senderTable}/blocks/${cross.send!.height}`);
    expect(await go(`${senderTable}:${cross.send!.height}`)).toBe(
      `/tables/${senderTable}/blocks/${cross.send!.height}`,
    );
    expect(await go('0x' + 'ab'.repeat(32))).toBe('/search');
    expect(await page.locator('h1').innerText()).toBe('Nothing found');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'search-not-found.png'), fullPage: true });
    const miss = await fetch(`${url}/txs/0x${'cd'.repeat(32)}`);
    expect(miss.status).toBe(404);
    expect(await miss.text()).toContain('not found');
    expect((await fetch(`${url}/tables/99`)).status).toBe(400);
  }, 30_000);

  test('a pending transaction turns final on an open page without a reload, within 2 s', async () => {
    const home = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await home.goto(`${url}/`);
    await home.waitForSelector('main[data-live="live"]');
    const before = Number(
      await home.locator(`tr[data-table="${senderTable}"] [data-height]`).getAttribute('data-height'),
    );

    // Two transfers in one request start a block at once; a block that carried more than one input
    // holds the next one back for the block interval (1.5 s here), so the third waits, pending.
    await sender.sendMany(url, [
      [localReceiver.address, 1n],
      [localReceiver.address, 1n],
    ]);
    const hash = await sender.send(url, crossReceiver.address, 2n);
    await page.goto(`${url}/txs/${hash}`);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    expect(await page.locator('.status').innerText()).toBe('pending');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'tx-pending.png'), fullPage: true });

    await finalTx(hash);
    const finalAt = Date.now();
    await page.waitForFunction(() => document.querySelector('.status')?.textContent === 'final', null, {
      timeout: 2_000,
    });
    const lag = Date.now() - finalAt;
    expect(lag).toBeLessThan(2_000);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    expect(await page.locator('li[data-phase="confirm"]').getAttribute('data-done')).toBe('yes');
    await page.screenshot({ path: join(SHOTS, 'tx-final-live.png'), fullPage: true });

    // Home followed the new blocks too, without a reload; on a phone it never scrolls sideways.
    await home.waitForFunction(
      ([t, h]) =>
        Number(document.querySelector(`tr[data-table="${t}"] [data-height]`)?.getAttribute('data-height')) >
        h,
      [senderTable, before] as const,
      { timeout: 2_000 },
    );
    expect(await home.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await home.screenshot({ path: join(SHOTS, 'home-phone.png'), fullPage: true });
    await home.close();
  }, 30_000);

  test('the keyboard reaches the skip link, the site links and search, with a visible focus', async () => {
    const kb = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await kb.goto(`${url}/`);
    const focused = () =>
      kb.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {
          name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() || el.id,
          tag: el.tagName,
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
          visible: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0,
        };
      });
    const order: string[] = [];
    for (let i = 0; i < 11; i++) {
      await kb.keyboard.press('Tab');
      const f = await focused();
      expect(f.outline || f.name === 'Skip to content', `focus ring on ${f.name}`).toBe(true);
      expect(f.visible, `${f.name} is on screen when focused`).toBe(true);
      order.push(f.tag === 'INPUT' ? 'search input' : f.name);
    }
    expect(order).toEqual([
      'Skip to content',
      'topnet explorer',
      'Home',
      'Tables',
      'Committees',
      'Beacon',
      'Lattice',
      'Nodes',
      'Elections',
      'search input',
      'Search',
    ]);
    // The skip link moves focus past the header; typing a query and Enter searches.
    await kb.keyboard.press('Shift+Tab');
    await kb.keyboard.type(`${senderTable}:1`);
    await Promise.all([kb.waitForURL(/\/blocks\/1$/), kb.keyboard.press('Enter')]);
    await kb.goto(`${url}/`);
    await kb.keyboard.press('Tab');
    await kb.keyboard.press('Enter');
    expect(new URL(kb.url()).hash).toBe('#content');
    await kb.close();
  }, 20_000);
});
