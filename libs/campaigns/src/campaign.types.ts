import type { CampaignStatus, VisitState } from '@aidflow/workflows/campaign-types';

/** The registries a campaign draws its recipients from. */
export type TargetKind = 'needy_households' | 'model_workers' | 'frontline';
export const TARGET_KINDS: readonly TargetKind[] = ['needy_households', 'model_workers', 'frontline'];

/** The groups inside each registry a target group may narrow to (omitted: the whole registry). */
export const TARGET_GROUPS: Record<TargetKind, readonly string[]> = {
  needy_households: ['deep', 'relative', 'accident'],
  model_workers: ['national', 'provincial', 'city'],
  frontline: ['water', 'heating', 'sanitation', 'hospitals', 'police', 'customs'],
};

/** The recipient kind stored on a visit, per target kind. */
export type RecipientKind = 'needy_household' | 'model_worker' | 'frontline';
export const RECIPIENT_KIND: Record<TargetKind, RecipientKind> = {
  needy_households: 'needy_household',
  model_workers: 'model_worker',
  frontline: 'frontline',
};

export type FundingSource = 'central_special' | 'city_finance' | 'union_funds' | 'donations';
export const FUNDING_SOURCES: readonly FundingSource[] = [
  'central_special',
  'city_finance',
  'union_funds',
  'donations',
];

/** Owned by the workflows' contract (workflows/campaign-types.ts). */
export type { CampaignStatus, VisitState };
export const VISIT_STATES: readonly VisitState[] = ['planned', 'visited', 'paid', 'payment_failed', 'skipped'];
export type Delivery = 'cash' | 'in_kind';

export interface TargetGroup {
  kind: TargetKind;
  /** Null: everyone active in the registry. */
  groups: string[] | null;
  amountFen: number;
}

export interface NewCampaign {
  code: string;
  name: string;
  programId: string;
  programCode: string;
  year: number;
  fundingSource: FundingSource;
  budgetFen: number;
  targetGroups: TargetGroup[];
  createdBy: string;
}

export interface Campaign {
  id: string;
  code: string;
  name: string;
  programCode: string;
  year: number;
  fundingSource: FundingSource;
  budgetFen: number;
  status: CampaignStatus;
  targetGroups: TargetGroup[];
  recipients: number;
  plannedFen: number;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  fannedOutAt: Date | null;
  completedAt: Date | null;
  closedAt: Date | null;
  releasedFen: number | null;
  closeReport: CloseReport | null;
}

export interface CampaignProgress {
  recipients: number;
  casesCreated: number;
  counts: Record<VisitState, number>;
  amountsFen: Record<VisitState, number>;
}

export interface VisitRow {
  id: string;
  campaignId: string;
  recipientKind: RecipientKind;
  recipientId: string;
  recipientName: string;
  groupCode: string;
  orgUnitId: string;
  orgUnitCode: string;
  amountFen: number;
  state: VisitState;
  caseStartedAt: Date | null;
  delivery: Delivery | null;
  proofSha256: string | null;
  proofNote: string | null;
  visitorId: string | null;
  visitedAt: Date | null;
  confirmedAt: Date | null;
  bankPaymentId: string | null;
  paidAt: Date | null;
  paymentError: string | null;
}

export interface VisitConfirmation {
  visitId: string;
  delivery: Delivery;
  proofSha256: string | null;
  proofNote: string | null;
  visitedAt: string;
}

/** Who confirms: an admin anywhere, an approver inside their branch of the org tree. */
export interface Confirmer {
  userId: string;
  /** Null for an admin (no branch limit). */
  branchOrgUnitId: string | null;
}

export type ConfirmationOutcome =
  'confirmed' | 'already_confirmed' | 'not_found' | 'outside_branch' | 'case_not_ready' | 'skipped';

export interface ConfirmationResult {
  visitId: string;
  outcome: ConfirmationOutcome;
  /** The visit's state after this request (null when not found). */
  state: VisitState | null;
}

export interface ReportLine {
  recipients: number;
  visited: number;
  paid: number;
  failed: number;
  skipped: number;
  plannedFen: number;
  paidFen: number;
}

export interface CloseReport extends ReportLine {
  campaignId: string;
  code: string;
  budgetFen: number;
  /** The reservation released back to the envelope: budget minus what was paid. */
  releasedFen: number;
  closedAt: string;
  byGroup: Array<ReportLine & { kind: RecipientKind; group: string }>;
  byOrgUnit: Array<ReportLine & { orgUnitCode: string; orgUnitName: string }>;
}

export interface StartOutcome {
  campaign: Campaign;
  /** False when the campaign was already running (a repeated start only makes sure its workflow runs). */
  startedNow: boolean;
}

export interface CloseOutcome {
  report: CloseReport;
  /** Visits skipped by this close (their waiting cases are told to end). */
  skippedVisitIds: string[];
  closedNow: boolean;
}
