import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ApplicationActivities } from '../libs/activities/src/application.activities';
import { decideUpdate, statusQuery } from './messages';
import { RECEIPT_NOTICE_PATCH } from './patches';
import { assessHardship } from './policy';
import type { HardshipAssessment, RouteLevel } from './policy';
import { AID_LEVEL, AID_ORG_UNIT, AID_PROGRAM, AID_STATUS } from './search-attributes';
import type {
  ApplicationOutcome,
  ApplicationStatus,
  ApplicationView,
  ApplicationWorkflowInput,
  DecisionRecord,
  DecisionRequest,
  NotificationEvent,
} from './types';
import { FINAL_STATUSES } from './types';

const acts = proxyActivities<ApplicationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Notifications retry for a day, then give up: a mail outage never blocks an approval. */
const notifications = proxyActivities<ApplicationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 50 },
});

/** Codes a decision attempt can be refused with; the API maps them to 403/409. */
export const DecisionRefusal = {
  closed: 'APPLICATION_CLOSED',
  alreadyDecided: 'LEVEL_ALREADY_DECIDED',
  notActive: 'LEVEL_NOT_ACTIVE',
  notApprover: 'NOT_APPROVER_OF_CURRENT_LEVEL',
} as const;

function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

/**
 * One application, from eligibility through three approval levels to a reserved budget and a disbursement record.
 * Workflow id: `application-<applicationId>`.
 */
