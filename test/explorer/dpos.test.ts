/**
 * The DPoS pages in real headless Chromium against a local network whose beacon changes epochs on
 * its own timer every 2 s: six validators register with real transactions (hosted keys), a voter
 * votes, elections run, and the nodes, node, elections and election pages show what they must
 * (stakes, credit history, every candidate's proof and why it was chosen) with no serious or
 * critical axe-core violation in either theme. A block certified by an elected committee shows
 * every signature verifying against that epoch's members.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openExplorer, visitPage } from './browser.ts';
import { DEV_MNEMONIC, secp256k1FromMnemonic } from '../../protocol/keys/mnemonic.ts';
import { devnetConfig } from '../../protocol/network/config.ts';
import { signerFromSecret } from '../../protocol/keys/signer.ts';
import { utf8 } from '../../protocol/bytes.ts';
import { sha256 } from '../../protocol/hash.ts';
import { NodeRole, TxType } from '../../protocol/tx/types.ts';
import { hostedKeys } from '../../protocol/dpos/hostedKeys.ts';
import { UTOP_PER_TOP } from '../../protocol/amount.ts';
import { rpc, waitFor, Wallet } from './chain.ts';
import { top } from '../../explorer/format.ts';

const NETWORK = { tablesPerZone: 2, committeesPerZone: 1, committeeSize: 4, epochSeconds: 2 };
const config = devnetConfig(NETWORK);
const TOP = UTOP_PER_TOP;

let url = '';
let page: Page;
let close: () => Promise<void> = async () => {};

const funder = new Wallet(secp256k1FromMnemonic(DEV_MNEMONIC, 1));
const nodes = Array.from(
  { length: 6 },
  (_, i) => new Wallet(signerFromSecret('ed25519', sha256(utf8(`explorer dpos node ${i}`)))),
);

const visit = (path: string, name: string) => visitPage(page, url, path, `dpos-${name}`);

beforeAll(async () => {
  ({ url, page, close } = await openExplorer('explorer-dpos-test', NETWORK));
}, 60_000);

afterAll(() => close());

describe('DPoS pages', () => {
  test('nodes, a node, the elections and one election, after real registrations and timed elections', async () => {
    for (const n of nodes) await funder.submit(url, { receiver: n.signer.address, amount: 50_000n * TOP });
    await waitFor(
      async () => {
        const b = await Promise.all(
          nodes.map((n) => rpc<{ balance: string }>(url, 'getAccount', [n.signer.address])),
        );
        return b.every((x) => BigInt(x.balance) > 0n);
      },
      30_000,
      'funding',
    );
    for (const [i, n] of nodes.entries()) {
      const k = hostedKeys(config.seed, n.signer.address);
      await n.submit(url, {
        type: TxType.registerNode,
        receiver: n.signer.address,
        amount: BigInt(10_000 + 6_000 * i) * TOP,
        payload: {
          role: NodeRole.validator,
          consensusKey: k.consensusKey,
          vrfKey: k.vrfKey,
          computeWeight: 20 + 10 * i,
          dividendRatePpm: 300_000,
        },
      });
    }
    await funder.submit(url, { type: TxType.vote, receiver: nodes[0]!.signer.address, amount: 5_000n * TOP });
    const elections = await waitFor(
      async () => {
        const e = await rpc<{ epoch: number }[]>(url, 'getElections', []);
        return e.length >= 3 && e;
      },
      40_000,
      'three timed elections',
    );
    // Traffic in the elected committees' epochs, so blocks carry an epoch.
    const h = await nodes[1]!.submit(url, { receiver: nodes[2]!.signer.address, amount: 1n * TOP });
    const tx = await waitFor(
      async () => {
        const t = await rpc<{ status: string; send?: { table: number; height: number } }>(
          url,
          'getTransaction',
          [h],
        );
        return t.status === 'final' && t;
      },
      30_000,
      'a transfer certified by an elected committee',
    );

    const list = await visit('/nodes', 'nodes');
    for (const n of nodes) expect(list).toContain(n.signer.address);
    const one = await visit(`/nodes/${nodes[0]!.signer.address}`, 'node');
    expect(one).toContain(top((5_000n * TOP).toString()));
    expect(one).toMatch(/Credit, workload and rewards/);
    const all = await visit('/elections', 'elections');
    expect(all).toContain(`Epoch ${elections[0]!.epoch}`);
    const epoch = elections[elections.length - 1]!.epoch;
    await visit(`/elections/${epoch}`, 'election');
    expect(await page.locator('#candidates + div tbody tr').count()).toBe(6);
    const info = await rpc<{ election: { candidates: { proof: string }[] } }>(url, 'getElectInfo', [epoch]);
    await page.locator('details').first().click();
    expect(await page.locator('details[open]').count()).toBe(1);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const shown = await page.locator('main').innerText();
    for (const c of info.election.candidates) expect(shown).toContain(c.proof);
    expect(await page.locator('main').innerText()).toMatch(/rank 1/);
    await visit(`/tables/${tx.send!.table}/blocks/${tx.send!.height}`, 'block-elected');
    expect(await page.locator('main').innerText()).toContain('Every signature verifies.');
  });
});
