/**
 * Fixtures of the DPoS tests: ed25519 accounts derived from labels, signed registry transactions
 * (hosted keys by default), and a pure beacon that folds them, settles and elects exactly as the
 * beacon object does, writing the same events a checker reads.
 */
import { toHex, utf8, ZERO32 } from '../../../protocol/bytes.ts';
import { sha256 } from '../../../protocol/hash.ts';
import { signerFromSecret, type Signer } from '../../../protocol/keys/signer.ts';
import { signTx } from '../../../protocol/tx/signTx.ts';
import { encodeTx } from '../../../protocol/tx/encodeTx.ts';
import { txHash } from '../../../protocol/tx/txHash.ts';
import { NodeRole, TxType, type Tx } from '../../../protocol/tx/types.ts';
import { vrfProve } from '../../../protocol/vrf/index.ts';
import { UTOP_PER_TOP } from '../../../protocol/amount.ts';
import { devnetConfig, type NetworkConfig } from '../../../protocol/network/config.ts';
import { hostedKeys } from '../../../protocol/dpos/hostedKeys.ts';
import { dposParams, type DposParams } from '../../../protocol/dpos/params.ts';
import { emptyRegistry, type Registry } from '../../../protocol/dpos/registry.ts';
import { electEpoch } from '../../../protocol/dpos/electEpoch.ts';
import { settleEpoch, type Workload } from '../../../protocol/dpos/settleEpoch.ts';
import { DposEvent, foldBeaconEvent, type NodeTxsBody } from '../../../protocol/dpos/beaconEvents.ts';
import { firstElectionSeed, type LoggedEvent } from '../../../protocol/dpos/verifyBeaconLog.ts';
import { fromHex } from '../../../protocol/bytes.ts';

export const TOP = UTOP_PER_TOP;

export function account(label: string): Signer {
  return signerFromSecret('ed25519', sha256(utf8(`dpos test ${label}`)));
}

export class Account {
  nonce = 0n;
  prev: Uint8Array = ZERO32;
  constructor(
    readonly signer: Signer,
    readonly config: NetworkConfig,
  ) {}
  get address(): string {
    return this.signer.address;
  }
  private sign(fields: Partial<Tx> & { type: TxType; receiver: string; amount: bigint }): Tx {
    const tx = signTx(
      {
        chainId: this.config.chainId,
        sender: this.address,
        nonce: this.nonce,
        prevHash: this.prev,
        timestamp: 1_800_000_000,
        expiry: 1_800_000_600,
        memo: '',
        ...fields,
      },
      this.signer,
    );
    this.nonce++;
    this.prev = txHash(tx);
    return tx;
  }
  register(
    deposit: bigint,
    opts: { role?: NodeRole; weight?: number; dividendPpm?: number; keys?: 'hosted' | 'own' } = {},
  ): Tx {
    const k = hostedKeys(this.config.seed, this.address);
    const own = opts.keys === 'own';
    return this.sign({
      type: TxType.registerNode,
      receiver: this.address,
      amount: deposit,
      payload: {
        role: opts.role ?? NodeRole.validator,
        consensusKey: own ? this.signer.publicKey : k.consensusKey,
        vrfKey: own ? this.signer.publicKey : k.vrfKey,
        computeWeight: opts.weight ?? 50,
        dividendRatePpm: opts.dividendPpm ?? 500_000,
      },
    });
  }
  vote(node: string, amount: bigint): Tx {
    return this.sign({ type: TxType.vote, receiver: node, amount });
  }
  unvote(node: string, amount: bigint): Tx {
    return this.sign({ type: TxType.unvote, receiver: node, amount });
  }
}

export const hexTx = (tx: Tx) => '0x' + toHex(encodeTx(tx));

/** A small network: 1 zone, 4 tables, 2 committees of 4. */
export function smallConfig(over: Partial<NetworkConfig> = {}): NetworkConfig {
  return devnetConfig({ tablesPerZone: 4, committeesPerZone: 2, committeeSize: 4, ...over });
}

/** The beacon's DPoS decisions without the object: the same functions, the same events. */
export class PureBeacon {
  readonly params: DposParams;
  readonly reg: Registry = emptyRegistry();
  readonly log: LoggedEvent[] = [];
  seed: Uint8Array;
  previous: string[][] = [];
  constructor(readonly config: NetworkConfig) {
    this.params = dposParams(config.seed);
    this.seed = firstElectionSeed(config);
    this.append('Genesis', { config, committees: [] });
  }
  append(type: string, body: unknown): void {
    this.log.push({ seq: this.log.length + 1, type, body: JSON.parse(JSON.stringify(body)) });
  }
  nodeTxs(txs: Tx[]): void {
    const body: NodeTxsBody = { table: 0, height: this.log.length, txs: txs.map(hexTx) };
    foldBeaconEvent(this.reg, DposEvent.nodeTxs, body, { seedHex: this.config.seed, params: this.params });
    this.append(DposEvent.nodeTxs, body);
  }
  advance(workload: Workload[], loads?: number[]) {
    const settlement = this.reg.epoch > 0 ? settleEpoch(this.reg, this.params, workload) : undefined;
    this.reg.epoch += 1;
    const election = electEpoch({
      registry: this.reg,
      epoch: this.reg.epoch,
      seed: this.seed,
      params: this.params,
      layout: this.config,
      previous: this.previous,
      loads: loads ?? Array.from({ length: this.config.zones * this.config.tablesPerZone }, () => 0),
      prove: (address, alpha) => vrfProve(hostedKeys(this.config.seed, address).vrfSecret, alpha),
    });
    this.seed = fromHex(election.nextSeed, 'seed', 32);
    this.previous = election.committees;
    const body = { epoch: this.reg.epoch, committees: [], params: this.params, settlement, election };
    this.append(DposEvent.epochStarted, body);
    return { settlement, election };
  }
}
