import type { CampaignWorkflowInput } from '@aidflow/workflows/campaign-types';

/**
 * The durations and page size every campaign workflow gets in its input (workflows never read configuration).
 * Provided by CampaignsModule with these defaults; a deployment or a test may provide its own.
 */
export abstract class CampaignSettings {
  /** Cases started per workflow run (each run continues as new): keeps each history near 2 events per case. */
  abstract readonly pageSize: number;
  /** How often a running campaign checks whether every visit is settled. */
  abstract readonly pollMs: number;
  /** How often a waiting visit re-reads its state in case a signal was lost. */
  abstract readonly recheckMs: number;
  abstract readonly paymentRetry: CampaignWorkflowInput['visit']['payment'];
}

export const DEFAULT_CAMPAIGN_SETTINGS: CampaignSettings = {
  pageSize: 500,
  pollMs: 2_000,
  recheckMs: 6 * 60 * 60 * 1000,
  paymentRetry: { initialIntervalMs: 1_000, maximumIntervalMs: 60_000 },
};
