import { defaultPayloadConverter } from '@temporalio/common';
import type { DataConverter, Payload } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { assessApplication } from '@aidflow/policy';
import type { Assessment, ProgramFacts } from '@aidflow/policy';
import type { ApplicationOutcome, ApplicationWorkflowInput, DecisionRecord } from '@aidflow/workflows/types';
import { SYSTEM_ACTOR_ID } from '@aidflow/workflows/types';
import { check } from './rederivation';
import type { RederivationCheck, RederivationReport } from './rederivation';

/** What an application workflow's history says, decoded: its input, the activities it scheduled, its result. */
export interface DecodedApplicationHistory {
  workflowId: string | null;
  input: ApplicationWorkflowInput;
  /** Scheduled activities in history order, with their (first) argument. */
  activities: Array<{ eventId: number; type: string; input: unknown }>;
  result: ApplicationOutcome | null;
}

async function decodePayloads(payloads: Payload[] | null | undefined, converter: DataConverter): Promise<unknown[]> {
  let decoded = payloads ?? [];
  for (const codec of [...(converter.payloadCodecs ?? [])].reverse()) decoded = await codec.decode(decoded);
  return decoded.map((p) => defaultPayloadConverter.fromPayload(p));
}

/**
 * Decodes the payloads of an application workflow's history with the product's data converter (the payload keys):
 * the input it started with, every activity it scheduled with its argument, and its result.
 */
export async function decodeApplicationHistory(
  history: History,
  converter: DataConverter,
): Promise<DecodedApplicationHistory> {
  const events = history.events ?? [];
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  if (!started) throw new Error('The history does not begin with WorkflowExecutionStarted');
  const [input] = (await decodePayloads(started.input?.payloads, converter)) as [ApplicationWorkflowInput];
  const activities: DecodedApplicationHistory['activities'] = [];
  let result: ApplicationOutcome | null = null;
  for (const event of events) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled) {
      const [arg] = await decodePayloads(scheduled.input?.payloads, converter);
      activities.push({ eventId: Number(event.eventId), type: scheduled.activityType?.name ?? '', input: arg });
    }
    const completed = event.workflowExecutionCompletedEventAttributes;
    if (completed) [result] = (await decodePayloads(completed.result?.payloads, converter)) as [ApplicationOutcome];
  }
  return { workflowId: started.workflowId ?? null, input, activities, result };
}

/**
 * One decoded history of a case that continued as new (several runs, first to last): the first run's input (the
 * submission), every run's activities in order, the last run's result. A single run decodes as itself.
 */
export async function decodeApplicationRuns(
  histories: readonly History[],
  converter: DataConverter,
): Promise<DecodedApplicationHistory> {
  if (histories.length === 0) throw new Error('No history to decode');
  const runs = [];
  for (const history of histories) runs.push(await decodeApplicationHistory(history, converter));
  const { carried: _carried, ...input } = runs[0].input;
  void _carried; // the first run of a case starts from its submission; a carried state only starts later runs
  return {
    workflowId: runs[0].workflowId,
    input,
    activities: runs.flatMap((r) => r.activities),
    result: runs[runs.length - 1].result,
  };
}

/**
 * Re-derives every computation the workflow recorded in its history from the inputs it started with and the
 * standard (policy version) pinned in them: the eligibility assessment, the amounts reserved and disbursed, the
 * levels and approvers tasks went to, and the outcome. Pure: works on an archived history years later, with no
 * database and no Temporal server.
 */
