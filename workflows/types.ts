import type { HardshipAssessment, HardshipCategory, HardshipStandard, HouseholdFacts, RouteLevel } from './policy';

/** Plain, serialisable workflow contracts (ISO date strings, integer fen). No personal data travels here. */

export type ApplicationStatus =
  'submitted' | 'refused' | 'pending_approval' | 'rejected' | 'budget_exhausted' | 'approved';

export const FINAL_STATUSES: readonly ApplicationStatus[] = ['refused', 'rejected', 'budget_exhausted', 'approved'];

export interface ApplicationWorkflowInput {
  applicationId: string;
  programCode: string;
  applicantUserId: string;
  orgUnitId: string;
  category: HardshipCategory;
  requestedAmountFen: number;
  facts: HouseholdFacts;
  standard: HardshipStandard;
  route: RouteLevel[];
  budgetYear: number;
  submittedAt: string;
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
  eligibility: HardshipAssessment | null;
  decisions: DecisionRecord[];
  outcomeReason: string | null;
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
  | 'budget_exhausted';
