// npm run reset: wipes the local network's state (every Durable Object's SQLite) under .state/.
import { rmSync } from 'node:fs';
import { STATE } from './network.mjs';

rmSync(STATE, { recursive: true, force: true });
console.log(`removed ${STATE}`);
