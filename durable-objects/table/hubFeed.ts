/**
 * The table's live feed to the hub: best-effort, coalesced, one publish in flight. Live updates are
 * a view, not state — a subscriber that misses one reads the same data from the table — so they
 * skip the durable outbox (no outbox rows, deletes or alarms per block); whatever piles up while a
 * publish is in flight goes out together in the next one, oldest dropped past a bound.
 */
import type { HubEvent } from '../../schema/rpc.ts';

const MAX_BUFFERED = 10_000;

export class HubFeed {
  private buffer: HubEvent[] = [];
  private inFlight = false;

  constructor(private readonly publish: (events: HubEvent[]) => Promise<void>) {}

  push(events: readonly HubEvent[]): void {
    if (!events.length) return;
    this.buffer.push(...events);
    if (this.buffer.length > MAX_BUFFERED) this.buffer.splice(0, this.buffer.length - MAX_BUFFERED);
    if (!this.inFlight) void this.flush();
  }

  private async flush(): Promise<void> {
    this.inFlight = true;
    try {
      while (this.buffer.length) {
        const events = this.buffer;
        this.buffer = [];
        try {
          await this.publish(events);
        } catch (e) {
          console.warn(`hub feed: ${events.length} live event(s) not published: ${(e as Error).message}`);
        }
      }
    } finally {
      this.inFlight = false;
    }
  }
}
