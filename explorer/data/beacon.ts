/**
 * Beacon page data: the clock and epoch, which committee owns which table, the checkpointed table
 * heads (live from the beacon), and the history of epochs and checkpoints (from the index).
 */
import { beaconName } from '../../durable-objects/base/config.ts';
import type { Ctx } from '../../workers/edge/methods.ts';
import type { Assignment, ClockInfo, TableHead } from '../../schema/rpc.ts';
import type { CheckpointRow, EpochRow } from '../../schema/indexViews.ts';
import { beaconIndex } from './indexStubs.ts';

export interface BeaconData {
  genesisHash: string;
  genesisTime: number;
  clock: ClockInfo;
  assignments: Assignment[];
  checkpoints: TableHead[];
  epochs: EpochRow[];
  checkpointHistory: CheckpointRow[];
}

export async function beaconData(c: Ctx): Promise<BeaconData> {
  const beacon = c.env.BEACON.getByName(beaconName(c.config));
  const ix = beaconIndex(c);
  const [genesis, clock, assignments, checkpoints, epochs, checkpointHistory] = await Promise.all([
    beacon.genesis(),
    beacon.clock(),
    beacon.assignments(),
    beacon.checkpoints(),
    ix.epochs(50),
    ix.checkpoints(20),
  ]);
  return {
    genesisHash: genesis.hash,
    genesisTime: c.config.genesisTime,
    clock,
    assignments: assignments as Assignment[],
    checkpoints: checkpoints as TableHead[],
    epochs,
    checkpointHistory,
  };
}