export async function applicationWorkflow(input: ApplicationWorkflowInput): Promise<ApplicationOutcome> {
  let status: ApplicationStatus = 'submitted';
  let current: RouteLevel | null = null;
  let eligibility: HardshipAssessment | null = null;
  let outcomeReason: string | null = null;
  let pending: DecisionRecord | null = null;
  const decisions: DecisionRecord[] = [];
  /** The receipt notice to the applicant, sent alongside level 1; the outcome notice waits for it. */
  let receipt: Promise<void> | null = null;
  /** Decisions whose effects (projection, next task) are written; decide() returns only then. */
  let settled = 0;

  const view = (): ApplicationView => ({
    applicationId: input.applicationId,
    status,
    currentLevel: current?.level ?? null,
    currentApproverIds: current ? [...current.approverIds] : [],
    eligibility,
    decisions: [...decisions],
    outcomeReason,
  });

  setHandler(statusQuery, view);
  setHandler(
    decideUpdate,
    async (request: DecisionRequest): Promise<ApplicationView> => {
      if (pending !== null || current === null) refuse(DecisionRefusal.alreadyDecided, 'This level was just decided');
      const level: RouteLevel = current;
      pending = {
        level: level.level,
        levelName: level.name,
        orgUnitId: level.orgUnitId,
        actorId: request.actorId,
        actorName: request.actorName,
        decision: request.decision,
        comment: request.comment?.trim() || null,
        decidedAt: new Date().toISOString(),
      };
      const mine = decisions.length + 1;
      await condition(() => settled >= mine);
      return view();
    },
    { validator: (request: DecisionRequest) => validateDecision(request) },
  );

  function validateDecision(request: DecisionRequest): void {
    if (FINAL_STATUSES.includes(status)) {
      refuse(
        DecisionRefusal.closed,
        `Application ${input.applicationId} is closed (${status}); no decision is possible`,
      );
    }
    if (current === null) refuse(DecisionRefusal.notActive, 'No approval level is waiting for a decision yet');
    const decidedEarlier = decisions.find((d) => d.actorId === request.actorId);
    if (request.level !== undefined && request.level < current.level) {
      refuse(
        DecisionRefusal.alreadyDecided,
        `Level ${request.level} was already decided; the case is at level ${current.level}`,
      );
    }
    if (request.level !== undefined && request.level > current.level) {
      refuse(
        DecisionRefusal.notActive,
        `Level ${request.level} is not active yet; the case is at level ${current.level}`,
      );
    }
    if (pending !== null) {
      refuse(DecisionRefusal.alreadyDecided, `Level ${current.level} already has a decision`);
    }
    if (!current.approverIds.includes(request.actorId)) {
      if (decidedEarlier) {
        refuse(
          DecisionRefusal.alreadyDecided,
          `You already decided level ${decidedEarlier.level}; the case is now at level ${current.level} (${current.title})`,
        );
      }
      refuse(
        DecisionRefusal.notApprover,
        `You are not an approver of level ${current.level} (${current.title}, ${current.orgUnitName})`,
      );
    }
  }

  function markStatus(next: ApplicationStatus, reason: string | null = null): void {
    status = next;
    outcomeReason = reason;
    upsertSearchAttributes([
      { key: AID_STATUS, value: next },
      ...(current ? [{ key: AID_LEVEL, value: current.level }] : []),
    ]);
  }

  async function setStatus(next: ApplicationStatus, reason: string | null = null): Promise<void> {
    markStatus(next, reason);
    await acts.updateApplicationStatus({
      applicationId: input.applicationId,
      status: next,
      currentLevel: current?.level ?? null,
      reason,
    });
  }

  async function notifyApplicant(event: NotificationEvent): Promise<void> {
    try {
      await notifications.sendNotification({
        applicationId: input.applicationId,
        event,
        recipientUserId: input.applicantUserId,
      });
    } catch (err) {
      log.warn('Notification failed permanently; the approval goes on', { event, error: String(err) });
    }
  }

  async function finish(
    outcome: ApplicationStatus,
    reason: string | null,
    event: NotificationEvent,
  ): Promise<ApplicationOutcome> {
    current = null;
    await setStatus(outcome, reason);
    settled = decisions.length;
    await receipt;
    await notifyApplicant(event);
    await condition(allHandlersFinished);
    return {
      status: outcome,
      grantedAmountFen: outcome === 'approved' ? (eligibility?.grantedAmountFen ?? 0) : 0,
      reason,
    };
  }

  upsertSearchAttributes([
    { key: AID_PROGRAM, value: input.programCode },
    { key: AID_ORG_UNIT, value: input.orgUnitId },
    { key: AID_STATUS, value: status },
  ]);

  // 1. Eligibility, from the standard pinned at submission.
  eligibility = assessHardship(input.facts, input.category, input.requestedAmountFen, input.standard);
  await acts.recordEligibility({ applicationId: input.applicationId, assessment: eligibility });
  if (!eligibility.eligible) {
    return finish('refused', eligibility.reasons[eligibility.reasons.length - 1] ?? 'ineligible', 'refused');
  }

  // Tell the applicant the case was accepted and is with the approvers, while level 1 opens (never delaying it).
  // Added after cases were already running: `patched` keeps histories recorded without this step
  // (test/fixtures/histories/v1-initial) replaying as they ran.
  if (patched(RECEIPT_NOTICE_PATCH)) receipt = notifyApplicant('received');

  // 2. Approval levels, in order.
  for (const level of input.route) {
    current = level;
    await acts.openTask({
      applicationId: input.applicationId,
      level: level.level,
      levelName: level.name,
      orgUnitId: level.orgUnitId,
      assigneeIds: level.approverIds,
    }); // also moves the projection to pending_approval at this level, in one transaction
    markStatus('pending_approval');
    settled = decisions.length;
    for (const approverId of level.approverIds) {
      await notifications
        .sendNotification({
          applicationId: input.applicationId,
          event: 'task_assigned',
          recipientUserId: approverId,
          level: level.level,
        })
        .catch((err: unknown) => log.warn('Task notification failed permanently', { error: String(err) }));
    }

    await condition(() => pending !== null);
    const decision: DecisionRecord = pending!;
    await acts.recordDecision({ applicationId: input.applicationId, decision });
    decisions.push(decision);
    pending = null;
    if (decision.decision === 'reject') {
      return finish(
        'rejected',
        `Rejected at level ${level.level} (${level.title}) by ${decision.actorName}`,
        'rejected',
      );
    }
  }

  // 3. Money: reserve from the program's yearly envelope, then record the disbursement for finance.
  current = null;
  try {
    await acts.reserveBudget({
      applicationId: input.applicationId,
      programCode: input.programCode,
      year: input.budgetYear,
      amountFen: eligibility.grantedAmountFen,
    });
  } catch (err) {
    const type =
      err instanceof Error && 'cause' in err && err.cause instanceof ApplicationFailure ? err.cause.type : null;
    if (type === 'BUDGET_EXHAUSTED' || type === 'BUDGET_ENVELOPE_NOT_FOUND') {
      return finish('budget_exhausted', (err as { cause: Error }).cause.message, 'budget_exhausted');
    }
    throw err;
  }
  await acts.createDisbursement({ applicationId: input.applicationId, amountFen: eligibility.grantedAmountFen });
  log.info('Application approved', { applicationId: input.applicationId, workflowId: workflowInfo().workflowId });
  return finish('approved', null, 'approved');
}
