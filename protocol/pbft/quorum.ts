/**
 * Committee arithmetic: how many faults n replicas tolerate, how large a quorum is and who leads a
 * view. The quorum is ceil((n + f + 1) / 2), which equals 2f + 1 when n = 3f + 1 and stays safe for
 * any other n: two quorums always share at least f + 1 replicas, so at least one honest one.
 */

/** Byzantine replicas tolerated by n replicas. */
export function faultsTolerated(n: number): number {
  return Math.floor((n - 1) / 3);
}

/** Replicas that must agree for a certificate (prepared, committed, checkpoint, new view). */
export function quorumSize(n: number): number {
  return Math.ceil((n + faultsTolerated(n) + 1) / 2);
}

/** The primary of view v. */
export function primaryOf(view: number, n: number): number {
  return view % n;
}
