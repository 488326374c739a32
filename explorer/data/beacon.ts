/** Beacon page data: the clock and epoch, which committee owns which table, the checkpointed table heads. */
import { beaconName } from '../../durable-objects/base/config.ts';
import type { Ctx } from '../../workers/edge/methods.ts';
import type { Assignment, ClockInfo, TableHead } from '../../schema/rpc.ts';

export interface BeaconData {
  genesisHash: string;
  genesisTime: number;
  clock: ClockInfo;
  assignments: Assignment[];
  checkpoints: TableHead[];
}

export async function beaconData(c: Ctx): Promise<BeaconData> {
  const beacon = c.env.BEACON.getByName(beaconName(c.config));
  const [genesis, clock, assignments, checkpoints] = await Promise.all([
    beacon.genesis(),
    beacon.clock(),
    beacon.assignments(),
    beacon.checkpoints(),
  ]);
  return {
    genesisHash: genesis.hash,
    genesisTime: c.config.genesisTime,
    clock,
    assignments: assignments as Assignment[],
    checkpoints: checkpoints as TableHead[],
  };
}
