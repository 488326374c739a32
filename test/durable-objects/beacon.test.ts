/**
 * The beacon in workerd: genesis written once on first load (the test network's config: 4 tables,
 * 2 committees), the epoch clock, table → committee assignments with member keys, idempotent
 * checkpoints that refuse forks, getGeneralInfos, and a rebuild of checkpoints from the log.
 */
import { env } from 'cloudflare:workers';
import { evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { BeaconDO } from '../../durable-objects/beacon/BeaconDO.ts';
import { clockAt } from '../../durable-objects/beacon/clock.ts';
import { networkConfig } from '../../durable-objects/base/config.ts';
import { toHex, utf8 } from '../../protocol/bytes.ts';
import { sha256 } from '../../protocol/hash.ts';
import { ed25519PublicKey } from '../../protocol/keys/ed25519.ts';
import { DEV_ACCOUNT_BALANCE, DEV_ACCOUNT_COUNT, memberSecret } from '../../protocol/network/config.ts';
import { firstBrokenLink, type EventRecord } from '../../schema/log.ts';
import type { TableHead } from '../../schema/rpc.ts';

const config = networkConfig(env);
type Beacon = DurableObjectStub<BeaconDO>;

function beacon(name: string): Beacon {
  return env.BEACON.getByName(`test/beacon/${name}`);
}

/** The log, read on the instance (the RPC-mapped type of an unknown body is too deep for tsc). */
function logOf(b: Beacon): Promise<EventRecord[]> {
  return runInDurableObject(b, (x: BeaconDO) => x.events(0, 1000));
}

/** Member keys recomputed from the member secrets, not from the function the beacon used. */
function membersOf(zone: number, index: number): string[] {
  return Array.from(
    { length: config.committeeSize },
    (_, i) => '0x' + toHex(ed25519PublicKey(memberSecret(config, zone, index, i))),
  );
}

const hash = (s: string) => '0x' + toHex(sha256(utf8(s)));
const head = (table: number, height: number, tag = ''): TableHead => ({
  table,
  height,
  hash: hash(`${table}/${height}${tag}`),
  time: 1000 + height,
});

describe('beacon', () => {
  it('writes genesis once, on first load, stamped with the genesis time', async () => {
    const b = beacon('genesis');
    const g = await b.genesis();
    expect(g.config).toEqual(config);
    expect(config.tablesPerZone).toBe(4);
    expect(g.committees).toEqual([
      { name: 'devnet/committee/0/0', zone: 0, index: 0, tables: [0, 2], members: membersOf(0, 0) },
      { name: 'devnet/committee/0/1', zone: 0, index: 1, tables: [1, 3], members: membersOf(0, 1) },
    ]);
    const log = await logOf(b);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ seq: 1, type: 'Genesis', time: config.genesisTime * 1000, hash: g.hash });
    expect(log[0]!.body).toEqual({ config: g.config, committees: g.committees });
    expect(firstBrokenLink(log)).toBeNull();

    await evictDurableObject(b);
    expect((await b.genesis()).hash).toBe(g.hash);
    expect(await logOf(b)).toHaveLength(1);
    // The same config gives the same genesis hash in another object.
    expect((await beacon('genesis-twin').genesis()).hash).toBe(g.hash);
  });

  it('tells the time and the epoch', async () => {
    const b = beacon('clock');
    const g = config.genesisTime * 1000;
    const e = config.epochSeconds * 1000;
    expect(await b.clock(g + 3 * e + 1234)).toEqual({
      now: g + 3 * e + 1234,
      epoch: 3,
      epochStart: g + 3 * e,
      epochSeconds: config.epochSeconds,
    });
    expect(await b.clock(g + e - 1)).toMatchObject({ epoch: 0, epochStart: g });
    expect(await b.clock(g + e)).toMatchObject({ epoch: 1, epochStart: g + e });
    expect(await b.clock(g - 5000)).toMatchObject({ epoch: 0, epochStart: g });
    const before = Date.now();
    const now = await b.clock();
    expect(now.now).toBeGreaterThanOrEqual(before);
    expect(now).toEqual(clockAt(config, now.now));
    await expect(runInDurableObject(b, (x: BeaconDO) => x.clock(-1))).rejects.toThrow(
      /nowMs: expected Unix milliseconds/,
    );
  });

  it('assigns every table to its genesis committee, with the members’ keys', async () => {
    const a = await beacon('assign').assignments();
    expect(a).toEqual([
      { table: 0, committee: 'devnet/committee/0/0', members: membersOf(0, 0) },
      { table: 1, committee: 'devnet/committee/0/1', members: membersOf(0, 1) },
      { table: 2, committee: 'devnet/committee/0/0', members: membersOf(0, 0) },
      { table: 3, committee: 'devnet/committee/0/1', members: membersOf(0, 1) },
    ]);
    expect(new Set(a.flatMap((x) => x.members)).size).toBe(2 * config.committeeSize);
  });

  it('checkpoints heads that move forward, once, and refuses a fork', async () => {
    const b = beacon('checkpoint');
    expect(await b.checkpoint([head(0, 3), head(1, 1)])).toEqual({ advanced: 2, seq: 2 });
    expect(await b.checkpoint([head(0, 3), head(1, 1)])).toEqual({ advanced: 0, seq: null });
    expect(await b.checkpoint([head(0, 2)])).toEqual({ advanced: 0, seq: null });
    expect(await b.checkpoint([head(0, 3), head(1, 2), head(1, 4), head(2, 1)])).toEqual({
      advanced: 2,
      seq: 3,
    });
    const log = await logOf(b);
    expect(log.map((e) => e.type)).toEqual(['Genesis', 'Checkpoint', 'Checkpoint']);
    expect(log[2]!.body).toEqual({ heads: [head(1, 4), head(2, 1)] });
    expect(await b.checkpoints()).toEqual([head(0, 3), head(1, 4), head(2, 1)]);

    // Same height, another hash: a fork. Nothing of the call is kept, not even its good heads.
    await expect(
      runInDurableObject(b, (x: BeaconDO) => x.checkpoint([head(3, 1), head(0, 3, 'fork')])),
    ).rejects.toThrow(/heads: table 0 at height 3 is 0x[0-9a-f]{64}, not 0x/);
    expect(await b.checkpoints()).toEqual([head(0, 3), head(1, 4), head(2, 1)]);
    expect(await b.head()).toMatchObject({ seq: 3 });

    // Upper-case hex is the same hash.
    const upper = { ...head(0, 3), hash: head(0, 3).hash.toUpperCase().replace('0X', '0x') };
    expect(await b.checkpoint([upper])).toEqual({ advanced: 0, seq: null });
    expect(await b.verifyLog()).toEqual({ ok: true, seq: 3 });
  });

  it('rejects malformed heads', async () => {
    const b = beacon('malformed');
    const cases: [unknown, RegExp][] = [
      ['nope', /heads: expected an array/],
      [[{ ...head(0, 1), table: 4 }], /heads\[0\]\.table: table 4 is not in this network/],
      [[{ ...head(0, 1), height: -1 }], /heads\[0\]\.height: expected a non-negative integer/],
      [[{ ...head(0, 1), hash: '0x1234' }], /heads\[0\]\.hash: expected 32 bytes/],
      [[{ ...head(0, 1), hash: 'ab'.repeat(32) }], /heads\[0\]\.hash: expected a 0x-hex block hash/],
      [[{ ...head(0, 1), time: 'soon' }], /heads\[0\]\.time/],
    ];
    for (const [bad, message] of cases)
      await expect(runInDurableObject(b, (x: BeaconDO) => x.checkpoint(bad as TableHead[]))).rejects.toThrow(
        message,
      );
    expect(await b.head()).toMatchObject({ seq: 1 });
  });

  it('answers getGeneralInfos', async () => {
    const b = beacon('infos');
    const g = await b.genesis();
    const before = clockAt(config, Date.now()).epoch;
    const infos = await b.generalInfos();
    expect(infos).toEqual({
      name: 'devnet',
      chainId: config.chainId,
      genesisHash: g.hash,
      genesisTime: config.genesisTime,
      zones: 1,
      tablesPerZone: 4,
      tables: 4,
      committees: 2,
      committeeSize: config.committeeSize,
      blockIntervalMs: config.blockIntervalMs,
      epoch: infos.epoch,
      epochSeconds: config.epochSeconds,
      totalSupply: config.prefunded.reduce((n, p) => n + BigInt(p.balance), 0n).toString(),
    });
    expect(infos.epoch).toBeGreaterThanOrEqual(before);
    // The ten dev accounts are in it, and the sum is exact past 2^53.
    expect(BigInt(infos.totalSupply)).toBeGreaterThan(BigInt(DEV_ACCOUNT_COUNT) * DEV_ACCOUNT_BALANCE);
    expect(BigInt(infos.totalSupply)).toBeGreaterThan(2n ** 53n);
    expect(infos.totalSupply).toMatch(/^[1-9][0-9]*$/);
  });

  it('rebuilds its checkpoints from the log', async () => {
    const b = beacon('rebuild');
    await b.checkpoint([head(0, 1), head(1, 1)]);
    await b.checkpoint([head(0, 5), head(3, 2)]);
    await b.checkpoint([head(1, 9)]);
    const before = await b.checkpoints();
    const r = await b.rebuildReadModels();
    expect(r).toMatchObject({ equal: true, events: 4 });
    expect(await b.checkpoints()).toEqual(before);
    expect(before).toEqual([head(0, 5), head(1, 9), head(3, 2)]);
  });
});
