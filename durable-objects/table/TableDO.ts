/** Table Durable Object (being built). */
import { EventSourcedDO } from '../base/EventSourcedDO.ts';

export class TableDO extends EventSourcedDO {
  protected onLoad(): void {}
  protected async deliver(): Promise<void> {}
  async ping(): Promise<string> {
    return this.atomically(() => this.append('Ping', { at: 1 }, 1).hash);
  }
}
