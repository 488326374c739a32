/** requestFaucet: test TOP for an address, through the faucet object's per-address and per-IP limits. */
import { parseAddress } from '../../protocol/keys/address.ts';
import type { Ctx } from './methods.ts';
import { fromErrorInfo } from './rpcErrors.ts';

export async function faucet(c: Ctx, [address]: unknown[]) {
  const a = parseAddress(address, 'address').text;
  const r = await c.env.FAUCET.getByName(`${c.config.name}/faucet`).request(a, c.ip);
  if ('error' in r) throw fromErrorInfo(r.error);
  return r;
}
