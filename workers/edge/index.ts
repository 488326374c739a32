/** The Worker entry: the network edge (JSON-RPC, REST, WebSocket, explorer) and the Durable Object classes. */
import { Hono } from 'hono';
import type { Env } from '../../schema/env.ts';

export { TableDO } from '../../durable-objects/table/TableDO.ts';
export { CommitteeDO } from '../../durable-objects/committee/CommitteeDO.ts';
export { ZoneDO } from '../../durable-objects/zone/ZoneDO.ts';
export { BeaconDO } from '../../durable-objects/beacon/BeaconDO.ts';
export { HubDO } from '../../durable-objects/hub/HubDO.ts';

const app = new Hono<{ Bindings: Env }>();
app.get('/', (c) => c.text('topnet'));

export default app;
