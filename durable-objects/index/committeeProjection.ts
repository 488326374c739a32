/**
 * The committee partition of the index: one committee's log folded into PBFT rounds. Each Message
 * event is read generically — view, sequence, phase, sender and digest decoded from the signed
 * message itself — so a round is (view, seq) whatever it certified; Certified events attach the
 * table blocks a round certified (one or several). Rows are keyed by what they say, so folding an
 * event twice changes nothing.
 */
import { fromHex, toHex } from '../../protocol/bytes.ts';
import { decodeSignedMessage } from '../../protocol/pbft/messages.ts';
import type { RoundView } from '../../schema/indexViews.ts';
import { CommitteeEvent } from '../../schema/events.ts';
import type { Projection } from './projection.ts';

const PHASES = ['pre-prepare', 'prepare', 'commit'] as const;
type Phase = (typeof PHASES)[number];

export const committeeProjection: Projection = {
  tables: ['ix_votes', 'ix_round_blocks'],
  ddl: [
    `CREATE TABLE IF NOT EXISTS ix_votes (view INTEGER NOT NULL, seq INTEGER NOT NULL, phase TEXT NOT NULL,
      sender INTEGER NOT NULL, digest TEXT NOT NULL, time INTEGER NOT NULL, PRIMARY KEY (view, seq, phase, sender)) WITHOUT ROWID`,
    `CREATE TABLE IF NOT EXISTS ix_round_blocks (view INTEGER NOT NULL, seq INTEGER NOT NULL, table_index INTEGER NOT NULL,
      height INTEGER NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (view, seq, table_index, height)) WITHOUT ROWID`,
  ],
  digestQueries: [
    'SELECT * FROM ix_votes ORDER BY view, seq, phase, sender',
    'SELECT * FROM ix_round_blocks ORDER BY view, seq, table_index, height',
  ],
  apply(sql, ev) {
    if (ev.type === CommitteeEvent.message) {
      const raw = ev.body.message;
      if (typeof raw !== 'string') return;
      const m = decodeSignedMessage(fromHex(raw, 'message'));
      const b = m.body;
      if (b.type !== 'pre-prepare' && b.type !== 'prepare' && b.type !== 'commit') return;
      sql.exec(
        'INSERT OR REPLACE INTO ix_votes (view, seq, phase, sender, digest, time) VALUES (?, ?, ?, ?, ?, ?)',
        b.view,
        b.seq,
        b.type,
        m.sender,
        '0x' + toHex(b.digest),
        Math.floor(ev.time / 1000),
      );
    } else if (ev.type === CommitteeEvent.certified) {
      // One round may certify one block (table, height) or, batched, several (blocks: [...]).
      const c = ev.body as {
        table?: number;
        height?: number;
        blocks?: { table: number; height: number }[];
        seq: number;
        view: number;
        digest: string;
      };
      const blocks = c.blocks ?? (c.table !== undefined ? [{ table: c.table, height: c.height! }] : []);
      for (const b of blocks)
        sql.exec(
          'INSERT OR REPLACE INTO ix_round_blocks (view, seq, table_index, height, digest) VALUES (?, ?, ?, ?, ?)',
          c.view,
          c.seq,
          b.table,
          b.height,
          c.digest,
        );
    }
  },
};

/** The newest `limit` rounds, newest first, each with its certified blocks and per-phase signers. */
export function recentRounds(sql: SqlStorage, limit: number): RoundView[] {
  const rounds = sql
    .exec<{ view: number; seq: number; time: number }>(
      'SELECT view, seq, min(time) AS time FROM ix_votes GROUP BY view, seq ORDER BY seq DESC, view DESC LIMIT ?',
      limit,
    )
    .toArray();
  return rounds.map((r) => {
    const votes = sql
      .exec<{ phase: Phase; sender: number; digest: string }>(
        'SELECT phase, sender, digest FROM ix_votes WHERE view = ? AND seq = ? ORDER BY sender',
        r.view,
        r.seq,
      )
      .toArray();
    const certified = sql
      .exec<{ table_index: number; height: number }>(
        'SELECT table_index, height FROM ix_round_blocks WHERE view = ? AND seq = ? ORDER BY table_index, height',
        r.view,
        r.seq,
      )
      .toArray();
    const pp = votes.find((v) => v.phase === 'pre-prepare');
    return {
      view: r.view,
      seq: r.seq,
      digest: (pp ?? votes[0])?.digest ?? null,
      certified: certified.map((c) => ({ table: c.table_index, height: c.height })),
      time: r.time,
      phases: PHASES.map((phase) => ({
        phase,
        signers: votes.filter((v) => v.phase === phase).map((v) => v.sender),
      })),
    };
  });
}
