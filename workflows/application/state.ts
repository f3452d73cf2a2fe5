import type { ApprovalMode, Assessment, RouteLevel } from '../policy';
import type {
  ActionRecord,
  Actor,
  ApplicationStatus,
  ApplicationView,
  ApplicationWorkflowInput,
  CarriedCase,
  DecisionRecord,
  NoticeView,
  ObjectionRequest,
  ObjectionReviewRequest,
  ResubmitRequest,
} from '../types';
import { FINAL_STATUSES, SYSTEM_ACTOR_ID } from '../types';

/**
 * The state of one case, shared by the main sequence, the handlers and the steps. Plain data (no Temporal calls), so
 * the validators that read it are pure functions with their own specs.
 */

/** An approver group within a level: the route's approvers, or one added before / after them (加签). */
export interface Group {
  ids: string[];
  mode: ApprovalMode;
  approvedBy: string[];
}

export interface LevelState {
  def: RouteLevel;
  round: number;
  groups: Group[];
  /** Index of the group whose turn it is. */
  active: number;
}

export interface Deadline {
  remindAt: string | null;
  dueAt: string;
  reminded: boolean;
  handled: boolean;
}

/** Actions that change where the case goes; the main loop applies them one at a time, in order. */
export type FlowAction =
  | { kind: 'decide'; seq: number; decision: DecisionRecord }
  | { kind: 'return'; seq: number; actor: Actor; comment: string; toLevel: number }
  | { kind: 'resubmit'; seq: number; request: ResubmitRequest }
  | { kind: 'withdraw'; seq: number; actor: Actor; comment: string | null }
  | { kind: 'object'; seq: number; request: ObjectionRequest }
  | { kind: 'review'; seq: number; request: ObjectionReviewRequest };

export type LevelOutcome =
  | { kind: 'approved' }
  | { kind: 'rejected'; decision: DecisionRecord }
  | { kind: 'returned'; toLevel: number; actor: Actor; comment: string }
  | { kind: 'withdrawn'; actor: Actor; comment: string | null };

/** How a public notice ended: clear for payment (closed without objection, or objections dismissed), or not. */
export type NoticeOutcome =
  | { kind: 'clear' }
  | { kind: 'upheld'; actor: Actor; comment: string }
  | { kind: 'withdrawn'; actor: Actor; comment: string | null };

export interface CaseState {
  readonly input: ApplicationWorkflowInput;
  /** The state a continued run (change 8) started from; null in a case's first run. */
  readonly carried: CarriedCase | null;
  status: ApplicationStatus;
  current: LevelState | null;
  eligibility: Assessment | null;
  outcomeReason: string | null;
  facts: ApplicationWorkflowInput['facts'];
  category: string;
  requestedAmountFen: number;
  readonly decisions: DecisionRecord[];
  readonly actions: ActionRecord[];
  readonly inbox: FlowAction[];
  readonly rounds: Map<number, number>;
  /** The route level the case is at (index into `input.route`). */
  index: number;
  /** Flow actions accepted so far, and those whose effects (projection, next task) are written. */
  accepted: number;
  /** Flow actions the main loop has taken from the inbox; `settled` catches up once their effects are written. */
  processed: number;
  settled: number;
  lastUrgedAt: number;
  /** Notifications sent in the background and not settled yet (a run continues as new only without any). */
  sending: number;
  /** The receipt notice to the applicant, sent alongside level 1; the outcome notice waits for it. */
  receipt: Promise<void> | null;
  /** The public notice (公示), once opened; `noticeClosing` once it stopped taking objections and withdrawals. */
  notice: NoticeView | null;
  noticeClosing: boolean;
  /** Notifications still in flight; the case completes only once they are settled (sent or given up). */
  readonly background: Array<Promise<void>>;
  /** Change 3 and change 8, asked once each when first needed. */
  nonBlocking: boolean | null;
  mayContinue: boolean | null;
}

/** A new case from the submission, or a continued run from the state its predecessor carried. */
export function newCase(input: ApplicationWorkflowInput): CaseState {
  const carried: CarriedCase | null = input.carried ?? null;
  return {
    input,
    carried,
    status: carried?.status ?? 'submitted',
    current: carried?.at.kind === 'level' ? carried.at.level : null,
    eligibility: carried?.eligibility ?? null,
    outcomeReason: carried?.outcomeReason ?? null,
    facts: carried?.facts ?? input.facts,
    category: carried?.category ?? input.category,
    requestedAmountFen: carried?.requestedAmountFen ?? input.requestedAmountFen,
    decisions: [...(carried?.decisions ?? [])],
    actions: [...(carried?.actions ?? [])],
    inbox: [],
    rounds: new Map<number, number>(carried?.rounds ?? []),
    index: carried?.at.kind === 'level' ? carried.at.index : 0,
    accepted: 0,
    processed: 0,
    settled: 0,
    lastUrgedAt: carried?.lastUrgedAt ?? -Infinity,
    sending: 0,
    receipt: null,
    notice: null,
    noticeClosing: false,
    background: [],
    nonBlocking: null,
    mayContinue: null,
  };
}

export const SYSTEM: Actor = { actorId: SYSTEM_ACTOR_ID, actorName: '系统 system' };

export const isClosed = (c: CaseState): boolean => FINAL_STATUSES.includes(c.status);

export const currentApprovers = (c: CaseState): string[] =>
  c.current ? [...c.current.groups[c.current.active].ids] : [];

/** True while the public notice takes objections and withdrawals. */
export function inNotice(c: CaseState): boolean {
  return c.notice !== null && !c.noticeClosing && (c.status === 'in_notice' || c.status === 'under_review');
}

/** What the status Query and every Update answer: a copy, never the live state. */
export function view(c: CaseState): ApplicationView {
  const notice = c.notice;
  return {
    applicationId: c.input.applicationId,
    status: c.status,
    currentLevel: c.current?.def.level ?? null,
    currentRound: c.current?.round ?? null,
    currentApproverIds: currentApprovers(c),
    eligibility: c.eligibility,
    decisions: [...c.decisions],
    actions: [...c.actions],
    outcomeReason: c.outcomeReason,
    ...(notice ? { notice: { ...notice, objections: notice.objections.map((o) => ({ ...o })) } } : {}),
  };
}

export const now = (): string => new Date().toISOString();

export function msUntil(iso: string | null): number {
  return iso === null ? 0 : Math.max(0, Date.parse(iso) - Date.now());
}
