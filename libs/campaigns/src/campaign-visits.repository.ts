import type { ConfirmationResult, Confirmer, VisitConfirmation, VisitRow, VisitState } from './campaign.types';

export interface VisitPageQuery {
  state: VisitState | null;
  page: number;
  pageSize: number;
  /** Only visits inside this branch of the org tree (approvers); null: all. */
  branchOrgUnitId: string | null;
}

/** Port: the visits of a campaign, one per recipient: listed, confirmed with proof, paid once, paged for the fan-out. */
export abstract class CampaignVisitsRepository {
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

  // Fan-out bookkeeping (the campaign workflow's activities).
  abstract nextVisitPage(campaignId: string, afterVisitId: string | null, limit: number): Promise<string[]>;
  abstract markCasesStarted(campaignId: string, visitIds: string[]): Promise<void>;
}
