/**
 * The committee Durable Object: one PBFT committee. Its members are replicas of protocol/'s PBFT
 * machine whose keys derive from the network seed; they run inside this object and exchange
 * messages over an in-process network, so a round costs no network hops. Every message is signed
 * by its sender and verified before a replica acts on it (natively, once per message however many
 * replicas receive it; a signature made here is recorded as verified when it is made), and logged
 * as an event; a round ends with a commit certificate (2f+1 signatures and a signer bitmap) over
 * the hashes of the table blocks it certifies — the next block of every table that asked since
 * the last round (protocol/lattice/blockCertificate.ts). Replica states are snapshotted with each round.
 * Members change with the epoch (membership.ts): a request names its epoch, the object switches to
 * that epoch's elected members (fresh replicas) and never back, and tallies each epoch's workload.
 */
import { EventSourcedDO } from '../base/EventSourcedDO.ts';
import { networkConfig } from '../base/config.ts';
import { fromTaggedJson, toTaggedJson } from '../base/taggedJson.ts';
import { fromHex, toHex, bytesEqual, utf8 } from '../../protocol/bytes.ts';
import { createReplica, type Replica } from '../../protocol/pbft/replica.ts';
import type { Committed, Output } from '../../protocol/pbft/context.ts';
import type { ReplicaState } from '../../protocol/pbft/state.ts';
import { encodeSignedMessage, type SignedMessage } from '../../protocol/pbft/messages.ts';
import { encodeBlockCertificate, roundValue } from '../../protocol/lattice/blockCertificate.ts';
import { valueDigest } from '../../protocol/pbft/digests.ts';
import { primaryOf } from '../../protocol/pbft/quorum.ts';
import { nativeSigner, nativeVerify } from '../base/nativeEd25519.ts';
import { blockHash, decodeHeader } from '../../protocol/lattice/tableBlock.ts';
import type { NetworkConfig } from '../../protocol/network/config.ts';
import type { CertifyRequest, CertifyResult } from '../../schema/rpc.ts';
import type { WorkloadReport } from '../../schema/dpos.ts';
import {
  CommitteeEvent,
  type CommitteeMessageBody,
  type CommitteeProposedBody,
} from '../../schema/events.ts';
import { epochMembership, genesisMembership, tallyBlock, type Membership } from './membership.ts';

interface Wire {
  from: number;
  to: number | 'all';
  message: SignedMessage;
}

export class CommitteeDO extends EventSourcedDO {
  private config!: NetworkConfig;
  private zone = 0;
  private index = 0;
  private keys: Uint8Array[] = [];
  private replicas: Replica[] = [];
  /** Signing hashes whose signature was verified (by WebCrypto) for a given signer. */
  private verified = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private membership!: Membership;
  /** Certify requests waiting for the next round, and whether that round is scheduled. */
  private waiting: { req: CertifyRequest; resolve: (r: CertifyResult | Error) => void }[] = [];
  private roundDue = false;

  protected onLoad(): void {
    this.config = networkConfig(this.env);
    const m = /\/committee\/(\d+)\/(\d+)$/.exec(this.ctx.id.name ?? '');
    if (!m)
      throw new Error(
        `committee object needs a name like <net>/committee/<zone>/<g>, got "${this.ctx.id.name}"`,
      );
    this.zone = Number(m[1]);
    this.index = Number(m[2]);
    const epoch = Number(this.metaGet('epoch') ?? 0);
    // A later epoch's members come from the beacon: loaded (with the snapshot) by the next round.
    this.setMembers(genesisMembership(this.config, this.zone, this.index), epoch === 0);
    if (epoch !== 0) this.membership = { ...this.membership, epoch: -1 };
  }

