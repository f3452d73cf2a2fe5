import { Inject, Injectable } from '@nestjs/common';
import { PublicNoticeRepository } from '@aidflow/applications';
import type { PublicNoticeClosing } from '@aidflow/applications';
import { BudgetRepository } from '@aidflow/budget';
import type { SlaDuration } from '@aidflow/policy';
import { BusinessCalendar, CalendarYearMissingError } from '../../../workflows/calendar';
import type { ObjectionOutcome } from '../../../workflows/types';

/**
 * Side effects of the public notice (公示) and of releasing money. Idempotent: the notice is keyed by the
 * application, an objection by (application, objector), a review by its round, a release by the reservation.
 */
@Injectable()
export class NoticeActivities {
  private readonly calendar = new BusinessCalendar();

  constructor(
    @Inject(PublicNoticeRepository) private readonly notices: PublicNoticeRepository,
    @Inject(BudgetRepository) private readonly budget: BudgetRepository,
  ) {}

  /**
   * Opens the notice: it closes `window` after `openedAt` on the business calendar (working days skip weekends and
   * statutory holidays). A retry returns the first closing time. A year missing from the calendar fails (retried)
   * with a message naming it rather than guess a closing date.
   */
  async openPublicNotice(input: {
    applicationId: string;
    openedAt: string;
    window: SlaDuration;
    amountFen: number;
  }): Promise<{ openedAt: string; closesAt: string }> {
    const openedAt = new Date(input.openedAt);
    let closesAt: Date;
    try {
      closesAt = this.calendar.addDuration(openedAt, input.window);
    } catch (err) {
      if (err instanceof CalendarYearMissingError) {
        throw new Error(`The public notice of ${input.applicationId} cannot be timed: ${err.message}`);
      }
      throw err;
    }
    const notice = await this.notices.open({
      applicationId: input.applicationId,
      openedAt,
      closesAt,
      amountFen: input.amountFen,
    });
    return { openedAt: notice.openedAt.toISOString(), closesAt: notice.closesAt.toISOString() };
  }

  async recordObjection(input: {
    applicationId: string;
    objectorId: string;
    reason: string;
    reviewerIds: string[];
    round: number;
  }): Promise<{ objectionId: string; lodgedAt: string }> {
    const objection = await this.notices.lodgeObjection({
      applicationId: input.applicationId,
      objectorUserId: input.objectorId,
      reason: input.reason,
      reviewerIds: input.reviewerIds,
      round: input.round,
    });
    return { objectionId: objection.id, lodgedAt: objection.lodgedAt.toISOString() };
  }

  async recordObjectionReview(input: {
    applicationId: string;
    reviewerId: string;
    reviewerName: string;
    outcome: ObjectionOutcome;
    comment: string;
    round: number;
  }): Promise<void> {
    await this.notices.reviewObjections({
      applicationId: input.applicationId,
      reviewerId: input.reviewerId,
      outcome: input.outcome,
      comment: input.comment,
      round: input.round,
    });
  }

  async closePublicNotice(input: { applicationId: string; outcome: PublicNoticeClosing }): Promise<void> {
    await this.notices.close(input.applicationId, input.outcome);
  }

  /** Gives the reserved money back to the envelope (upheld objection, withdrawal); nothing when already released. */
  async releaseBudget(input: { applicationId: string; reason: string }): Promise<{ released: boolean }> {
    const reservation = await this.budget.release(input.applicationId, input.reason);
    return { released: reservation?.status === 'released' };
  }
}
