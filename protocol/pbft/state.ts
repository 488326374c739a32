/**
 * The replica's whole state as plain data (objects, arrays, numbers, Uint8Array): a Durable Object
 * can persist it with structured clone and hand it back to createReplica to resume exactly where it
 * stopped. Nothing here refers to the crypto capability or to any clock; time is the last tick seen.
 */
import type {
  Checkpoint,
  Commit,
  NewView,
  PrePrepare,
  Prepare,
  PreparedProof,
  SignedMessage,
  ViewChange,
} from './messages.ts';
import type { CommitCertificate } from './certificate.ts';
import { GENESIS_STATE } from './digests.ts';

/** What the replica knows about one sequence number inside its watermarks. */
export interface Slot {
  seq: number;
  /** View of the accepted pre-prepare, -1 when none. At most one pre-prepare is accepted per view. */
  ppView: number;
  prePrepare: SignedMessage<PrePrepare> | null;
  /** View the prepares/commits below were collected in; reset when the replica's view moves on. */
  votesView: number;
  prepares: Record<number, SignedMessage<Prepare>>;
  commits: Record<number, SignedMessage<Commit>>;
  /** Sizes of the two vote sets (any digest), so quorums are only counted once they are possible. */
  prepareCount: number;
  commitCount: number;
  /** Prepared / committed-local in ppView. */
  prepared: boolean;
  committed: boolean;
  /** Highest-view prepared proof: what a view change reports for this seq. */
  proof: PreparedProof | null;
  /** Once committed (in any view) the value and its certificate stay until executed and collected. */
  certificate: CommitCertificate | null;
  committedValue: Uint8Array | null;
  executed: boolean;
}

export interface PendingValue {
  value: Uint8Array;
  digest: Uint8Array;
  /** Logical time the replica first learned of the value. */
  since: number;
  /** View in which this replica (as primary) assigned it a sequence number, -1 when not yet. */
  proposedIn: number;
}

export interface ReplicaState {
  /** Current view, or the view being changed to when `normal` is false. */
  view: number;
  normal: boolean;
  now: number;
  /** Low watermark h: the last stable checkpoint, its state digest and its proof. */
  low: number;
  stableDigest: Uint8Array;
  stableProof: SignedMessage<Checkpoint>[];
  lastExecuted: number;
  stateDigest: Uint8Array;
  /** Logical time lastExecuted last moved (execution or state transfer). */
  executedAt: number;
  /** Next sequence number this replica assigns when it is the primary. */
  nextSeq: number;
  slots: Record<number, Slot>;
  /** Checkpoint messages above h: seq → sender → message. */
  checkpointVotes: Record<number, Record<number, SignedMessage<Checkpoint>>>;
  /** Own state digest at each checkpoint seq above h. */
  ownCheckpoints: Record<number, Uint8Array>;
  /** Valid view changes for views above the installed one: view → sender → message. */
  viewChanges: Record<number, Record<number, SignedMessage<ViewChange>>>;
  /** The new-view message that installed the current view (null in view 0). */
  newView: SignedMessage<NewView> | null;
  /** When the new-view message was last sent to each replica that asked with a stale view change. */
  newViewSentTo: Record<number, number>;
  /** Values handed to this replica and not yet executed, by hex digest, in arrival order. */
  pending: Record<string, PendingValue>;
  /** Verified messages that will be processable later (future view, above the high watermark). */
  deferred: SignedMessage[];
  /** When the view-change timer fires, or null when it is not running. */
  deadline: number | null;
  /** When own checkpoint / view-change messages are next re-sent (lossy links), or null. */
  resendAt: number | null;
  /** Time a quorum of view changes for `view` was seen while changing views. */
  viewChangeQuorumAt: number | null;
  /** Consecutive view changes without executing anything: the timeout doubles with each. */
  viewChangeAttempts: number;
  /** When this replica last asked its peers for executed values (catch-up), or null. */
  fetchedAt: number | null;
  /** Fetches sent so far: each goes to the next f+1 peers in turn. */
  fetchRound: number;
  /** Fetches since the last execution: the interval between fetches doubles with each (up to 2^4). */
  fetchBackoff: number;
  /** When each peer's last fetch was answered (answers are rate-limited per peer). */
  servedAt: Record<number, number>;
}

export function initialState(): ReplicaState {
  return {
    view: 0,
    normal: true,
    now: 0,
    low: 0,
    stableDigest: GENESIS_STATE,
    stableProof: [],
    lastExecuted: 0,
    stateDigest: GENESIS_STATE,
    executedAt: 0,
    nextSeq: 1,
    slots: {},
    checkpointVotes: {},
    ownCheckpoints: {},
    viewChanges: {},
    newView: null,
    newViewSentTo: {},
    pending: {},
    deferred: [],
    deadline: null,
    resendAt: null,
    viewChangeQuorumAt: null,
    viewChangeAttempts: 0,
    fetchedAt: null,
    fetchRound: 0,
    fetchBackoff: 0,
    servedAt: {},
  };
}

export function emptySlot(seq: number): Slot {
  return {
    seq,
    ppView: -1,
    prePrepare: null,
    votesView: -1,
    prepares: {},
    commits: {},
    prepareCount: 0,
    commitCount: 0,
    prepared: false,
    committed: false,
    proof: null,
    certificate: null,
    committedValue: null,
    executed: false,
  };
}
