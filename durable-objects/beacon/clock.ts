/**
 * The network clock: epochs of `epochSeconds` counted from genesis. Pure: the shell passes the time.
 * Before genesis the clock reads epoch 0, starting at genesis.
 */
import type { NetworkConfig } from '../../protocol/network/config.ts';
import type { ClockInfo } from '../../schema/rpc.ts';

export function clockAt(
  config: Pick<NetworkConfig, 'genesisTime' | 'epochSeconds'>,
  nowMs: number,
): ClockInfo {
  const genesis = config.genesisTime * 1000;
  const length = config.epochSeconds * 1000;
  const epoch = nowMs <= genesis ? 0 : Math.floor((nowMs - genesis) / length);
  return { now: nowMs, epoch, epochStart: genesis + epoch * length, epochSeconds: config.epochSeconds };
}
