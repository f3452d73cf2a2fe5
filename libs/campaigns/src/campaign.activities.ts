import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { PaymentGateway } from '@aidflow/budget';
import { ApplicationException, ErrorCode, structuredLog } from '@aidflow/common';
import type { CampaignActivityContract, CampaignVisitOutcome } from '@aidflow/workflows/campaign-types';
import { CampaignVisitsRepository } from './campaign-visits.repository';
import { CampaignsRepository } from './campaigns.repository';
import type { CampaignStatus, VisitState } from './campaign.types';

/**
 * The side effects of the campaign workflows: fan-out bookkeeping and the payment of one visit. Idempotent, keyed by
 * campaign and visit ids; the bank's idempotency key is the visit id, so a retried payment never pays twice.
 */
@Injectable()
export class CampaignActivities implements CampaignActivityContract {
  private readonly log = structuredLog(new Logger(CampaignActivities.name));

  constructor(
    @Inject(CampaignsRepository) private readonly campaigns: CampaignsRepository,
    @Inject(CampaignVisitsRepository) private readonly visits: CampaignVisitsRepository,
    @Inject(PaymentGateway) private readonly bank: PaymentGateway,
  ) {}

  nextVisitPage(input: { campaignId: string; afterVisitId: string | null; limit: number }): Promise<string[]> {
    return this.visits.nextVisitPage(input.campaignId, input.afterVisitId, input.limit);
  }

  markCasesStarted(input: { campaignId: string; visitIds: string[] }): Promise<void> {
    return this.visits.markCasesStarted(input.campaignId, input.visitIds);
  }

  markFannedOut(input: { campaignId: string }): Promise<void> {
    return this.campaigns.markFannedOut(input.campaignId);
  }

  async checkCampaignCompletion(input: { campaignId: string }): Promise<{ status: CampaignStatus }> {
    return { status: await this.campaigns.completeIfSettled(input.campaignId) };
  }

  async visitState(input: { visitId: string }): Promise<VisitState> {
    const visit = await this.visits.findVisit(input.visitId);
    if (!visit) {
      throw ApplicationFailure.create({
        type: ErrorCode.NotFound,
        message: `Campaign visit ${input.visitId} not found`,
        nonRetryable: true,
      });
    }
    return visit.state;
  }

  /**
   * Pays one confirmed visit: cash through the bank (temporary failures throw and Temporal retries with the same
   * instruction id; a permanent refusal is recorded as `payment_failed`), in-kind deliveries settle without a transfer.
   */
  async payCampaignVisit(input: { campaignId: string; visitId: string }): Promise<CampaignVisitOutcome> {
    const visit = await this.visits.findVisit(input.visitId);
    if (!visit || visit.campaignId !== input.campaignId) {
      throw ApplicationFailure.create({
        type: ErrorCode.NotFound,
        message: `Visit ${input.visitId} of campaign ${input.campaignId} not found`,
        nonRetryable: true,
      });
    }
    switch (visit.state) {
      case 'paid':
        return 'already-paid';
      case 'payment_failed':
        return 'payment_failed';
      case 'skipped':
        return 'skipped';
      case 'planned':
        // The API writes the proof before it signals; a planned visit here is a read before that commit showed.
        throw new Error(`Visit ${visit.id} is not confirmed yet`);
      case 'visited':
        break;
    }
    if (visit.delivery === 'in_kind') {
      await this.visits.recordVisitPayment(visit.id, null);
      return 'settled_in_kind';
    }
    if (!this.bank.enabled) {
      throw new Error(`Visit ${visit.id} waits for payment: PAYMENT_BANK_URL is not set`);
    }
    try {
      const payment = await this.bank.pay({
        instructionId: visit.id,
        applicationId: `campaign-${visit.campaignId}`,
        amountFen: visit.amountFen,
        payee: `${visit.recipientKind}:${visit.recipientId}`,
      });
      await this.visits.recordVisitPayment(visit.id, payment.paymentId);
      return 'paid';
    } catch (err) {
      if (err instanceof ApplicationException && err.code === ErrorCode.PaymentRejected) {
        await this.visits.recordVisitPaymentFailure(visit.id, err.message);
        this.log.error('Bank refused the campaign visit for good', {
          campaignId: visit.campaignId,
          visitId: visit.id,
          reason: err.message,
        });
        return 'payment_failed';
      }
      throw err;
    }
  }
}
