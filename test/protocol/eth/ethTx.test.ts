/**
 * Ethereum transactions and the ethTransfer variant: the EIP-155 specification's own example,
 * byte-for-byte agreement with viem (an independent implementation) on random legacy and EIP-1559
 * transfers, strict RLP, the mapping rules with the field at fault, and the topnet encoding of an
 * ethTransfer (binary and JSON round trips, hash = keccak256(raw), signature checked by recovery).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keccak256 as viemKeccak, parseTransaction, serializeTransaction, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { fromHex, toHex } from '../../../protocol/bytes.ts';
import { isProtocolError } from '../../../protocol/errors.ts';
import {
  decodeEthTx,
  encodeEthTx,
  ethSigningHash,
  ethTxHash,
  EthTxType,
  type EthTxFields,
} from '../../../protocol/eth/ethTx.ts';
import { rlpDecode, rlpEncode, type Rlp } from '../../../protocol/eth/rlp.ts';
import { secp256k1Sign } from '../../../protocol/keys/secp256k1.ts';
import { signerFromSecret } from '../../../protocol/keys/signer.ts';
import { ethTransferFromRaw, recoverEthSender, WEI_PER_UTOP } from '../../../protocol/tx/ethTransfer.ts';
import { decodeTx, encodeTx } from '../../../protocol/tx/encodeTx.ts';
import { txFromJson, txToJson } from '../../../protocol/tx/txJson.ts';
import { txHash } from '../../../protocol/tx/txHash.ts';
import { checkTxRules, checkTxSignature } from '../../../protocol/tx/checkTx.ts';
import { TxType } from '../../../protocol/tx/types.ts';
import { txHashAndSize } from '../../../protocol/lattice/txDigest.ts';

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (isProtocolError(e)) return `${e.code}@${e.field}`;
    throw e;
  }
  return 'ok';
};

/** Signs with protocol/ (RFC 6979, low-s): must match viem's bytes exactly. */
function signOurs(fields: EthTxFields, secret: Uint8Array): Uint8Array {
  const probe = encodeEthTx(fields, { yParity: 0, r: 1n, s: 1n });
  const hash = ethSigningHash(decodeEthTx(probe));
  const sig = secp256k1Sign(secret, hash);
  return encodeEthTx(fields, {
    r: BigInt('0x' + toHex(sig.subarray(0, 32))),
    s: BigInt('0x' + toHex(sig.subarray(32, 64))),
    yParity: sig[64] as 0 | 1,
  });
}

describe('EIP-155 specification example', () => {
  const raw = fromHex(
    '0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83',
  );
  it('decodes, hashes the signing payload and recovers the sender', () => {
    const e = decodeEthTx(raw);
    expect(e.type).toBe(EthTxType.legacy);
    expect(e.chainId).toBe(1n);
    expect(e.nonce).toBe(9n);
    expect(e.maxFeePerGas).toBe(20_000_000_000n);
    expect(e.gas).toBe(21000n);
    expect(e.value).toBe(10n ** 18n);
    expect(toHex(ethSigningHash(e))).toBe('daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53');
    expect(recoverEthSender(e)).toBe('T800009d8a62f656a8d1615c1294fd71e9cfb3e4855a4f');
    expect(toHex(encodeEthTx(e, e))).toBe(toHex(raw));
  });
  it('signing it again with the example key gives the same bytes', () => {
    const secret = fromHex('0x' + '46'.repeat(32));
    expect(toHex(signOurs(decodeEthTx(raw), secret))).toBe(toHex(raw));
  });
});

const keyArb = fc.integer({ min: 1, max: 1_000_000 }).map((i) => {
  const b = new Uint8Array(32);
  b[28] = (i >> 24) & 0xff;
  b[29] = (i >> 16) & 0xff;
  b[30] = (i >> 8) & 0xff;
  b[31] = i & 0xff;
  b[0] = 7;
  return b;
});
const fieldsArb = fc.record({
  type: fc.constantFrom(EthTxType.legacy, EthTxType.eip1559),
  chainId: fc.bigInt({ min: 1n, max: 0xffffffffn }),
  nonce: fc.bigInt({ min: 0n, max: (1n << 64n) - 2n }),
  maxFeePerGas: fc.bigInt({ min: 0n, max: 10n ** 20n }),
  maxPriorityFeePerGas: fc.bigInt({ min: 0n, max: 10n ** 12n }),
  gas: fc.bigInt({ min: 21000n, max: 30_000_000n }),
  to: fc.uint8Array({ minLength: 20, maxLength: 20 }),
  value: fc.bigInt({ min: 1n, max: 10n ** 9n }).map((u) => u * WEI_PER_UTOP),
});

