/**
 * Inputs and messages of the campaign workflows. Plain serialisable data, no personal data: ids only.
 */

export const CAMPAIGN_WORKFLOW_TYPE = 'campaignWorkflow';
/** Signal: the visit was confirmed with proof (the proof itself is in the database, written by the API). */
export const VISIT_CONFIRMED_SIGNAL = 'visitConfirmed';
/** Signal: the campaign was closed before this visit took place; the case ends without payment. */
export const VISIT_CLOSED_SIGNAL = 'visitClosed';

export function campaignWorkflowId(campaignId: string): string {
  return `campaign-${campaignId}`;
}

export function campaignVisitWorkflowId(visitId: string): string {
  return `campaign-visit-${visitId}`;
}

/** Retry of the bank call: temporary failures (5xx, timeouts) are retried with the same idempotency key. */
export interface CampaignPaymentRetry {
  initialIntervalMs: number;
  maximumIntervalMs: number;
}

export interface CampaignVisitInput {
  campaignId: string;
  visitId: string;
  /** A waiting visit re-reads its state this often, so a lost signal (API crash after commit) cannot strand it. */
  recheckMs: number;
  payment: CampaignPaymentRetry;
}

export interface CampaignWorkflowInput {
  campaignId: string;
  /** Visits are fanned out in id order, `pageSize` cases per run; each run continues as new with the cursor. */
  pageSize: number;
  /** Cursor: the last visit id whose case was started; null on the first run. */
  afterVisitId: string | null;
  /** True once every case exists: the run only watches for completion. */
  fannedOut: boolean;
  /** How often the campaign checks whether every visit is settled. */
  pollMs: number;
  visit: Omit<CampaignVisitInput, 'campaignId' | 'visitId'>;
}

export type CampaignVisitOutcome = 'paid' | 'already-paid' | 'payment_failed' | 'settled_in_kind' | 'skipped';

export type CampaignStatus = 'draft' | 'running' | 'completed' | 'closed';
export type VisitState = 'planned' | 'visited' | 'paid' | 'payment_failed' | 'skipped';

/** The campaign workflows' activities (libs/campaigns/src/campaign.activities.ts implements them). */
export interface CampaignActivityContract {
  /** The ids of the next `limit` visits after `afterVisitId`, in id order. */
  nextVisitPage(input: { campaignId: string; afterVisitId: string | null; limit: number }): Promise<string[]>;
  markCasesStarted(input: { campaignId: string; visitIds: string[] }): Promise<void>;
  markFannedOut(input: { campaignId: string }): Promise<void>;
  checkCampaignCompletion(input: { campaignId: string }): Promise<{ status: CampaignStatus }>;
  /** Fails non-retryable with NOT_FOUND. */
  visitState(input: { visitId: string }): Promise<VisitState>;
  /** Pays one confirmed visit exactly once (the visit id is the bank's idempotency key). */
  payCampaignVisit(input: { campaignId: string; visitId: string }): Promise<CampaignVisitOutcome>;
}

export interface CampaignVisitResult {
  visitId: string;
  outcome: CampaignVisitOutcome;
}
