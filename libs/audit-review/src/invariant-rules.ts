import type { WorkflowExecutionStatusName } from '@temporalio/client';
import type { ApplicationStatus, ApplicationView } from '@aidflow/workflows/types';
import { APPLICATION_STATUSES, FINAL_STATUSES } from '@aidflow/workflows/types';

/**
 * The rules of the invariant checker (RELIABILITY.md I1-I5), pure: what a case's facts from Temporal and from
 * PostgreSQL say about it. `InvariantsService` gathers the facts; these functions judge them.
 */

export type InvariantId = 'I1' | 'I2' | 'I3' | 'I4' | 'I5';

export interface InvariantFinding {
  /** The case it is about; null for what belongs to no case (a ledger row of no application, a replay error). */
  applicationId: string | null;
  /** Short and stable, for scripts: `workflow-missing`, `status`, `two-disbursements`, ... */
  code: string;
  /** Why, in one sentence a person can act on. */
  message: string;
}

/** What describe() says of an application's workflow execution, reduced to what the rules use. */
export interface ExecutionFacts {
  workflowId: string;
  runId: string;
  status: WorkflowExecutionStatusName;
  closeTime: string | null;
  /** Attempt of the pending workflow task (1 the first time); null when none is pending. */
  workflowTaskAttempt: number | null;
  pendingActivities: Array<{ type: string; attempt: number; lastFailure: string | null }>;
}

/** The PostgreSQL projection of one case: its row and what hangs off it. */
export interface ProjectionFacts {
  applicationId: string;
  workflowId: string;
  status: string;
  currentLevel: number | null;
  tier: string | null;
  grantedAmountFen: number | null;
  outcomeReason: string | null;
  createdAt: Date;
  openTasks: Array<{ level: number; round: number; assigneeIds: string[] }>;
  decisions: Array<{ level: number; round: number; actorId: string; decision: string }>;
  notice: { status: string; closesAt: Date; objections: Array<{ id: string; status: string }> } | null;
}

/** The level objection reviews are filed under (`OBJECTION_REVIEW_LEVEL` of the public-notice repository). */
export const OBJECTION_REVIEW_TASK_LEVEL = 90;

/** A pending workflow task on this attempt or later is failing, not merely slow (F-10, F-11). */
export const FAILING_WORKFLOW_TASK_ATTEMPT = 3;

/** An activity on this attempt or later is worth a look (a warning: it retries by design). */
export const RETRYING_ACTIVITY_ATTEMPT = 5;

/** A public notice whose window closed this long ago but still shows open: its timer is late. */
export const NOTICE_OVERDUE_MS = 10 * 60 * 1000;

/**
 * I1's documented states. Terminal: a final status. Waiting: someone or something the case is waiting for by design
 * (a task, the applicant, the public notice, the bank), or work in flight (an activity or workflow task pending).
 */
export const CASE_STATES = {
  terminal: 'terminal',
  terminalArchived: 'terminal (archived; Temporal no longer holds it)',
  approver: 'waiting for an approver',
  applicant: 'returned to the applicant',
  notice: 'in public notice',
  objection: 'objection under review',
  paymentRetry: 'payment retry',
  inProgress: 'in progress (an activity or workflow task is pending)',
  finishing: 'finishing (final status, last notifications in flight)',
} as const;

export type CaseState = (typeof CASE_STATES)[keyof typeof CASE_STATES];

export interface CaseVerdict {
  /** The documented state the case is in; null when it is in none (then `violations` says why). */
  state: CaseState | null;
  violations: InvariantFinding[];
  warnings: InvariantFinding[];
}

export const isFinal = (status: string): boolean => (FINAL_STATUSES as readonly string[]).includes(status);
const isKnownStatus = (status: string): status is ApplicationStatus =>
  (APPLICATION_STATUSES as readonly string[]).includes(status);

const ABNORMAL_CLOSE: readonly WorkflowExecutionStatusName[] = ['FAILED', 'TERMINATED', 'TIMED_OUT', 'CANCELLED'];

