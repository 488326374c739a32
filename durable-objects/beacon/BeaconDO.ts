/** Beacon Durable Object (being built). */
import { EventSourcedDO } from '../base/EventSourcedDO.ts';

export class BeaconDO extends EventSourcedDO {
  protected onLoad(): void {}
  protected async deliver(): Promise<void> {}
}
