/** The network config every object and the edge derive from: devnet defaults plus the env's JSON overrides. */
import { devnetConfig, type NetworkConfig } from '../../protocol/network/config.ts';
import type { Env } from '../../schema/env.ts';

let cached: { raw: string | undefined; config: NetworkConfig } | undefined;

export function networkConfig(env: Pick<Env, 'NETWORK_CONFIG'>): NetworkConfig {
  if (!cached || cached.raw !== env.NETWORK_CONFIG)
    cached = {
      raw: env.NETWORK_CONFIG,
      config: devnetConfig(env.NETWORK_CONFIG ? JSON.parse(env.NETWORK_CONFIG) : {}),
    };
  return cached.config;
}

export function beaconName(c: NetworkConfig): string {
  return `${c.name}/beacon`;
}

export function zoneName(c: NetworkConfig, zone: number): string {
  return `${c.name}/zone/${zone}`;
}

export function hubName(c: NetworkConfig): string {
  return `${c.name}/hub`;
}