describe('agreement with viem', () => {
  it('random legacy and EIP-1559 transfers: same bytes, same hash, same sender', async () => {
    await fc.assert(
      fc.asyncProperty(fieldsArb, keyArb, async (f, secret) => {
        const fields: EthTxFields = {
          ...f,
          maxPriorityFeePerGas:
            f.type === EthTxType.legacy || f.maxPriorityFeePerGas > f.maxFeePerGas
              ? f.maxFeePerGas
              : f.maxPriorityFeePerGas,
          data: new Uint8Array(0),
          accessList: [],
        };
        const account = privateKeyToAccount(('0x' + toHex(secret)) as Hex);
        const to = ('0x' + toHex(f.to)) as Hex;
        const viemRaw =
          f.type === EthTxType.legacy
            ? await account.signTransaction({
                type: 'legacy',
                chainId: Number(f.chainId),
                nonce: Number(f.nonce % BigInt(Number.MAX_SAFE_INTEGER)),
                gasPrice: f.maxFeePerGas,
                gas: f.gas,
                to,
                value: f.value,
              })
            : await account.signTransaction({
                type: 'eip1559',
                chainId: Number(f.chainId),
                nonce: Number(f.nonce % BigInt(Number.MAX_SAFE_INTEGER)),
                maxFeePerGas: f.maxFeePerGas,
                maxPriorityFeePerGas: fields.maxPriorityFeePerGas,
                gas: f.gas,
                to,
                value: f.value,
              });
        const raw = fromHex(viemRaw);
        const e = decodeEthTx(raw);
        expect(e.nonce).toBe(f.nonce % BigInt(Number.MAX_SAFE_INTEGER));
        expect('0x' + toHex(ethTxHash(raw))).toBe(viemKeccak(viemRaw));
        expect(recoverEthSender(e)).toBe('T80000' + account.address.slice(2).toLowerCase());
        expect(toHex(signOurs(e, secret))).toBe(toHex(raw));
        const parsed = parseTransaction(viemRaw);
        expect(parsed.value).toBe(e.value);
      }),
      { numRuns: 60 },
    );
  });
  it('serializeTransaction of unsigned fields matches our signing preimage', () => {
    const u = serializeTransaction({
      type: 'eip1559',
      chainId: 1023,
      nonce: 3,
      maxFeePerGas: 5n,
      maxPriorityFeePerGas: 1n,
      gas: 21000n,
      to: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
      value: WEI_PER_UTOP,
    });
    const e = decodeEthTx(
      encodeEthTx(
        {
          type: 2,
          chainId: 1023n,
          nonce: 3n,
          maxFeePerGas: 5n,
          maxPriorityFeePerGas: 1n,
          gas: 21000n,
          to: fromHex('0x70997970c51812dc3a010c7d01b50e0d17dc79c8'),
          value: WEI_PER_UTOP,
          data: new Uint8Array(0),
          accessList: [],
        },
        { yParity: 1, r: 5n, s: 6n },
      ),
    );
    expect('0x' + toHex(ethSigningHash(e))).toBe(viemKeccak(u));
  });
});

