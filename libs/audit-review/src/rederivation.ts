import { assessApplication } from '@aidflow/policy';
import type { Assessment, PinnedStandard, ProgramFacts, RouteLevel } from '@aidflow/policy';
import type { LedgerEntry } from '@aidflow/audit';
import { canonicalJson } from '@aidflow/audit';
import { SYSTEM_ACTOR_ID } from '@aidflow/workflows/types';

export interface RederivationCheck {
  subject: string;
  recorded: unknown;
  recomputed: unknown;
  matches: boolean;
}

export interface RederivationReport {
  applicationId: string;
  policyVersion: string | null;
  standardId: string | null;
  matches: boolean;
  checks: RederivationCheck[];
  problems: string[];
}

interface SubmittedPayload {
  /** Absent in entries written before there was more than one program (hardship aid). */
  programCode?: string;
  category: string;
  requestedAmountFen: number;
  facts: ProgramFacts;
  standardId: string;
  policyVersion: string;
  route: RouteLevel[] | null;
}

interface AssessedPayload {
  assessment?: Assessment;
  resubmitted?: Pick<SubmittedPayload, 'facts' | 'category' | 'requestedAmountFen'>;
}

export interface ProjectionSnapshot {
  tier: string | null;
  grantedAmountFen: number | null;
  facts: ProgramFacts;
}

export const check = (subject: string, recorded: unknown, recomputed: unknown): RederivationCheck => ({
  subject,
  recorded,
  recomputed,
  matches: canonicalJson(recorded) === canonicalJson(recomputed),
});

/**
 * Recomputes every decision that computed something (eligibility tier, amount, routing) from the pinned standard and
 * the inputs recorded in the ledger, and sets recorded against recomputed. Pure: the caller loads the data.
 */
export function rederive(
  applicationId: string,
  entries: readonly LedgerEntry[],
  standard: PinnedStandard | null,
  projection: ProjectionSnapshot | null,
): RederivationReport {
  const problems: string[] = [];
  const checks: RederivationCheck[] = [];
  const submitted = entries.find((e) => e.kind === 'submitted')?.payload as SubmittedPayload | undefined;
  if (!submitted) {
    return {
      applicationId,
      policyVersion: null,
      standardId: null,
      matches: false,
      checks,
      problems: ['no submission in the ledger'],
    };
  }
  if (!standard) problems.push(`the pinned standard ${submitted.standardId} no longer exists`);
  else if (standard.policyVersion !== submitted.policyVersion) {
    problems.push(
      `standard ${submitted.standardId} now says version ${standard.policyVersion}, the case pinned ${submitted.policyVersion}`,
    );
  }

  // The latest assessment counts: a resubmission after a return records new facts with a new assessment.
  const assessed = entries.filter((e) => e.kind === 'eligibility_assessed').map((e) => e.payload as AssessedPayload);
  const latest = assessed[assessed.length - 1];
  const recorded = latest?.assessment;
  const inputs = latest?.resubmitted ?? submitted;
  if (standard) {
    const recomputed = assessApplication(
      submitted.programCode ?? 'hardship-aid',
      inputs.facts,
      inputs.category,
      inputs.requestedAmountFen,
      standard,
    );
    if (recorded) {
      checks.push(check('eligibility.eligible', recorded.eligible, recomputed.eligible));
      checks.push(check('eligibility.tier', recorded.tier, recomputed.tier));
      checks.push(
        check(
          'eligibility.perCapitaMonthlyIncomeFen',
          recorded.perCapitaMonthlyIncomeFen,
          recomputed.perCapitaMonthlyIncomeFen,
        ),
      );
      checks.push(check('amount.capFen', recorded.capFen, recomputed.capFen));
      checks.push(check('amount.grantedAmountFen', recorded.grantedAmountFen, recomputed.grantedAmountFen));
      checks.push(check('eligibility.reasons', recorded.reasons, recomputed.reasons));
    } else {
      problems.push('no eligibility assessment in the ledger');
    }
    const reserved = entries.find((e) => e.kind === 'budget_reserved')?.payload as { amountFen?: number } | undefined;
    if (reserved) checks.push(check('budget.reservedAmountFen', reserved.amountFen, recomputed.grantedAmountFen));
    if (projection) {
      checks.push(check('projection.facts', projection.facts, inputs.facts));
      checks.push(check('projection.tier', projection.tier, recomputed.tier));
      checks.push(
        check(
          'projection.grantedAmountFen',
          projection.grantedAmountFen,
          recomputed.eligible ? recomputed.grantedAmountFen : null,
        ),
      );
    }
  }

  // Routing: every task went to the level and approvers of the recorded route, and every decision came from them.
  const route = submitted.route ?? [];
  const reassigned = new Map<number, string[]>();
  for (const entry of entries) {
    if (entry.kind === 'task_opened') {
      const task = entry.payload as { level: number; orgUnitId: string; assigneeIds: string[] };
      const planned = route.find((l) => l.level === task.level);
      checks.push(
        check(
          `routing.level${task.level}`,
          { orgUnitId: task.orgUnitId, assigneeIds: task.assigneeIds },
          planned ? { orgUnitId: planned.orgUnitId, assigneeIds: planned.approverIds } : null,
        ),
      );
    }
    if (entry.kind === 'task_reassigned') {
      // Transfers, 加签 and escalations hand a level to other people; the reassignment itself is on the record.
      const moved = entry.payload as { level: number; assigneeIds: string[] };
      reassigned.set(moved.level, [...(reassigned.get(moved.level) ?? []), ...moved.assigneeIds]);
    }
    if (entry.kind === 'decision') {
      const decision = entry.payload as { level: number };
      const planned = route.find((l) => l.level === decision.level);
      const allowed = [...(planned?.approverIds ?? []), ...(reassigned.get(decision.level) ?? []), SYSTEM_ACTOR_ID];
      checks.push(
        check(
          `routing.decision${decision.level}.byAssignee`,
          true,
          planned !== undefined && allowed.includes(entry.actorId ?? ''),
        ),
      );
    }
  }

  return {
    applicationId,
    policyVersion: submitted.policyVersion,
    standardId: submitted.standardId,
    matches: problems.length === 0 && checks.every((c) => c.matches),
    checks,
    problems,
  };
}