/**
 * I1 for one case: terminal, or in a documented waiting state. `view` is the workflow's own state (its Query), null
 * when the Query did not answer (then the projection stands in for it); `execution` null when Temporal has no
 * execution of the workflow id, `archivedStatus` the close status of its archived history, if any.
 */
export function classifyCase(facts: {
  projection: ProjectionFacts;
  execution: ExecutionFacts | null;
  archivedStatus: string | null;
  view: ApplicationView | null;
  now: Date;
}): CaseVerdict {
  const { projection, execution, archivedStatus, view, now } = facts;
  const id = projection.applicationId;
  const violations: InvariantFinding[] = [];
  const warnings: InvariantFinding[] = [];
  const verdict = (state: CaseState | null): CaseVerdict => ({ state, violations, warnings });
  const violation = (code: string, message: string): CaseVerdict => {
    violations.push({ applicationId: id, code, message });
    return verdict(null);
  };

  if (!execution) {
    if (archivedStatus === 'COMPLETED') return verdict(CASE_STATES.terminalArchived);
    if (archivedStatus) {
      return violation(
        'execution-closed-abnormally',
        `Temporal no longer holds ${projection.workflowId}; its archived history ended ${archivedStatus}`,
      );
    }
    return violation(
      'workflow-missing',
      `no workflow execution ${projection.workflowId} in Temporal and no archived history (projection: ${projection.status}): ` +
        (projection.status === 'submitted'
          ? 'the case is lost unless its submission is sent again with the same Idempotency-Key, which starts it'
          : 'the case is lost'),
    );
  }

  for (const activity of execution.pendingActivities) {
    if (activity.attempt >= RETRYING_ACTIVITY_ATTEMPT) {
      warnings.push({
        applicationId: id,
        code: 'activity-retrying',
        message: `activity ${activity.type} on attempt ${activity.attempt}${activity.lastFailure ? `: ${activity.lastFailure}` : ''}`,
      });
    }
  }

  if (ABNORMAL_CLOSE.includes(execution.status)) {
    return violation(
      'execution-closed-abnormally',
      `execution ${execution.workflowId} (run ${execution.runId}) ended ${execution.status}` +
        `${execution.closeTime ? ` at ${execution.closeTime}` : ''} while the case was ${view?.status ?? projection.status}: it can never finish`,
    );
  }

  const status = view?.status ?? projection.status;
  if (execution.status === 'COMPLETED') {
    return isFinal(status)
      ? verdict(CASE_STATES.terminal)
      : violation('completed-not-final', `execution completed but the case is ${status}, not a final status`);
  }

  // Running (or an execution state this SDK does not name yet).
  const attempt = execution.workflowTaskAttempt;
  if (attempt !== null && attempt >= FAILING_WORKFLOW_TASK_ATTEMPT) {
    return violation(
      'workflow-task-failing',
      `the workflow task has failed and been retried (attempt ${attempt}): the workflow code throws or no longer ` +
        'replays; the case waits for a fixed deployment',
    );
  }
  const busy = execution.pendingActivities.length > 0 || attempt !== null;
  const payment = execution.pendingActivities.find((a) => a.type === 'payDisbursement');
  const moneyPhase = (what: string): CaseVerdict => {
    if (busy) return verdict(CASE_STATES.inProgress);
    return violation('stalled', `${what}, but no activity or workflow task is pending: nothing moves the case on`);
  };
  if (!isKnownStatus(status)) return violation('unknown-status', `status "${status}" is no ApplicationStatus`);
  // The bank failed or timed out and the payment is retried with the same instruction: waiting by design.
  if (payment && payment.attempt > 1) return verdict(CASE_STATES.paymentRetry);
  if (isFinal(status)) {
    return busy
      ? verdict(CASE_STATES.finishing)
      : violation('stalled', `the case is ${status}, yet its execution still runs with nothing pending`);
  }
  const level = view ? view.currentLevel : projection.currentLevel;
  const round = view ? (view.currentRound ?? 1) : null;
  const hasOpenTask = (l: number, r: number | null): boolean =>
    projection.openTasks.some((t) => t.level === l && (r === null || t.round === r));
  switch (status) {
    case 'submitted':
      return busy
        ? verdict(CASE_STATES.inProgress)
        : violation('stalled', 'submitted, but no assessment or level-1 task is being worked on');
    case 'pending_approval':
      if (level === null) return moneyPhase('approved at every level (budget, disbursement and payment follow)');
      if (hasOpenTask(level, round)) return verdict(CASE_STATES.approver);
      if (busy) return verdict(CASE_STATES.inProgress);
      return violation(
        'no-open-task',
        `at level ${level}${round !== null ? ` (round ${round})` : ''} with no open approval task: nobody can act on it`,
      );
    case 'returned':
      return verdict(CASE_STATES.applicant);
    case 'in_notice': {
      const notice = projection.notice;
      if (notice?.status !== 'open') return moneyPhase('the public notice is over (payment follows)');
      if (notice.closesAt.getTime() < now.getTime() - NOTICE_OVERDUE_MS) {
        warnings.push({
          applicationId: id,
          code: 'notice-overdue',
          message: `the public notice closed at ${notice.closesAt.toISOString()} but is still open: its timer is late`,
        });
      }
      return verdict(CASE_STATES.notice);
    }
    case 'under_review':
      // Dismissed: the notice is cleared and the case is paid, still under_review until it is approved.
      if (projection.notice?.status === 'cleared') return moneyPhase('the objection was dismissed (payment follows)');
      if (hasOpenTask(OBJECTION_REVIEW_TASK_LEVEL, null)) return verdict(CASE_STATES.objection);
      if (busy) return verdict(CASE_STATES.inProgress);
      return violation('no-open-task', 'an objection is under review but no review task is open');
    case 'refused':
    case 'rejected':
    case 'withdrawn':
    case 'budget_exhausted':
    case 'approved':
      return verdict(CASE_STATES.terminal); // final: handled above
  }
}

