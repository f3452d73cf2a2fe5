import type {
  Campaign,
  CampaignProgress,
  CampaignStatus,
  CloseOutcome,
  NewCampaign,
  StartOutcome,
} from './campaign.types';

/**
 * Port: campaigns and the money they hold on their budget envelope (their visits, one per recipient, are
 * CampaignVisitsRepository's).
 */
export abstract class CampaignsRepository {
  abstract findProgramId(code: string): Promise<string | null>;
  /** Throws CAMPAIGN_CONFLICT when the code is taken. */
  abstract create(campaign: NewCampaign): Promise<Campaign>;
  abstract findById(id: string): Promise<Campaign | null>;
  abstract findByCode(code: string): Promise<Campaign | null>;
  abstract list(): Promise<Campaign[]>;
  /**
   * In one transaction: one visit row per recipient of the target groups (drawn from the registries), the check that
   * recipients x amounts fit the campaign budget, and the reservation of the whole budget on the envelope (race-safe).
   * Throws CAMPAIGN_BUDGET_SHORTFALL naming the shortfall; a running campaign is returned as it is.
   */
  abstract start(campaignId: string, actorId: string): Promise<StartOutcome>;
  abstract progress(campaignId: string): Promise<CampaignProgress>;
  /** Skips planned visits, releases what was not spent, stores the close-out report. */
  abstract close(campaignId: string, actorId: string): Promise<CloseOutcome>;

  // Fan-out bookkeeping (the campaign workflow's activities).
  abstract markFannedOut(campaignId: string): Promise<void>;
  /** Marks a running, fanned-out campaign with no visit left to settle as completed; returns its status. */
  abstract completeIfSettled(campaignId: string): Promise<CampaignStatus>;
}
