import type { Assessment, LevelSla, ProgramFacts, SlaDuration } from '../policy';
import type { ActionRecord, ApplicationStatus, DecisionRecord, NotificationEvent, ObjectionOutcome } from '../types';

/**
 * The application workflow's contract: the activities it calls (libs/activities implements them), its messages
 * (workflows/messages.ts: the Updates and the Query the client calls by definition) and the codes it refuses an
 * Update with (refusals.ts, tied to the API's error table by apps/api/src/common/error-status.spec.ts). The
 * workflow owns these types; nothing here imports from libs/.
 */
export { ACTION_UPDATES, decideUpdate, statusQuery } from '../messages';
export type { ActionRequest, ActionUpdateName } from '../messages';
export { DecisionRefusal } from './refusals';
export type { DecisionRefusalCode } from './refusals';

export type PaymentOutcome = 'paid' | 'already-paid' | 'payment_failed' | 'payments-off';
export type PublicNoticeClosing = 'closed_clean' | 'cleared' | 'upheld' | 'withdrawn';
export type NotificationResult = 'sent' | 'already-sent' | 'partly-failed' | 'no-recipient';

/** When a level is due and when to remind, on the business calendar. */
export interface DeadlinePlan {
  remindAt: string | null;
  dueAt: string;
  /** The years without an official schedule the deadline was computed on (provisional, by the statutory rule). */
  provisionalYears: number[];
}

export interface Delegation {
  fromUserId: string;
  toUserId: string;
  until: string;
  note: string;
}

/** The case's projection, tasks, money and notifications (libs/activities/src/application.activities.ts). */
export interface ApplicationActivityContract {
  recordEligibility(input: { applicationId: string; assessment: Assessment }): Promise<void>;
  updateApplicationStatus(input: {
    applicationId: string;
    status: ApplicationStatus;
    currentLevel: number | null;
    reason: string | null;
  }): Promise<void>;
  /** Also moves the projection to pending_approval at this level, in one transaction. */
  openTask(input: {
    applicationId: string;
    level: number;
    levelName: string;
    orgUnitId: string;
    assigneeIds: string[];
    round?: number;
    assignment?: string[];
  }): Promise<void>;
  /** `levelContinues`: other approvers of the level (会签, 加签) still decide, so its task stays open. */
  recordDecision(input: { applicationId: string; decision: DecisionRecord; levelContinues?: boolean }): Promise<void>;
  /** Fails non-retryable with BUDGET_EXHAUSTED or BUDGET_ENVELOPE_NOT_FOUND. */
  reserveBudget(input: {
    applicationId: string;
    programCode: string;
    year: number;
    amountFen: number;
  }): Promise<{ reservationId: string; envelopeId: string }>;
  createDisbursement(input: { applicationId: string; amountFen: number }): Promise<{ disbursementId: string }>;
  sendNotification(input: {
    applicationId: string;
    event: NotificationEvent;
    recipientUserId: string;
    level?: number;
    /** Distinguishes repeated events of one kind (a second urge, a reminder in round 2); part of the dedupe key. */
    occurrence?: string;
  }): Promise<NotificationResult>;
}

/** The approval verbs and deadlines (libs/activities/src/approval.activities.ts). */
export interface ApprovalActivityContract {
  resolveDelegates(input: {
    applicationId: string;
    approverIds: string[];
    at: string;
  }): Promise<{ assigneeIds: string[]; delegations: Delegation[] }>;
  recordAction(input: { applicationId: string; seq: number; action: ActionRecord }): Promise<void>;
  reassignTask(input: {
    applicationId: string;
    level: number;
    round: number;
    assigneeIds: string[];
    reason: string;
  }): Promise<void>;
  closeOpenTasks(input: { applicationId: string; reason: string }): Promise<void>;
  addWatchers(input: { applicationId: string; userIds: string[] }): Promise<void>;
  recordResubmission(input: {
    applicationId: string;
    seq: number;
    facts: ProgramFacts;
    category: string;
    requestedAmountFen: number;
    assessment: Assessment;
  }): Promise<void>;
  /** Fails non-retryable with CALENDAR_YEAR_MISSING for a year the calendar cannot compute. */
  planDeadline(input: {
    applicationId: string;
    level: number;
    round: number;
    openedAt: string;
    sla: LevelSla;
  }): Promise<DeadlinePlan>;
}

/** The public notice (公示) and releasing money (libs/activities/src/notice.activities.ts). */
export interface NoticeActivityContract {
  openPublicNotice(input: {
    applicationId: string;
    openedAt: string;
    window: SlaDuration;
    amountFen: number;
  }): Promise<{ openedAt: string; closesAt: string; provisionalYears: number[] }>;
  recordObjection(input: {
    applicationId: string;
    objectorId: string;
    reason: string;
    reviewerIds: string[];
    round: number;
  }): Promise<{ objectionId: string; lodgedAt: string }>;
  recordObjectionReview(input: {
    applicationId: string;
    reviewerId: string;
    reviewerName: string;
    outcome: ObjectionOutcome;
    comment: string;
    round: number;
  }): Promise<void>;
  closePublicNotice(input: { applicationId: string; outcome: PublicNoticeClosing }): Promise<void>;
  releaseBudget(input: { applicationId: string; reason: string }): Promise<{ released: boolean }>;
}

/** Paying a disbursement exactly once (libs/activities/src/payment.activities.ts). */
export interface PaymentActivityContract {
  payDisbursement(input: {
    applicationId: string;
    disbursementId: string;
  }): Promise<{ outcome: PaymentOutcome; bankPaymentId: string | null }>;
}
