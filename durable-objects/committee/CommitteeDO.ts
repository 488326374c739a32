/** Committee Durable Object (being built). */
import { EventSourcedDO } from '../base/EventSourcedDO.ts';

export class CommitteeDO extends EventSourcedDO {
  protected onLoad(): void {}
  protected async deliver(): Promise<void> {}
}
