// npm start: a local topnet (edge + every Durable Object) on http://127.0.0.1:8787, state under .state/.
import { startNetwork } from './network.mjs';
import { devAccounts, DEV_ACCOUNT_BALANCE, devnetConfig, tableCount } from '../protocol/network/config.ts';
import { DEV_MNEMONIC } from '../protocol/keys/mnemonic.ts';
import { ethereumAddressOf } from '../protocol/keys/address.ts';
import { formatTop } from '../protocol/amount.ts';
import { toHex } from '../protocol/bytes.ts';

const { mf, url } = await startNetwork();
const config = devnetConfig();
console.log(`
topnet ${config.name} — chain id ${config.chainId}, ${tableCount(config)} tables, ${config.committeesPerZone * config.zones} committees of ${config.committeeSize}

  JSON-RPC   POST ${url}/rpc
  REST       ${url}/api/v1/tables
  WebSocket  ${url.replace('http', 'ws')}/ws
  Explorer   ${url}/

Dev accounts (secp256k1 T8, same keys as Anvil/Hardhat), ${formatTop(DEV_ACCOUNT_BALANCE)} TOP each
Mnemonic: ${DEV_MNEMONIC}
`);
devAccounts().forEach((s, i) => {
  console.log(`(${i}) ${s.address}  ${ethereumAddressOf(s.address)}`);
  console.log(`    private key 0x${toHex(s.secretKey)}`);
});
console.log(`\nState persists in .state/ (npm run reset wipes it). Ctrl-C to stop.`);

const stop = async () => {
  await mf.dispose().catch(() => {});
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
