import { ApplicationException, ErrorCode } from '@aidflow/common';
import type { RouteLevel, RoutingNote } from '@aidflow/policy';
import type { ActionRecord, DecisionRecord } from '@aidflow/workflows/types';
import type { NewApplication, OpenTask } from './applications.repository';

/**
 * What the TypeORM applications repository writes and reads with: the SQL of tasks, decisions, actions and the task
 * list, the task list's row and its mapper, the payloads of the ledger lines its writes append, and the refusal of
 * double aid.
 */

const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === UNIQUE_VIOLATION;
}

/** Statuses that free a business key: the case ended without aid. */
export const RELEASED_STATUSES = `'refused', 'rejected', 'withdrawn', 'budget_exhausted'`;

/** No double aid: the case `holderId` (when known) already holds the business key. */
export function doubleAid(holderId: string | null): ApplicationException {
  return new ApplicationException(
    ErrorCode.DuplicateApplication,
    `No double aid: application ${holderId ?? '(another case)'} already covers the same subject, program and period`,
    { applicationId: holderId },
  );
}

/** What a subject's held cases of a program were granted (or assessed at) for admissions between $3 and $4. */
export const SUM_HELD_AMOUNTS = `SELECT coalesce(sum(coalesce(granted_amount_fen, (eligibility->>'grantedAmountFen')::bigint, 0)), 0) AS total
  FROM applications
  WHERE subject_key = $1 AND program_code = $2 AND status NOT IN (${RELEASED_STATUSES})
  AND facts->>'admissionDate' BETWEEN $3 AND $4 AND id <> coalesce($5::uuid, '00000000-0000-0000-0000-000000000000')`;

/** The ledger line of a new case: what was filed, the standard it pinned and the route it got (no national id). */
export function submittedPayload(
  application: NewApplication,
  context: { route?: RouteLevel[]; routingNotes?: RoutingNote[] },
): Record<string, unknown> {
  return {
    programCode: application.programCode,
    category: application.category,
    requestedAmountFen: application.requestedAmountFen,
    facts: application.facts,
    orgUnitId: application.orgUnitId,
    standardId: application.standardId,
    policyVersion: application.policyVersion,
    budgetYear: application.budgetYear,
    nationalIdProvided: application.nationalId !== null,
    route: context.route ?? null,
    ...(context.routingNotes?.length ? { routingNotes: context.routingNotes } : {}),
  };
}

export const INSERT_TASK = `INSERT INTO approval_tasks
  (application_id, level, round, level_name, org_unit_id, assignee_ids, assignment, status, opened_at)
  VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7::text[], 'open', now())
  ON CONFLICT (application_id, level, round) DO NOTHING`;

export function taskRow(task: OpenTask, round: number): unknown[] {
  return [
    task.applicationId,
    task.level,
    round,
    task.levelName,
    task.orgUnitId,
    task.assigneeIds,
    task.assignment ?? [],
  ];
}

export function taskOpenedPayload(task: OpenTask, round: number): Record<string, unknown> {
  return {
    level: task.level,
    levelName: task.levelName,
    orgUnitId: task.orgUnitId,
    assigneeIds: task.assigneeIds,
    ...(round > 1 ? { round } : {}),
    ...(task.assignment?.length ? { assignment: task.assignment } : {}),
  };
}

export const INSERT_DECISION = `INSERT INTO decisions
  (application_id, level, round, level_name, org_unit_id, actor_id, actor_name, decision, comment, decided_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  ON CONFLICT (application_id, level, round, actor_id) DO NOTHING`;

export function decisionRow(applicationId: string, d: DecisionRecord, round: number): unknown[] {
  const { level, levelName, orgUnitId, actorId, actorName, decision, comment, decidedAt } = d;
  return [applicationId, level, round, levelName, orgUnitId, actorId, actorName, decision, comment, decidedAt];
}

/** After a decision: the decider ($4) leaves the open task while the level continues, or the task completes ($4 = when). */
export const CONTINUE_TASK = `UPDATE approval_tasks SET assignee_ids = array_remove(assignee_ids, $4::uuid)
  WHERE application_id = $1 AND level = $2 AND round = $3 AND status = 'open'`;
export const COMPLETE_TASK = `UPDATE approval_tasks SET status = 'completed', closed_at = $4
  WHERE application_id = $1 AND level = $2 AND round = $3 AND status = 'open'`;

export function decisionPayload(d: DecisionRecord): Record<string, unknown> {
  return {
    level: d.level,
    levelName: d.levelName,
    orgUnitId: d.orgUnitId,
    actorName: d.actorName,
    decision: d.decision,
    comment: d.comment,
  };
}

export const INSERT_ACTION = `INSERT INTO case_actions (application_id, seq, verb, actor_id, actor_name, level, round, comment, details, occurred_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  ON CONFLICT (application_id, seq) DO NOTHING RETURNING id`;

export function actionRow(applicationId: string, seq: number, a: ActionRecord): unknown[] {
  return [applicationId, seq, a.verb, a.actorId, a.actorName, a.level, a.round, a.comment, a.details, a.occurredAt];
}

export function actionPayload(a: ActionRecord): Record<string, unknown> {
  return {
    verb: a.verb,
    level: a.level,
    round: a.round,
    actorName: a.actorName,
    comment: a.comment,
    details: a.details,
  };
}

/** A move of an open task to other assignees, once per assignees and reason. */
export const REASSIGN_TASK = `UPDATE approval_tasks SET assignee_ids = $4::uuid[], assignment = array_append(assignment, $5)
  WHERE application_id = $1 AND level = $2 AND round = $3 AND status = 'open'
  AND NOT (assignee_ids = $4::uuid[] AND $5 = ANY (assignment))`;