describe('strict RLP', () => {
  const rlpArb: fc.Arbitrary<Rlp> = fc.letrec((tie) => ({
    item: fc.oneof(
      { depthSize: 'small' },
      fc.uint8Array({ maxLength: 70 }),
      fc.array(tie('item') as fc.Arbitrary<Rlp>, { maxLength: 4 }),
    ),
  })).item as fc.Arbitrary<Rlp>;
  it('round-trips', () => {
    fc.assert(
      fc.property(rlpArb, (x) => {
        expect(rlpDecode(rlpEncode(x))).toEqual(x);
      }),
      { numRuns: 500 },
    );
  });
  it('refuses non-canonical and truncated forms with a code', () => {
    expect(codeOf(() => rlpDecode(Uint8Array.of(0x81, 0x05)))).toBe('BAD_TYPE@rlp');
    expect(codeOf(() => rlpDecode(Uint8Array.of(0xb8, 0x02, 1, 2)))).toBe('BAD_TYPE@rlp');
    expect(codeOf(() => rlpDecode(Uint8Array.of(0x83, 1)))).toBe('TRUNCATED@rlp');
    expect(codeOf(() => rlpDecode(Uint8Array.of(0x01, 0x02)))).toBe('TRAILING_BYTES@rlp');
  });
  it('never crashes on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        const c = codeOf(() => decodeEthTx(b));
        expect(c === 'ok' || /^[A-Z_]+@/.test(c)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ethTransfer', () => {
  const secret = fromHex('0x' + '11'.repeat(32));
  const signer = signerFromSecret('secp256k1', secret);
  const base: EthTxFields = {
    type: 2,
    chainId: 1023n,
    nonce: 0n,
    maxFeePerGas: 0n,
    maxPriorityFeePerGas: 0n,
    gas: 21000n,
    to: fromHex('0x70997970c51812dc3a010c7d01b50e0d17dc79c8'),
    value: 5n * WEI_PER_UTOP,
    data: new Uint8Array(0),
    accessList: [],
  };
  const wrap = (f: Partial<EthTxFields>) =>
    ethTransferFromRaw(signOurs({ ...base, ...f }, secret), 1000, 2000);

  it('derives every ledger field from the signed bytes', () => {
    const tx = wrap({});
    expect(tx.type).toBe(TxType.ethTransfer);
    expect(tx.sender).toBe(signer.address);
    expect(tx.receiver).toBe('T8000070997970c51812dc3a010c7d01b50e0d17dc79c8');
    expect(tx.amount).toBe(5n);
    expect(tx.chainId).toBe(1023);
    expect(toHex(txHash(tx))).toBe(toHex(ethTxHash(tx.eth!)));
    expect(toHex(txHashAndSize(tx).hash)).toBe(toHex(txHash(tx)));
    checkTxRules(tx);
    checkTxSignature(tx);
  });
  it('round-trips through the binary and JSON forms', () => {
    const tx = wrap({ nonce: 7n, type: 0, maxFeePerGas: 3n, maxPriorityFeePerGas: 3n });
    expect(decodeTx(encodeTx(tx))).toEqual(tx);
    expect(txFromJson(JSON.parse(JSON.stringify(txToJson(tx))))).toEqual(tx);
    expect(txHashAndSize(tx).size).toBe(encodeTx(tx).length);
  });
  it('a sender that did not sign fails the signature check', () => {
    const tx = { ...wrap({}), sender: 'T8000070997970c51812dc3a010c7d01b50e0d17dc79c8' };
    expect(codeOf(() => checkTxSignature(tx))).toBe('BAD_SIGNATURE@signature');
    expect(codeOf(() => checkTxSignature(decodeTx(encodeTx(tx))))).toBe('BAD_SIGNATURE@signature');
  });
  it('refuses what is not a plain transfer, naming the field', () => {
    expect(codeOf(() => wrap({ to: null }))).toBe('UNSUPPORTED@to');
    expect(codeOf(() => wrap({ data: Uint8Array.of(1) }))).toBe('UNSUPPORTED@data');
    expect(codeOf(() => wrap({ gas: 20999n }))).toBe('INSUFFICIENT_GAS@gas');
    expect(codeOf(() => wrap({ value: WEI_PER_UTOP + 1n }))).toBe('BAD_AMOUNT@value');
    expect(codeOf(() => wrap({ value: (1n << 64n) * WEI_PER_UTOP }))).toBe('OUT_OF_RANGE@value');
    expect(codeOf(() => checkTxRules(wrap({ value: 0n })))).toBe('BAD_AMOUNT@amount');
    expect(
      codeOf(() =>
        checkTxRules(wrap({ to: signer.address.slice(6) ? fromHex(signer.address.slice(6)) : null })),
      ),
    ).toBe('SELF_TRANSFER@receiver');
  });
  it('refuses legacy transactions without replay protection and other types', () => {
    const pre155 = rlpEncode([
      new Uint8Array(0),
      new Uint8Array(0),
      Uint8Array.of(0x52, 0x08),
      base.to!,
      Uint8Array.of(1),
      new Uint8Array(0),
      Uint8Array.of(27),
      Uint8Array.of(1),
      Uint8Array.of(1),
    ]);
    expect(codeOf(() => decodeEthTx(pre155))).toBe('UNSUPPORTED@v');
    expect(codeOf(() => decodeEthTx(Uint8Array.of(1, 0xc0)))).toBe('UNSUPPORTED@type');
  });
  it('a wrapper claiming another chain than the signed one does not decode', () => {
    const bytes = encodeTx(wrap({}));
    bytes[1] = bytes[1]! ^ 1; // chainId's u32 follows the version byte
    expect(codeOf(() => decodeTx(bytes))).toBe('WRONG_CHAIN@chainId');
  });
});
