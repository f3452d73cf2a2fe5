import type {
  Campaign,
  CampaignProgress,
  CampaignStatus,
  CloseOutcome,
  ConfirmationResult,
  Confirmer,
  NewCampaign,
  StartOutcome,
  VisitConfirmation,
  VisitRow,
  VisitState,
} from './campaign.types';

export interface VisitPageQuery {
  state: VisitState | null;
  page: number;
  pageSize: number;
  /** Only visits inside this branch of the org tree (approvers); null: all. */
  branchOrgUnitId: string | null;
}

/** Port: campaigns, their visits (one per recipient) and the money they hold on their budget envelope. */
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
  abstract listVisits(campaignId: string, query: VisitPageQuery): Promise<{ total: number; visits: VisitRow[] }>;
  abstract findVisit(visitId: string): Promise<VisitRow | null>;
  /** Records proof on planned visits (in one transaction); each result says what happened to one confirmation. */
  abstract confirmVisits(
    campaignId: string,
    confirmer: Confirmer,
    confirmations: VisitConfirmation[],
  ): Promise<ConfirmationResult[]>;
  /** Moves the visit's amount from reserved to paid on the envelope, once; false when it was not `visited`. */
  abstract recordVisitPayment(visitId: string, bankPaymentId: string | null): Promise<boolean>;
  abstract recordVisitPaymentFailure(visitId: string, error: string): Promise<boolean>;
  /** Skips planned visits, releases what was not spent, stores the close-out report. */
  abstract close(campaignId: string, actorId: string): Promise<CloseOutcome>;

  // Fan-out bookkeeping (the campaign workflow's activities).
  abstract nextVisitPage(campaignId: string, afterVisitId: string | null, limit: number): Promise<string[]>;
  abstract markCasesStarted(campaignId: string, visitIds: string[]): Promise<void>;
  abstract markFannedOut(campaignId: string): Promise<void>;
  /** Marks a running, fanned-out campaign with no visit left to settle as completed; returns its status. */
  abstract completeIfSettled(campaignId: string): Promise<CampaignStatus>;
}
