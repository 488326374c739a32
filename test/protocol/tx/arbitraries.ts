/** fast-check generators of protocol values, shared by the codec property tests. */
import fc from 'fast-check';
import { formatAddress } from '../../../protocol/keys/address.ts';
import { TxType, type Tx } from '../../../protocol/tx/types.ts';
import type { Receipt, TableBlockHeader, UnitBlock, UnitEntry } from '../../../protocol/lattice/types.ts';

const U64 = (1n << 64n) - 1n;
export const u64Arb = fc.bigInt({ min: 0n, max: U64 });
export const hashArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
export const addressArb = fc.oneof(
  fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => formatAddress('secp256k1', b)),
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => formatAddress('ed25519', b)),
);
const timeArb = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

export const txArb: fc.Arbitrary<Tx> = fc
  .record({
    chainId: fc.integer({ min: 0, max: 0xffffffff }),
    // ethTransfer derives its fields from signed Ethereum bytes: see test/protocol/eth.
    type: fc.constantFrom(...Object.values(TxType).filter((t) => t !== TxType.ethTransfer)),
    sender: addressArb,
    receiver: addressArb,
    nonce: u64Arb,
    prevHash: hashArb,
    amount: u64Arb,
    timestamp: timeArb,
    expiry: timeArb,
    memo: fc.string({ maxLength: 60 }),
    signature: fc.oneof(
      fc.uint8Array({ minLength: 64, maxLength: 64 }),
      fc.uint8Array({ minLength: 65, maxLength: 65 }),
    ),
    payload: fc.record({
      role: fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<0 | 1 | 2 | 3>,
      consensusKey: hashArb,
      vrfKey: hashArb,
      computeWeight: fc.integer({ min: 0, max: 0xffff }),
      dividendRatePpm: fc.integer({ min: 0, max: 0xffffffff }),
    }),
  })
  .map(({ payload, ...tx }) => (tx.type === TxType.registerNode ? { ...tx, payload } : tx));

export const entryArb: fc.Arbitrary<UnitEntry> = fc.record({
  kind: fc.integer({ min: 0, max: 8 }) as fc.Arbitrary<UnitEntry['kind']>,
  txHash: hashArb,
  peer: fc.oneof(fc.constant(''), addressArb),
  amount: u64Arb,
  tgas: u64Arb,
  burn: u64Arb,
  peerTable: fc.integer({ min: 0, max: 0xffffffff }),
  receiptId: u64Arb,
});

export const unitArb: fc.Arbitrary<UnitBlock> = fc.record({
  account: addressArb,
  height: u64Arb,
  prevHash: hashArb,
  table: fc.integer({ min: 0, max: 0xffffffff }),
  tableHeight: u64Arb,
  time: timeArb,
  entries: fc.array(entryArb, { maxLength: 5 }),
  stateHash: hashArb,
});

export const receiptArb: fc.Arbitrary<Receipt> = fc.record({
  kind: fc.constantFrom(0, 1) as fc.Arbitrary<0 | 1>,
  fromTable: fc.integer({ min: 0, max: 0xffffffff }),
  toTable: fc.integer({ min: 0, max: 0xffffffff }),
  id: u64Arb,
  txHash: hashArb,
  sender: addressArb,
  receiver: addressArb,
  amount: u64Arb,
  height: u64Arb,
});

export const headerArb: fc.Arbitrary<TableBlockHeader> = fc.record({
  chainId: fc.integer({ min: 0, max: 0xffffffff }),
  table: fc.integer({ min: 0, max: 0xffffffff }),
  height: u64Arb,
  prevHash: hashArb,
  time: timeArb,
  txCount: fc.integer({ min: 0, max: 0xffffffff }),
  txRoot: hashArb,
  rejectedRoot: hashArb,
  inputsRoot: hashArb,
  unitsRoot: hashArb,
  receiptsRoot: hashArb,
});
