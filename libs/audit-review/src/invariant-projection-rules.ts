import type { ApplicationOutcome, ApplicationStatus, ApplicationView } from '@aidflow/workflows/types';
import { isFinal } from './invariant-rules';
import type { InvariantFinding, ProjectionFacts } from './invariant-rules';

/**
 * I4, pure: the PostgreSQL projection of a case against the workflow's own state (its Query, or the result of a run
 * Temporal no longer holds). The other rules and the facts they read are in invariant-rules.ts.
 */

const show = (value: unknown): string => JSON.stringify(value) ?? 'undefined';

/**
 * I4 for one case: the projection against the workflow's Query, field by field where both have the field. Levels,
 * amounts and reasons only where the workflow writes them to the projection (the current level is not written once
 * the last level approved; the reason only with a final or returned status).
 */
export function compareWithView(projection: ProjectionFacts, view: ApplicationView): InvariantFinding[] {
  const id = projection.applicationId;
  const found: InvariantFinding[] = [];
  const differ = (field: string, recorded: unknown, workflow: unknown): void => {
    found.push({
      applicationId: id,
      code: field,
      message: `${field}: projection ${show(recorded)}, workflow ${show(workflow)}`,
    });
  };
  if (projection.status !== view.status) differ('status', projection.status, view.status);
  if (view.currentLevel !== null) {
    if (projection.currentLevel !== view.currentLevel)
      differ('currentLevel', projection.currentLevel, view.currentLevel);
  } else if (view.status !== 'pending_approval' && projection.currentLevel !== null) {
    differ('currentLevel', projection.currentLevel, null);
  }
  if (view.eligibility) {
    const granted = view.eligibility.eligible ? view.eligibility.grantedAmountFen : null;
    if (projection.grantedAmountFen !== granted) differ('grantedAmountFen', projection.grantedAmountFen, granted);
    if (projection.tier !== view.eligibility.tier) differ('tier', projection.tier, view.eligibility.tier);
  }
  if (
    (isFinal(view.status) || view.status === 'returned') &&
    (projection.outcomeReason ?? null) !== view.outcomeReason
  ) {
    differ('outcomeReason', projection.outcomeReason, view.outcomeReason);
  }

  const key = (d: { level: number; round?: number; actorId: string; decision: string }): string =>
    `L${d.level}R${d.round ?? 1} ${d.actorId} ${d.decision}`;
  const recorded = projection.decisions.map(key).sort();
  const decided = view.decisions.map(key).sort();
  if (recorded.join('|') !== decided.join('|')) {
    const extra = recorded.filter((k, i) => recorded.indexOf(k) === i && count(recorded, k) > count(decided, k));
    const missing = decided.filter((k, i) => decided.indexOf(k) === i && count(decided, k) > count(recorded, k));
    found.push({
      applicationId: id,
      code: 'decisions',
      message:
        `decisions: the projection has ${recorded.length}, the workflow ${decided.length}` +
        (extra.length ? `; only in the projection: ${extra.join(', ')}` : '') +
        (missing.length ? `; only in the workflow: ${missing.join(', ')}` : ''),
    });
  }

  if (view.status === 'pending_approval' && view.currentLevel !== null) {
    const round = view.currentRound ?? 1;
    const task = projection.openTasks.find((t) => t.level === view.currentLevel && t.round === round);
    if (task) {
      // The task drops an approver of an all-of group once they approved; the workflow keeps the group whole.
      const decidedHere = new Set(
        view.decisions.filter((d) => d.level === view.currentLevel && (d.round ?? 1) === round).map((d) => d.actorId),
      );
      const expected = view.currentApproverIds.filter((a) => !decidedHere.has(a)).sort();
      const assignees = [...task.assigneeIds].sort();
      if (expected.join(',') !== assignees.join(',')) differ('approvers', assignees, expected);
    }
  }

  const notice = projection.notice;
  if (view.notice && !notice) {
    found.push({
      applicationId: id,
      code: 'notice',
      message: 'notice: the workflow has a public notice, the projection none',
    });
  } else if (!view.notice && notice) {
    found.push({
      applicationId: id,
      code: 'notice',
      message: `notice: the projection has a public notice (${notice.status}), the workflow none`,
    });
  } else if (view.notice && notice) {
    if (Date.parse(view.notice.closesAt) !== notice.closesAt.getTime()) {
      differ('notice.closesAt', notice.closesAt.toISOString(), view.notice.closesAt);
    }
    // The notice row against the case's status. After the window closes clean, or an objection is dismissed, the
    // case keeps its notice status while it is paid.
    const fits: Partial<Record<ApplicationStatus, readonly string[]>> = {
      in_notice: ['open', 'closed_clean'],
      under_review: ['under_review', 'cleared', 'upheld'],
    };
    const allowed = fits[view.status];
    if (
      (allowed && !allowed.includes(notice.status)) ||
      (notice.status === 'open' && view.status !== 'in_notice') ||
      (notice.status === 'under_review' && view.status !== 'under_review')
    ) {
      differ('notice.status', notice.status, view.status);
    }
    const objections = (list: Array<{ id: string; status: string }>): string =>
      list
        .map((o) => `${o.id}:${o.status}`)
        .sort()
        .join(',');
    const recordedObjections = objections(notice.objections);
    const workflowObjections = objections(view.notice.objections.map((o) => ({ id: o.objectionId, status: o.status })));
    if (recordedObjections !== workflowObjections) {
      differ('notice.objections', recordedObjections || '(none)', workflowObjections || '(none)');
    }
  }
  return found;
}

function count(list: readonly string[], item: string): number {
  return list.filter((x) => x === item).length;
}

/** I4 for a case whose execution Temporal no longer holds: the projection against the archived history's result. */
export function compareWithOutcome(projection: ProjectionFacts, outcome: ApplicationOutcome): InvariantFinding[] {
  const id = projection.applicationId;
  const found: InvariantFinding[] = [];
  const differ = (field: string, recorded: unknown, workflow: unknown): void => {
    found.push({
      applicationId: id,
      code: field,
      message: `${field}: projection ${show(recorded)}, archived workflow result ${show(workflow)}`,
    });
  };
  if (projection.status !== outcome.status) differ('status', projection.status, outcome.status);
  if (outcome.status === 'approved' && projection.grantedAmountFen !== outcome.grantedAmountFen) {
    differ('grantedAmountFen', projection.grantedAmountFen, outcome.grantedAmountFen);
  }
  if ((projection.outcomeReason ?? null) !== (outcome.reason ?? null)) {
    differ('outcomeReason', projection.outcomeReason, outcome.reason);
  }
  return found;
}
