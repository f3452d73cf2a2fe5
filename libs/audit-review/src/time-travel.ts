import type { Assessment, ProgramFacts } from '@aidflow/policy';
import type { LedgerEntry } from '@aidflow/audit';

export interface CaseAsOf {
  applicationId: string;
  asOf: string;
  /** False when the case did not exist yet at that time. */
  existed: boolean;
  status: string | null;
  currentLevel: number | null;
  currentApproverIds: string[];
  category: string | null;
  requestedAmountFen: number | null;
  facts: ProgramFacts | null;
  eligibility: Assessment | null;
  decisions: Array<{
    level: number;
    decision: string;
    actorId: string | null;
    actorName: string;
    comment: string | null;
    decidedAt: string;
  }>;
  standardId: string | null;
  policyVersion: string | null;
  ledgerEntries: number;
}

/** Folds the ledger entries up to `asOf` into the case as it stood then. Pure. */
export function caseAsOf(applicationId: string, asOf: Date, entries: readonly LedgerEntry[]): CaseAsOf {
  const state: CaseAsOf = {
    applicationId,
    asOf: asOf.toISOString(),
    existed: false,
    status: null,
    currentLevel: null,
    currentApproverIds: [],
    category: null,
    requestedAmountFen: null,
    facts: null,
    eligibility: null,
    decisions: [],
    standardId: null,
    policyVersion: null,
    ledgerEntries: 0,
  };
  for (const entry of entries) {
    if (new Date(entry.occurredAt).getTime() > asOf.getTime()) continue;
    state.ledgerEntries++;
    const p = entry.payload;
    switch (entry.kind) {
      case 'submitted':
        state.existed = true;
        state.status = 'submitted';
        state.category = p.category as string;
        state.requestedAmountFen = p.requestedAmountFen as number;
        state.facts = p.facts as ProgramFacts;
        state.standardId = p.standardId as string;
        state.policyVersion = p.policyVersion as string;
        break;
      case 'eligibility_assessed':
        state.eligibility = p.assessment as Assessment;
        break;
      case 'task_opened':
        state.status = 'pending_approval';
        state.currentLevel = p.level as number;
        state.currentApproverIds = p.assigneeIds as string[];
        break;
      case 'decision':
        state.decisions.push({
          level: p.level as number,
          decision: p.decision as string,
          actorId: entry.actorId,
          actorName: p.actorName as string,
          comment: (p.comment as string | null) ?? null,
          decidedAt: entry.occurredAt,
        });
        state.currentApproverIds = [];
        break;
      case 'status_changed':
        state.status = p.status as string;
        state.currentLevel = (p.currentLevel as number | null) ?? null;
        if (state.currentLevel === null) state.currentApproverIds = [];
        break;
      case 'task_reassigned':
        state.currentApproverIds = p.assigneeIds as string[];
        break;
      case 'action': {
        const verb = p.verb as string;
        if (verb === 'return' && ((p.details as { toLevel?: number } | undefined)?.toLevel ?? 0) === 0) {
          state.status = 'returned';
          state.currentLevel = null;
          state.currentApproverIds = [];
        }
        break;
      }
      case 'notice_opened':
        state.status = 'in_notice';
        state.currentLevel = null;
        state.currentApproverIds = [];
        break;
      case 'objection_lodged':
        state.status = 'under_review';
        break;
      case 'objection_reviewed':
      case 'notice_closed':
      case 'budget_released':
      case 'budget_reserved':
      case 'disbursement_recorded':
      case 'payment_recorded':
      case 'payment_failed':
        break;
    }
  }
  return state;
}
