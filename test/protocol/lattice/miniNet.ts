/**
 * An in-memory lattice of several tables for tests: each table applies blocks with applyBlock and
 * commits them; outgoing receipts travel to the target table's inbox, possibly late, reordered or
 * duplicated, the way a flaky router would deliver them. Clients track their own nonces.
 */
import { signerFromSecret, type Signer } from '../../../protocol/keys/signer.ts';
import { tableOf } from '../../../protocol/keys/address.ts';
import { sha256 } from '../../../protocol/hash.ts';
import { utf8, ZERO32 } from '../../../protocol/bytes.ts';
import { applyBlock, commitBlock } from '../../../protocol/lattice/applyBlock.ts';
import { genesisTable } from '../../../protocol/lattice/genesis.ts';
import { signTx } from '../../../protocol/tx/signTx.ts';
import { TxType, type Tx } from '../../../protocol/tx/types.ts';
import type { BlockResult, Receipt, TableState, UnitBlock } from '../../../protocol/lattice/types.ts';

export const CHAIN_ID = 1023;
export const T0 = 1_800_000_000;

const signerCache = new Map<string, Signer>();
export function testSigner(i: number, kind: 'ed25519' | 'secp256k1' = 'ed25519'): Signer {
  const key = `${kind}/${i}`;
  let s = signerCache.get(key);
  if (!s) signerCache.set(key, (s = signerFromSecret(kind, sha256(utf8(`topnet-test-${key}`)))));
  return s;
}

export interface Client {
  signer: Signer;
  nonce: bigint;
  prevHash: Uint8Array;
}

export class MiniNet {
  tables: TableState[] = [];
  inbox: Receipt[][] = [];
  blocks: BlockResult[][] = [];
  units = new Map<string, UnitBlock[]>();
  clients = new Map<string, Client>();
  time = T0;

  constructor(
    readonly tableCount: number,
    signers: Signer[],
    balance: bigint,
  ) {
    const accounts = signers.map((s) => ({ address: s.address, balance }));
    for (let t = 0; t < tableCount; t++) {
      const g = genesisTable({ chainId: CHAIN_ID, table: t, tableCount, time: this.time, accounts });
      this.tables.push(g.state);
      this.inbox.push([]);
      this.blocks.push([g.block]);
      this.recordUnits(g.block);
    }
    for (const s of signers) this.clients.set(s.address, { signer: s, nonce: 0n, prevHash: ZERO32 });
  }

  private recordUnits(b: BlockResult): void {
    for (const u of b.units) {
      let list = this.units.get(u.account);
      if (!list) this.units.set(u.account, (list = []));
      list.push(u);
    }
  }

  tableOf(address: string): number {
    return tableOf(address, this.tableCount);
  }

  /** A transfer signed with the client's next nonce (the client learns of success from results). */
  transfer(from: Signer, to: string, amount: bigint, type: TxType = TxType.transfer): Tx {
    const c = this.clients.get(from.address)!;
    return signTx(
      {
        chainId: CHAIN_ID,
        type,
        sender: from.address,
        receiver: to,
        nonce: c.nonce,
        prevHash: c.prevHash,
        amount,
        timestamp: this.time,
        expiry: this.time + 600,
        memo: '',
      },
      from,
    );
  }

  /** One block on table `t` with these transactions and (a choice of) its inbox. */
  block(t: number, txs: Tx[], receipts: Receipt[] = this.inbox[t]!.splice(0)): BlockResult {
    this.time += 1;
    const r = applyBlock(this.tables[t]!, { time: this.time, txs, receipts });
    commitBlock(this.tables[t]!, r);
    this.blocks[t]!.push(r);
    this.recordUnits(r);
    this.inbox[t]!.push(...r.deferred);
    for (const x of r.outgoing) this.inbox[x.toTable]!.push(x);
    r.results.forEach((res, i) => {
      if (!res.ok) return;
      const c = this.clients.get(txs[i]!.sender)!;
      c.nonce += 1n;
      c.prevHash = res.hash;
    });
    return r;
  }

  inFlight(): number {
    return this.inbox.reduce((n, q) => n + q.length, 0);
  }

  /** Runs empty blocks until every receipt has arrived and been confirmed. */
  drain(maxRounds = 100): void {
    for (let i = 0; i < maxRounds && this.inFlight() > 0; i++)
      for (let t = 0; t < this.tableCount; t++) if (this.inbox[t]!.length) this.block(t, []);
  }
}
