/**
 * Genesis of a table: the prefunded accounts that belong to it, each with a one-entry unit chain,
 * as block 0. Genesis blocks carry no certificate: the network's genesis config defines them.
 */
import { tableOf } from '../keys/address.ts';
import { applyBlock, commitBlock } from './applyBlock.ts';
import { EntryKind, type BlockResult, type TableState } from './types.ts';

export interface GenesisAccount {
  address: string;
  balance: bigint;
}

export interface TableGenesis {
  chainId: number;
  table: number;
  tableCount: number;
  time: number;
  accounts: readonly GenesisAccount[];
}

export function emptyTableState(chainId: number, table: number, tableCount: number): TableState {
  return {
    chainId,
    table,
    tableCount,
    height: -1n,
    lastBlockHash: new Uint8Array(32),
    accounts: new Map(),
    peers: new Map(),
    burned: 0n,
  };
}

/** Block 0 of the table and the state after it. */
export function genesisTable(g: TableGenesis): { state: TableState; block: BlockResult } {
  const state = emptyTableState(g.chainId, g.table, g.tableCount);
  const mine = g.accounts.filter((a) => tableOf(a.address, g.tableCount) === g.table);
  // Genesis credits go through applyBlock like any block, so block 0 has units, roots and a hash.
  const block = applyBlock(
    state,
    { time: g.time, txs: [], receipts: [] },
    mine.map((a) => ({
      address: a.address,
      entry: {
        kind: EntryKind.genesis,
        txHash: new Uint8Array(32),
        peer: '',
        amount: a.balance,
        tgas: 0n,
        burn: 0n,
        peerTable: g.table,
        receiptId: 0n,
      },
    })),
  );
  commitBlock(state, block);
  return { state, block };
}