/** The decisions of one level and round of a case, where there is more than one. */
export interface DecisionGroupFacts {
  applicationId: string;
  level: number;
  round: number;
  /** The level's mode on the route the case was submitted with (ledger); null when the route is not on record. */
  mode: 'any' | 'all' | null;
  /** Approvers added at this level and round (加签): each adds an any-of group, which decides once. */
  addedApprovers: number;
  decisions: Array<{ actorId: string; actorName: string; decision: string }>;
}

/**
 * I2 for the decisions of one level and round: one decision per approver; at most one rejection (it ends the level);
 * on an any-of level, one decision per group (the route's, plus one per approver added).
 */
export function decisionFindings(group: DecisionGroupFacts): InvariantFinding[] {
  const found: InvariantFinding[] = [];
  const where = `level ${group.level} round ${group.round}`;
  const names = group.decisions.map((d) => `${d.actorName} ${d.decision}`).join(', ');
  const byActor = new Map<string, number>();
  for (const d of group.decisions) byActor.set(d.actorId, (byActor.get(d.actorId) ?? 0) + 1);
  for (const [actorId, n] of byActor) {
    if (n > 1) {
      found.push({
        applicationId: group.applicationId,
        code: 'two-decisions-one-approver',
        message: `${n} decisions by approver ${actorId} at ${where}`,
      });
    }
  }
  const rejections = group.decisions.filter((d) => d.decision === 'reject').length;
  if (rejections > 1) {
    found.push({
      applicationId: group.applicationId,
      code: 'two-rejections',
      message: `${rejections} rejections at ${where} (${names}); the first ends the level`,
    });
  }
  const allowed = 1 + group.addedApprovers;
  if (group.mode === 'any' && group.decisions.length > allowed) {
    found.push({
      applicationId: group.applicationId,
      code: 'two-decisions-any-of-level',
      message:
        `${group.decisions.length} decisions at ${where}, an any-of level` +
        `${group.addedApprovers ? ` with ${group.addedApprovers} approver(s) added` : ''} that takes ${allowed}: ${names}`,
    });
  }
  return found;
}
