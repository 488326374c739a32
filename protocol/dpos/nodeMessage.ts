/**
 * Beacon messages signed by a node's account key, for registry changes that move no funds
 * (deregistration). The signature covers taggedHash("topnet/node-message/v1", canonical JSON of
 * { chainId, kind, node, epoch }), so it is bound to one network and cannot be replayed into
 * another epoch's registration.
 */
import { fromHex, utf8 } from '../bytes.ts';
import { ErrorCode, fail } from '../errors.ts';
import { taggedHash } from '../hash.ts';
import { parseAddress } from '../keys/address.ts';
import { verifySignature } from '../keys/signer.ts';

export const NODE_MESSAGE_TAG = 'topnet/node-message/v1';

export interface NodeMessage {
  chainId: number;
  kind: 'deregister';
  node: string;
  /** The epoch the sender believes current; the beacon accepts it within one epoch. */
  epoch: number;
}

export function nodeMessageHash(m: NodeMessage): Uint8Array {
  const canonical = JSON.stringify({ chainId: m.chainId, kind: m.kind, node: m.node, epoch: m.epoch });
  return taggedHash(NODE_MESSAGE_TAG, utf8(canonical));
}

/** Validates the shape and the account signature; returns the message. */
export function checkNodeMessage(raw: unknown, signatureHex: unknown, chainId: number): NodeMessage {
  if (typeof raw !== 'object' || raw === null)
    fail(ErrorCode.BAD_TYPE, 'expected a node message object', 'message');
  const m = raw as Record<string, unknown>;
  if (m.chainId !== chainId)
    fail(ErrorCode.WRONG_CHAIN, `chain id ${String(m.chainId)} is not ${chainId}`, 'message.chainId');
  if (m.kind !== 'deregister')
    fail(ErrorCode.BAD_ENUM, `unknown node message kind ${JSON.stringify(m.kind)}`, 'message.kind');
  const node = parseAddress(m.node, 'message.node').text;
  if (typeof m.epoch !== 'number' || !Number.isSafeInteger(m.epoch) || m.epoch < 0)
    fail(ErrorCode.NOT_INTEGER, 'expected the epoch as a non-negative integer', 'message.epoch');
  if (typeof signatureHex !== 'string') fail(ErrorCode.BAD_TYPE, 'expected a 0x-hex signature', 'signature');
  const msg: NodeMessage = { chainId, kind: 'deregister', node, epoch: m.epoch };
  if (!verifySignature(node, nodeMessageHash(msg), fromHex(signatureHex, 'signature')))
    fail(ErrorCode.BAD_SIGNATURE, 'signature does not verify for the node account', 'signature');
  return msg;
}
