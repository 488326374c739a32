/** The table and committee objects together: admission, blocks certified by PBFT, read models rebuilt from the log. */
import { afterAll, describe, expect, it } from 'vitest';
import {
  config,
  dev,
  eventsOf,
  hashHex,
  hex,
  tableOfAddr,
  tableStub,
  waitFor,
  Wallet,
  settle,
} from './helpers.ts';
import { verifyHeaderCertificate } from '../../durable-objects/table/verifyEnvelope.ts';
import { fromHex } from '../../protocol/bytes.ts';
import { UTOP_PER_TOP } from '../../protocol/amount.ts';

describe('table + committee', () => {
  afterAll(() => settle());

  it('a same-table transfer becomes final with a certificate that verifies', async () => {
    const a = dev[0]!;
    const t = tableOfAddr(a.address);
    const b = dev.slice(1).find((s) => tableOfAddr(s.address) === t);
    expect(b, 'two dev accounts share a table').toBeDefined();
    const table = tableStub(t);
    const before = BigInt((await table.getAccount(b!.address)).balance);
    const w = new Wallet(a);
    const tx = w.sign({ receiver: b!.address, amount: 5n * UTOP_PER_TOP });
    const [res] = await table.submit([hex(tx)]);
    expect(res).toEqual({ hash: hashHex(tx), status: 'pending' });
    const view = await waitFor(async () => {
      const v = await table.getTransaction(hashHex(tx));
      return v?.status === 'final' ? v : null;
    });
    expect(view.send?.height).toBeGreaterThan(0);
    expect(view.recv?.height).toBe(view.send?.height);
    expect(view.confirm?.height).toBe(view.send?.height);
    expect(BigInt((await table.getAccount(b!.address)).balance)).toBe(before + 5n * UTOP_PER_TOP);
    const block = (await table.getBlock({ height: view.send!.height }))!;
    expect(block.txs).toContain(hashHex(tx));
    const events = await eventsOf(table);
    const headerHex = events.find(
      (e) => e.type === 'BlockCommitted' && (e.body as { height: number }).height === block.height,
    )!.body as { header: string };
    expect(await verifyHeaderCertificate(config, t, fromHex(headerHex.header), block.certificate!)).toBe(
      true,
    );
    // A certificate over another header does not verify.
    const genesis = (await eventsOf(table, 0, 1))[0]!.body as { header: string };
    expect(await verifyHeaderCertificate(config, t, fromHex(genesis.header), block.certificate!)).toBe(false);
  });

  it('read models rebuilt from the log equal the live ones, and the log chain is intact', async () => {
    const t = tableOfAddr(dev[0]!.address);
    const table = tableStub(t);
    const r = await table.rebuildReadModels();
    expect(r.events).toBeGreaterThan(1);
    expect(r.equal).toBe(true);
    expect((await table.verifyLog()).ok).toBe(true);
  });
});
