import type { ApprovalMode, Assessment, PinnedStandard, ProgramFacts, RouteLevel, SlaDuration } from './policy';

/** Plain, serialisable workflow contracts (ISO date strings, integer fen). No personal data travels here. */

export type ApplicationStatus =
  | 'submitted'
  | 'refused'
  | 'pending_approval'
  | 'returned'
  /** 公示: approved and funded, in the public-notice window; payment waits for it to close without objection. */
  | 'in_notice'
  /** An objection was lodged during the notice; the reviewers uphold (case rejected) or dismiss it (payment). */
  | 'under_review'
  | 'rejected'
  | 'withdrawn'
  | 'budget_exhausted'
  | 'approved';

/** Every ApplicationStatus, in the order of the union (API enums, audit filters). */
export const APPLICATION_STATUSES = [
  'submitted',
  'refused',
  'pending_approval',
  'returned',
  'in_notice',
  'under_review',
  'rejected',
  'withdrawn',
  'budget_exhausted',
  'approved',
] as const satisfies readonly ApplicationStatus[];

/** Compile-time check that APPLICATION_STATUSES lists every member of the union (never when it does). */
type MissingApplicationStatus = Exclude<ApplicationStatus, (typeof APPLICATION_STATUSES)[number]>;
const everyApplicationStatusListed: [MissingApplicationStatus] extends [never] ? true : never = true;
void everyApplicationStatusListed;

export const FINAL_STATUSES: readonly ApplicationStatus[] = [
  'refused',
  'rejected',
  'withdrawn',
  'budget_exhausted',
  'approved',
];

/** The user id decisions taken by the engine itself (deadline auto-approve / auto-reject) are recorded under. */
export const SYSTEM_ACTOR_ID = '00000000-0000-4000-8000-000000000000';

export interface ApplicationWorkflowInput {
  applicationId: string;
  programCode: string;
  applicantUserId: string;
  orgUnitId: string;
  /** One of the program's categories (hardship aid: living / medical / education). */
  category: string;
  requestedAmountFen: number;
  /** The program's facts in fen, with `submittedOn` and the registry facts (`verified`) the system looked up. */
  facts: ProgramFacts;
  /** The standard row in force at submission, pinned for the life of the case. */
  standard: PinnedStandard;
  route: RouteLevel[];
  budgetYear: number;
  submittedAt: string;
  /**
   * 公示: after final approval and the budget reservation, the case is listed publicly for `window` (working days
   * on the business calendar) before payment; objections go to `reviewerIds` (the city-level approvers resolved at
   * submission). Absent or null: no notice (cases submitted before the change, programs without one).
   */
  notice?: NoticeConfig | null;
  /**
   * The eligibility the API assessed at submission (the same pure rules, the same facts and pinned standard), so the
   * case is assessed once; the workflow records it. Absent on cases started before it was passed: the workflow
   * assesses them itself. Auditors' re-derivation still recomputes it from the facts and the standard.
   */
  assessment?: Assessment | null;
  /**
   * Set only by the workflow itself when a long-lived case continues as a new run (continue-as-new) while it waits:
   * the state the new run starts from instead of the submission. Absent on every case an API starts.
   */
  carried?: CarriedCase | null;
}

/**
 * What a run hands to the next when its history grows long (many returns and resubmissions, comments, urges): the
 * whole state of the case, so the Query, the validators and the trail go on as if nothing happened.
 */
export interface CarriedCase {
  /** The run this state starts: 2 for the first continuation. */
  run: number;
  at: CarriedPosition;
  status: ApplicationStatus;
  eligibility: Assessment | null;
  outcomeReason: string | null;
  facts: ProgramFacts;
  category: string;
  requestedAmountFen: number;
  decisions: DecisionRecord[];
  actions: ActionRecord[];
  /** Rounds per level so far, as [level, round] pairs. */
  rounds: Array<[number, number]>;
  /** Epoch ms of the last urge, or null when never urged. */
  lastUrgedAt: number | null;
}

/** Where the case was waiting: on the applicant after a return, or at an open level of the route. */
export type CarriedPosition =
  { kind: 'applicant' } | { kind: 'level'; index: number; level: CarriedLevel; deadline: CarriedDeadline | null };

export interface CarriedLevel {
  def: RouteLevel;
  round: number;
  groups: Array<{ ids: string[]; mode: ApprovalMode; approvedBy: string[] }>;
  active: number;
}

export interface CarriedDeadline {
  remindAt: string | null;
  dueAt: string;
  reminded: boolean;
  handled: boolean;
}

export interface NoticeConfig {
  window: SlaDuration;
  reviewerIds: string[];
}

/** 异议: any authenticated user other than the applicant, once per case. */
export interface ObjectionRequest extends Actor {
  reason: string;
}

