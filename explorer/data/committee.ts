/**
 * One committee's page data: members, leader, current view and sequence (live from the committee
 * object), and its recent PBFT rounds from the index — for each phase, which members signed and
 * which did not.
 */
import { ErrorCode, fail } from '../../protocol/errors.ts';
import { quorumSize } from '../../protocol/pbft/quorum.ts';
import type { Ctx } from '../../workers/edge/methods.ts';
import type { RoundView } from '../../schema/indexViews.ts';
import type { CommitteeSummary } from './home.ts';
import { committeeIndex } from './indexStubs.ts';

const ROUNDS = 12;

export interface RoundRow extends RoundView {
  /** Per phase, the members that did not sign it. */
  missing: { phase: string; members: number[] }[];
}

export interface CommitteeData {
  committee: CommitteeSummary;
  quorum: number;
  rounds: RoundRow[];
}

export function parseCommittee(c: Ctx, zone: string, index: string): { zone: number; index: number } {
  const z = /^\d{1,4}$/.test(zone) ? Number(zone) : -1;
  const g = /^\d{1,4}$/.test(index) ? Number(index) : -1;
  if (z < 0 || z >= c.config.zones) fail(ErrorCode.OUT_OF_RANGE, `no zone "${zone}" in this network`, 'zone');
  if (g < 0 || g >= c.config.committeesPerZone)
    fail(ErrorCode.OUT_OF_RANGE, `no committee "${index}" in zone ${z}`, 'committee');
  return { zone: z, index: g };
}

export async function committeeData(c: Ctx, zone: string, index: string): Promise<CommitteeData> {
  const at = parseCommittee(c, zone, index);
  const name = `${c.config.name}/committee/${at.zone}/${at.index}`;
  const [info, rounds] = await Promise.all([
    c.env.COMMITTEE.getByName(name).info() as Promise<CommitteeSummary>,
    committeeIndex(c, at.zone, at.index).rounds(ROUNDS),
  ]);
  const all = info.members.map((_, i) => i);
  return {
    committee: info,
    quorum: quorumSize(info.members.length),
    rounds: rounds.map((r) => ({
      ...r,
      missing: r.phases.map((p) => {
        // The leader alone sends the pre-prepare, which stands for its prepare too.
        const leader = r.phases.find((x) => x.phase === 'pre-prepare')?.signers ?? [];
        const excused = p.phase === 'pre-prepare' ? all : p.phase === 'prepare' ? leader : [];
        return {
          phase: p.phase,
          members: all.filter((i) => !p.signers.includes(i) && !excused.includes(i)),
        };
      }),
    })),
  };
}
