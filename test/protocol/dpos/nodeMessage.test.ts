/** Deregistration messages: bound to the chain and the node's account key; every defect named. */
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../protocol/bytes.ts';
import { checkNodeMessage, nodeMessageHash, type NodeMessage } from '../../../protocol/dpos/nodeMessage.ts';
import { codeOf } from '../election/helpers.ts';
import { account } from './fixtures.ts';

const a = account('leaver');
const msg: NodeMessage = { chainId: 1023, kind: 'deregister', node: a.address, epoch: 4 };
const sig = (m: NodeMessage, s = a) => '0x' + toHex(s.sign(nodeMessageHash(m)));

describe('node messages', () => {
  it('accepts a deregistration signed by the node account', () => {
    expect(checkNodeMessage(msg, sig(msg), 1023)).toEqual(msg);
  });

  it('names what is wrong', () => {
    expect(codeOf(() => checkNodeMessage(msg, sig(msg), 1024))).toBe('WRONG_CHAIN');
    expect(codeOf(() => checkNodeMessage({ ...msg, kind: 'leave' }, sig(msg), 1023))).toBe('BAD_ENUM');
    expect(codeOf(() => checkNodeMessage({ ...msg, epoch: -1 }, sig(msg), 1023))).toBe('NOT_INTEGER');
    expect(codeOf(() => checkNodeMessage({ ...msg, node: 'T8zz' }, sig(msg), 1023))).toBe('BAD_ADDRESS');
    expect(codeOf(() => checkNodeMessage(msg, sig(msg, account('other')), 1023))).toBe('BAD_SIGNATURE');
    // a signature over another epoch does not carry over
    expect(codeOf(() => checkNodeMessage(msg, sig({ ...msg, epoch: 5 }), 1023))).toBe('BAD_SIGNATURE');
    expect(codeOf(() => checkNodeMessage(null, sig(msg), 1023))).toBe('BAD_TYPE');
  });
});