export type ObjectionOutcome = 'uphold' | 'dismiss';

/** The review of the open objections: upheld rejects the case and releases its money; dismissed lets it be paid. */
export interface ObjectionReviewRequest extends Actor {
  outcome: ObjectionOutcome;
  comment: string;
  /** Set by the API for administrators, who may review any case's objections besides its named reviewers. */
  administrator?: boolean;
}

export interface ObjectionRecord {
  objectionId: string;
  objectorId: string;
  lodgedAt: string;
  status: 'open' | 'upheld' | 'dismissed';
}

/** The notice as the workflow sees it (no personal data: the objector's id, not the reason). */
export interface NoticeView {
  openedAt: string;
  closesAt: string;
  objections: ObjectionRecord[];
  /** Set when `closesAt` was computed on a provisional business calendar: the years without an official schedule. */
  provisionalCalendarYears?: number[];
}

export type DecisionVerb = 'approve' | 'reject';

export interface DecisionRequest {
  actorId: string;
  actorName: string;
  decision: DecisionVerb;
  comment?: string;
  /** The level the actor believes they decide; a stale level gets LEVEL_ALREADY_DECIDED. */
  level?: number;
}

export interface DecisionRecord {
  level: number;
  /** 1 the first time a level is decided; +1 each time a return or resubmission brings the case back to it. */
  round?: number;
  levelName: string;
  orgUnitId: string;
  actorId: string;
  actorName: string;
  decision: DecisionVerb;
  comment: string | null;
  decidedAt: string;
}

export interface ApplicationView {
  applicationId: string;
  status: ApplicationStatus;
  currentLevel: number | null;
  currentApproverIds: string[];
  eligibility: Assessment | null;
  decisions: DecisionRecord[];
  outcomeReason: string | null;
  /** Round of the current level (1 unless a return brought the case back to it). */
  currentRound?: number | null;
  actions?: ActionRecord[];
  /** Set once the case entered its public notice (公示). */
  notice?: NoticeView | null;
}

export interface ApplicationOutcome {
  status: ApplicationStatus;
  grantedAmountFen: number;
  reason: string | null;
}

/**
 * What a notification is about. Applicant: received, returned, withdrawn and the outcomes. Approvers: task_assigned
 * (also after a transfer, delegation or escalation), urged (催办), deadline_reminder, copied (抄送, read access).
 */
export type NotificationEvent =
  | 'received'
  | 'task_assigned'
  | 'urged'
  | 'deadline_reminder'
  | 'copied'
  | 'returned'
  | 'withdrawn'
  | 'refused'
  | 'rejected'
  | 'approved'
  | 'budget_exhausted'
  /** To the objection reviewers: an objection was lodged during the public notice. */
  | 'objection_lodged';

/** The verbs besides approve / reject. Each is a Temporal Update with a validator, recorded with actor and time. */
export type ActionVerb =
  | 'return'
  | 'resubmit'
  | 'withdraw'
  | 'transfer'
  | 'add_approver'
  | 'copy'
  | 'urge'
  | 'comment'
  | 'attach'
  | 'reminder'
  | 'escalate'
  | 'auto_approve'
  | 'auto_reject'
  | 'delegate'
  /** A deadline or notice window computed on a provisional business calendar (a year with no official schedule). */
  | 'calendar';

export interface Actor {
  actorId: string;
  actorName: string;
}

/** Return to the applicant (`toLevel` absent or 0) or to an earlier level, which then decides again. */
export interface ReturnRequest extends Actor {
  comment: string;
  toLevel?: number;
}

export interface ResubmitRequest extends Actor {
  comment?: string;
  facts: ProgramFacts;
  category: string;
  requestedAmountFen: number;
}

export interface WithdrawRequest extends Actor {
  comment?: string;
}

export interface TransferRequest extends Actor {
  toUserId: string;
  toUserName: string;
  comment?: string;
}

export interface AddApproverRequest extends Actor {
  userId: string;
  userName: string;
  position: 'before' | 'after';
  comment?: string;
}

export interface CopyRequest extends Actor {
  userIds: string[];
  comment?: string;
}

export interface UrgeRequest extends Actor {
  comment?: string;
}

export interface CommentRequest extends Actor {
  comment: string;
}

/** 附件: a reference to a file stored outside workflow history (the bytes never travel here). */
export interface AttachRequest extends Actor {
  attachmentId: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  /** Hex SHA-256 of the stored bytes. */
  sha256: string;
  comment?: string;
}

/** One recorded action (besides decisions) in the case's trail. */
export interface ActionRecord {
  verb: ActionVerb;
  actorId: string;
  actorName: string;
  level: number | null;
  round: number | null;
  comment: string | null;
  details: Record<string, unknown>;
  occurredAt: string;
}
