/**
 * Subscription topics as canonical keys, and the keys an event matches: `blocks`; `tx:<0x-hash>`
 * (lowercase); `account:<address>` in the canonical T-address text (an 0x Ethereum address is taken
 * as the T8 account with the same 20 bytes). A subscription and an event meet when their keys are
 * equal, so matching is one map lookup per key of the event.
 */
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { ErrorCode, fail, isProtocolError } from '../../protocol/errors.ts';
import { addressFromEthereum, parseAddress } from '../../protocol/keys/address.ts';
import type { HubEvent } from '../../schema/rpc.ts';

const TOPIC_FORMS = '{"kind":"blocks"}, {"kind":"tx","hash":"0x…"} or {"kind":"account","address":"T8…"}';

function accountKey(address: unknown, field: string): string {
  const text =
    typeof address === 'string' && /^0x/i.test(address) ? addressFromEthereum(address, field) : address;
  return 'account:' + parseAddress(text, field).text;
}

/** The key of a topic a client asked for; ProtocolError (with the field at fault) if it is not one. */
export function topicKey(topic: unknown): string {
  if (typeof topic !== 'object' || topic === null || Array.isArray(topic))
    fail(ErrorCode.BAD_TYPE, `expected a topic object: ${TOPIC_FORMS}`, 'topic');
  const t = topic as Record<string, unknown>;
  switch (t.kind) {
    case 'blocks':
      return 'blocks';
    case 'tx':
      if (typeof t.hash !== 'string' || !t.hash.startsWith('0x'))
        fail(ErrorCode.BAD_HEX, 'expected a 0x-hex transaction hash', 'topic.hash');
      return 'tx:0x' + toHex(fromHex(t.hash, 'topic.hash', 32));
    case 'account':
      return accountKey(t.address, 'topic.address');
    default:
      fail(
        ErrorCode.BAD_ENUM,
        `unknown topic kind ${JSON.stringify(t.kind)}; topics are ${TOPIC_FORMS}`,
        'topic.kind',
      );
  }
}

/** Every key an event matches (no repeats); an account that does not parse matches nothing. */
export function eventKeys(e: HubEvent): string[] {
  if (e.kind === 'block') return ['blocks'];
  const keys = new Set(['tx:' + e.hash.toLowerCase()]);
  for (const a of e.accounts ?? []) {
    try {
      keys.add(accountKey(a, 'account'));
    } catch (err) {
      if (!isProtocolError(err)) throw err;
    }
  }
  return [...keys];
}
