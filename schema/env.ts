/** The bindings every part of topnet sees: one namespace per Durable Object kind. */
import type { TableDO } from '../durable-objects/table/TableDO.ts';
import type { CommitteeDO } from '../durable-objects/committee/CommitteeDO.ts';
import type { ZoneDO } from '../durable-objects/zone/ZoneDO.ts';
import type { BeaconDO } from '../durable-objects/beacon/BeaconDO.ts';
import type { HubDO } from '../durable-objects/hub/HubDO.ts';
import type { FaucetDO } from '../durable-objects/faucet/FaucetDO.ts';
import type { IndexDO } from '../durable-objects/index/IndexDO.ts';

export interface Env {
  TABLE: DurableObjectNamespace<TableDO>;
  COMMITTEE: DurableObjectNamespace<CommitteeDO>;
  ZONE: DurableObjectNamespace<ZoneDO>;
  BEACON: DurableObjectNamespace<BeaconDO>;
  HUB: DurableObjectNamespace<HubDO>;
  FAUCET: DurableObjectNamespace<FaucetDO>;
  /** The explorer's index projection, one object per source log (durable-objects/index/). */
  INDEX: DurableObjectNamespace<IndexDO>;
  /** JSON overrides of the devnet genesis config (tests and local runs shrink or grow the network). */
  NETWORK_CONFIG?: string;
  /** Faucet limits: per address and per IP, requests per hour. */
  FAUCET_PER_HOUR?: string;
  /**
   * A split local network only (scripts/network.mjs): the bindings above that are service bindings
   * to the other process's gate (workers/gate/), comma-separated; withGates gives them the namespace shape.
   */
  GATED?: string;
  /** "off": the beacon changes epochs only when asked (advanceEpoch), not on its own timer. */
  EPOCH_TIMER?: string;
}