export function rederiveFromHistory(decoded: DecodedApplicationHistory): RederivationReport {
  const { input, activities, result } = decoded;
  const checks: RederivationCheck[] = [];
  const problems: string[] = [];
  const argOf = <T>(type: string): T[] => activities.filter((a) => a.type === type).map((a) => a.input as T);
  // A resubmission after a return brings new facts and a new assessment: the latest one counts.
  const resubmissions = argOf<{
    facts: ProgramFacts;
    category: string;
    requestedAmountFen: number;
    assessment: Assessment;
  }>('recordResubmission');
  const latestResubmission = resubmissions[resubmissions.length - 1];
  const facts = latestResubmission ?? input;
  const recomputed = assessApplication(
    input.programCode,
    facts.facts,
    facts.category,
    facts.requestedAmountFen,
    input.standard,
  );
  const recorded = latestResubmission ?? argOf<{ assessment: Assessment }>('recordEligibility')[0];
  if (!recorded) {
    problems.push('the history holds no eligibility assessment');
  } else {
    const a = recorded.assessment;
    checks.push(check('eligibility.eligible', a.eligible, recomputed.eligible));
    checks.push(check('eligibility.tier', a.tier, recomputed.tier));
    checks.push(
      check('eligibility.perCapitaMonthlyIncomeFen', a.perCapitaMonthlyIncomeFen, recomputed.perCapitaMonthlyIncomeFen),
    );
    checks.push(check('amount.capFen', a.capFen, recomputed.capFen));
    checks.push(check('amount.grantedAmountFen', a.grantedAmountFen, recomputed.grantedAmountFen));
    checks.push(check('eligibility.reasons', a.reasons, recomputed.reasons));
  }

  // Routing: tasks opened level by level along the route the case was submitted with, to its approvers.
  const opened = argOf<{ level: number; orgUnitId: string; assigneeIds: string[] }>('openTask');
  opened.forEach((task) => {
    const planned = input.route.find((l) => l.level === task.level);
    checks.push(
      check(
        `routing.level${task.level}`,
        { level: task.level, orgUnitId: task.orgUnitId, assigneeIds: task.assigneeIds },
        planned ? { level: planned.level, orgUnitId: planned.orgUnitId, assigneeIds: planned.approverIds } : null,
      ),
    );
  });
  const decisions = argOf<{ decision: DecisionRecord }>('recordDecision').map((d) => d.decision);
  const reassigned = argOf<{ level: number; assigneeIds: string[] }>('reassignTask');
  for (const decision of decisions) {
    const planned = input.route.find((l) => l.level === decision.level);
    const allowed = [
      ...(planned?.approverIds ?? []),
      ...reassigned.filter((r) => r.level === decision.level).flatMap((r) => r.assigneeIds),
      SYSTEM_ACTOR_ID,
    ];
    checks.push(
      check(
        `routing.decision${decision.level}.byAssignee`,
        true,
        planned !== undefined && allowed.includes(decision.actorId),
      ),
    );
  }

  // Money: what was reserved and disbursed is what the standard grants.
  for (const reserved of argOf<{ amountFen: number }>('reserveBudget')) {
    checks.push(check('budget.reservedAmountFen', reserved.amountFen, recomputed.grantedAmountFen));
  }
  for (const paid of argOf<{ amountFen: number }>('createDisbursement')) {
    checks.push(check('disbursement.amountFen', paid.amountFen, recomputed.grantedAmountFen));
  }

  // Outcome: refused exactly when ineligible; approved only when every level approved; the granted amount.
  if (result) {
    const everyLevelApproved = input.route.every((l) =>
      decisions.some((d) => d.level === l.level && d.decision === 'approve'),
    );
    // 公示: an objection upheld in review rejects a case every level approved.
    const objectionUpheld = argOf<{ outcome: string }>('recordObjectionReview').some((r) => r.outcome === 'uphold');
    const expected = !recomputed.eligible
      ? 'refused'
      : decisions.some((d) => d.decision === 'reject') || objectionUpheld
        ? 'rejected'
        : result.status === 'withdrawn'
          ? 'withdrawn'
          : everyLevelApproved
            ? result.status === 'budget_exhausted'
              ? 'budget_exhausted'
              : 'approved'
            : 'not approved at every level';
    checks.push(check('outcome.status', result.status, expected));
    checks.push(
      check(
        'outcome.grantedAmountFen',
        result.grantedAmountFen,
        result.status === 'approved' ? recomputed.grantedAmountFen : 0,
      ),
    );
  } else {
    problems.push('the workflow has not completed in this history');
  }

  return {
    applicationId: input.applicationId,
    policyVersion: input.standard.policyVersion,
    standardId: input.standard.standardId,
    matches: problems.length === 0 && checks.every((c) => c.matches),
    checks,
    problems,
  };
}