  /** Replicas for `m`'s members, from the stored snapshot when it is theirs, else fresh. */
  private setMembers(m: Membership, restore: boolean): void {
    this.membership = m;
    this.keys = m.keys;
    const snapshot = restore ? this.metaGet('replicas') : undefined;
    const states = snapshot ? fromTaggedJson<ReplicaState[]>(snapshot) : [];
    // One verification per message, whichever replicas receive it: they share this process.
    const verifyOnce = (key: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean => {
      const id = verifiedKey(key, msg, sig);
      if (this.verified.has(id)) return true;
      const ok = nativeVerify(key, msg, sig);
      if (ok) this.verified.add(id);
      return ok;
    };
    this.replicas = this.keys.map((publicKey, i) => {
      const signWith = nativeSigner(m.secrets[i]!);
      // A signature this object has just made with the member's own key is valid by construction
      // (Ed25519 signing is deterministic), so it goes straight into the verified set and the other
      // replicas' checks of it cost a lookup. The key pair is proven to match once, here; messages
      // from anywhere else are still verified in full.
      const probe = utf8(`topnet/committee-key-check/${i}`);
      if (!nativeVerify(publicKey, probe, signWith(probe)))
        throw new Error(
          `committee ${this.zone}/${this.index}: member ${i}'s secret does not match its public key`,
        );
      const sign = (msg: Uint8Array): Uint8Array => {
        const sig = signWith(msg);
        this.verified.add(verifiedKey(publicKey, msg, sig));
        return sig;
      };
      return createReplica(
        {
          id: i,
          publicKeys: this.keys,
          crypto: { sign, verify: verifyOnce },
          // Small windows keep the per-round snapshot small: rounds here are strictly sequential.
          checkpointInterval: 4,
          watermarkWindow: 16,
          viewChangeTimeout: 1_000_000,
        },
        states[i],
      );
    });
  }

  /**
   * Certifies one table block header. Requests that arrive while a round is due or running wait
   * for the next round, which certifies all of them at once (one block per table): under load a
   * round costs a committee, not a table.
   */
  async certify(req: CertifyRequest): Promise<CertifyResult> {
    // The round settles the inner promise with a result or an error value; throwing here, in the
    // method itself, is what makes the error the RPC's answer rather than an unhandled rejection.
    const r = await new Promise<CertifyResult | Error>((resolve) => {
      this.waiting.push({ req, resolve });
      if (!this.roundDue) {
        this.roundDue = true;
        // A macrotask, not a microtask: certify calls already queued get in before the round starts.
        setTimeout(() => void this.certifyQueue(() => this.runRound()), 0);
      }
    });
    if (r instanceof Error) throw r;
    return r;
  }

  private certifyQueue<T>(f: () => Promise<T>): Promise<T> {
    const run = this.queue.then(f);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Moves to `epoch`'s members (never back: a table still on an older epoch must refresh). */
  private async enterEpoch(epoch: number): Promise<void> {
    const stored = Number(this.metaGet('epoch') ?? 0);
    if (epoch < stored)
      throw new Error(`stale epoch ${epoch}: committee ${this.zone}/${this.index} is in epoch ${stored}`);
    if (epoch === this.membership.epoch) return;
    const m = await epochMembership(this.env, this.config, epoch, this.zone, this.index);
    if (Number(this.metaGet('epoch') ?? 0) > epoch) throw new Error(`stale epoch ${epoch}`);
    const same = epoch === stored;
    this.setMembers(m, same);
    if (!same)
      this.atomically(() => {
        this.metaSet('epoch', String(epoch));
        this.metaSet('replicas', toTaggedJson([]));
      });
  }

  /**
   * One round for everything waiting: the committee moves to the newest epoch any request names
   * (requests of an older epoch are then stale and fail), and certifies the rest together.
   */
  private async runRound(): Promise<void> {
    const batch = this.waiting.splice(0);
    this.roundDue = false;
    if (!batch.length) return;
    const epoch = Math.max(...batch.map((w) => w.req.epoch ?? 0));
    // Until the epoch is entered every request is still owed an answer; after, only the current ones.
    let owed = batch;
    try {
      await this.enterEpoch(epoch);
      owed = batch.filter((w) => (w.req.epoch ?? 0) === epoch);
      for (const w of batch)
        if ((w.req.epoch ?? 0) !== epoch)
          w.resolve(
            new Error(
              `stale epoch ${w.req.epoch ?? 0}: committee ${this.zone}/${this.index} is in epoch ${epoch}`,
            ),
          );
      const results = this.certifyRound(owed.map((w) => w.req));
      owed.forEach((w, i) => w.resolve(results[i]!));
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      for (const w of owed) w.resolve(error);
    }
  }

  /**
   * One PBFT round over the next block of every table in `reqs` (already certified ones are
   * answered from the store). Returns, per request, its certificate or the error that refused it.
   */
  private certifyRound(reqs: CertifyRequest[]): (CertifyResult | Error)[] {
    const out: (CertifyResult | Error)[] = new Array(reqs.length);
    const fresh = new Map<string, { req: CertifyRequest; hash: Uint8Array; at: number[] }>();
    reqs.forEach((req, i) => {
      try {
        if (!this.membership.tables.includes(req.table))
          throw new Error(
            `committee ${this.zone}/${this.index} does not own table ${req.table} in epoch ${this.membership.epoch}`,
          );
        const header = decodeHeader(fromHex(req.header, 'header'));
        if (header.table !== req.table || Number(header.height) !== req.height)
          throw new Error('header does not match table/height');
        const done = this.certificateRow(req.table, req.height);
        if (done) {
          if (done.header !== req.header)
            throw new Error(
              `table ${req.table} height ${req.height} is already certified with another header`,
            );
          out[i] = {
            certificate: done.certificate,
            committee: this.name(),
            view: done.view,
            seq: done.seq,
            epoch: this.certEpoch(req.table, req.height),
          };
          return;
        }
        const key = `${req.table}:${req.height}`;
        const same = fresh.get(key);
        if (same && same.req.header !== req.header)
          throw new Error(
            `table ${req.table} height ${req.height} was proposed twice with different headers`,
          );
        if (same) same.at.push(i);
        else fresh.set(key, { req, hash: blockHash(header), at: [i] });
      } catch (e) {
        out[i] = e as Error;
      }
    });
    if (!fresh.size) return out;
    // Table order makes the round's value a function of its blocks, whatever order requests came in.
    const blocks = [...fresh.values()].sort((a, b) => a.req.table - b.req.table);
    const hashes = blocks.map((b) => b.hash);
    const value = roundValue(hashes);
    const digest = valueDigest(value);
    const wire: Wire[] = [];
    const primary = this.replicas[primaryOf(this.replicas[0]!.state.view, this.keys.length)]!;
    let committed: Committed | undefined;
    const collect = (from: number, o: Output): void => {
      for (const s of o.send) wire.push({ from, to: s.to, message: s.message });
      for (const c of o.committed) if (bytesEqual(c.digest, digest)) committed ??= c;
    };
    collect(primary.id, primary.step({ kind: 'propose', value }));
    const log: Wire[] = [];
    while (wire.length) {
      const wave = wire.splice(0);
      for (const w of wave) {
        log.push(w);
        for (const r of this.replicas) {
          if (r.id === w.from || (w.to !== 'all' && w.to !== r.id)) continue;
          collect(r.id, r.step({ kind: 'receive', message: w.message }));
        }
      }
    }
    if (!committed) throw new Error(`round for ${blocks.length} block(s) did not commit`);
    const c = committed;
    const epoch = this.membership.epoch;
    const certificate = '0x' + toHex(encodeBlockCertificate({ round: c.certificate, blocks: hashes }));
    this.atomically(() => {
      for (const b of blocks) {
        const proposed: CommitteeProposedBody = {
          table: b.req.table,
          height: b.req.height,
          header: b.req.header,
        };
        this.append(CommitteeEvent.proposed, proposed);
      }
      for (const w of log) {
        const message: CommitteeMessageBody = {
          from: w.from,
          to: w.to,
          kind: w.message.body.type,
          view: 'view' in w.message.body ? w.message.body.view : null,
          seq: 'seq' in w.message.body ? w.message.body.seq : null,
          message: '0x' + toHex(encodeSignedMessage(w.message)),
        };
        this.append(CommitteeEvent.message, message);
      }
      // Elected members' workload (genesis members are no nodes and earn nothing): a member signed
      // the round's blocks if it sent its signed commit in this round.
      const committers = new Set(log.filter((w) => w.message.body.type === 'commit').map((w) => w.from));
      const wk = `workload/${epoch}`;
      const prev = this.membership.nodes ? this.metaGet(wk) : undefined;
      let tally: WorkloadReport | null = prev ? (JSON.parse(prev) as WorkloadReport) : null;
      for (const b of blocks) {
        const ev = this.append(CommitteeEvent.certified, {
          table: b.req.table,
          height: b.req.height,
          seq: c.seq,
          view: c.view,
          digest: '0x' + toHex(digest),
          certificate,
          epoch,
        });
        if (this.membership.nodes) tally = tallyBlock(tally, this.membership, b.req.table, committers);
        this.sql.exec(
          'INSERT INTO certs (table_index, height, header, certificate, seq, view, event_seq) VALUES (?, ?, ?, ?, ?, ?, ?)',
          b.req.table,
          b.req.height,
          b.req.header,
          certificate,
          c.seq,
          c.view,
          ev.seq,
        );
      }
      if (tally) this.metaSet(wk, JSON.stringify(tally));
      this.metaSet('replicas', toTaggedJson(this.replicas.map((r) => r.state)));
    });
    if (this.verified.size > 50_000) this.verified.clear();
    const result = { certificate, committee: this.name(), view: c.view, seq: c.seq, epoch };
    for (const b of blocks) for (const i of b.at) out[i] = result;
    return out;
  }

  private certificateRow(
    table: number,
    height: number,
  ): { header: string; certificate: string; seq: number; view: number } | undefined {
    return this.sql
      .exec<{ header: string; certificate: string; seq: number; view: number }>(
        'SELECT header, certificate, seq, view FROM certs WHERE table_index = ? AND height = ?',
        table,
        height,
      )
      .toArray()[0];
  }

  /** The epoch whose members certified a stored block (from its Certified event). */
  private certEpoch(table: number, height: number): number {
    const r = this.sql
      .exec<{ body: string }>(
        'SELECT e.body FROM certs c JOIN events e ON e.seq = c.event_seq WHERE c.table_index = ? AND c.height = ?',
        table,
        height,
      )
      .toArray()[0];
    return r ? ((JSON.parse(r.body) as { epoch?: number }).epoch ?? 0) : 0;
  }

  /** What this committee certified in `epoch`: blocks per member (expected, signed) and per table. */
  async workload(epoch: number): Promise<WorkloadReport> {
    const raw = this.metaGet(`workload/${epoch}`);
    return raw ? (JSON.parse(raw) as WorkloadReport) : { epoch, members: [], tables: [] };
  }

  private name(): string {
    return `${this.config.name}/committee/${this.zone}/${this.index}`;
  }

  protected async deliverEffect(): Promise<void> {}

  // ---- reads ----

  async info(): Promise<{
    name: string;
    zone: number;
    index: number;
    members: string[];
    tables: number[];
    epoch: number;
    nodes: string[] | null;
    view: number;
    primary: number;
    lastSeq: number;
  }> {
    // After a restart in a later epoch, its members load from the beacon first.
    if (this.membership.epoch < 0)
      await this.certifyQueue(() => this.enterEpoch(Number(this.metaGet('epoch') ?? 0)));
    const st = this.replicas[0]!.state;
    return {
      name: this.name(),
      zone: this.zone,
      index: this.index,
      members: this.keys.map((k) => '0x' + toHex(k)),
      tables: this.membership.tables,
      epoch: this.membership.epoch,
      nodes: this.membership.nodes,
      view: st.view,
      primary: primaryOf(st.view, this.keys.length),
      lastSeq: this.sql.exec<{ s: number | null }>('SELECT max(seq) AS s FROM certs').one().s ?? 0,
    };
  }

  async certificateOf(
    table: number,
    height: number,
  ): Promise<{ header: string; certificate: string; seq: number; view: number } | null> {
    return this.certificateRow(table, height) ?? null;
  }
}

function verifiedKey(key: Uint8Array, msg: Uint8Array, sig: Uint8Array): string {
  return toHex(key) + toHex(msg) + toHex(sig);
}
