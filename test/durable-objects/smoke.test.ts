import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';

it('appends to a hash-chained log inside workerd', async () => {
  const t = env.TABLE.getByName('test/table/0/0');
  const h = await t.ping();
  expect(h).toMatch(/^0x[0-9a-f]{64}$/);
  expect((await t.events(0, 10)).length).toBe(1);
  expect(await t.verifyLog()).toEqual({ ok: true, seq: 1 });
});
