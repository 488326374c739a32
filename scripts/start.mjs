// npm start: a local topnet (edge + every Durable Object) on http://127.0.0.1:8787, state under .state/.
import { startNetwork, STATE } from './network.mjs';
import { devAccounts, DEV_ACCOUNT_BALANCE, devnetConfig, tableCount } from '../protocol/network/config.ts';
import { DEV_MNEMONIC } from '../protocol/keys/mnemonic.ts';
import { ethereumAddressOf } from '../protocol/keys/address.ts';
import { formatTop } from '../protocol/amount.ts';
import { toHex } from '../protocol/bytes.ts';

const { mf, url } = await startNetwork();
const config = devnetConfig();

// State under .state/ keeps the genesis it was made with (the beacon's log says which). A devnet
// whose shape has changed since (an upgrade that changed the defaults) would read accounts from the
// wrong tables, so refuse it and say how to start over.
const info = await fetch(`${url}/rpc`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getGeneralInfos', params: [] }),
})
  .then((r) => r.json())
  .then((r) => r.result);
const expected = {
  chainId: config.chainId,
  zones: config.zones,
  tablesPerZone: config.tablesPerZone,
  committees: config.zones * config.committeesPerZone,
  committeeSize: config.committeeSize,
  genesisTime: config.genesisTime,
};
const differs = Object.entries(expected).filter(([k, v]) => info?.[k] !== v);
if (differs.length) {
  console.error(
    `The state in ${STATE} was made for another genesis (${differs
      .map(([k, v]) => `${k} ${info?.[k]}, now ${v}`)
      .join('; ')}).\nRun \`npm run reset\` to wipe it and start a fresh devnet.`,
  );
  await mf.dispose().catch(() => {});
  process.exit(1);
}
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
console.log(
  `\n${
    mf.chain
      ? 'Two workerd processes: the chain objects in one; the edge, hub and explorer index in the other (TOPNET_SPLIT=0: one).\n'
      : ''
  }State persists in .state/ (npm run reset wipes it). Ctrl-C to stop.`,
);

const stop = async () => {
  await mf.dispose().catch(() => {});
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
