import { Inject, Injectable } from '@nestjs/common';
import { PublicNoticeRepository } from '@aidflow/applications';
import { BudgetRepository } from '@aidflow/budget';
import { CalendarService } from '@aidflow/calendar';
import type { SlaDuration } from '@aidflow/policy';
import { CalendarYearMissingError } from '@aidflow/workflows/calendar';
import type { NoticeActivityContract, PublicNoticeClosing } from '@aidflow/workflows/application/contract';
import type { ObjectionOutcome } from '@aidflow/workflows/types';

/**
 * Side effects of the public notice (公示) and of releasing money. Idempotent: the notice is keyed by the
 * application, an objection by (application, objector), a review by its round, a release by the reservation.
 */
@Injectable()
export class NoticeActivities implements NoticeActivityContract {
  constructor(
    @Inject(PublicNoticeRepository) private readonly notices: PublicNoticeRepository,
    @Inject(BudgetRepository) private readonly budget: BudgetRepository,
    @Inject(CalendarService) private readonly calendar: CalendarService,
  ) {}

  /**
   * Opens the notice: it closes `window` after `openedAt` on the business calendar (working days skip weekends and
   * statutory holidays). A retry returns the first closing time. A year with no official schedule is computed on a
   * provisional one (the statutory rule), named in `provisionalYears` and stored with the notice; the case never
   * waits for a calendar. Only a year the rule cannot compute (outside 1970-2100) fails (retried), naming it.
   */
  async openPublicNotice(input: {
    applicationId: string;
    openedAt: string;
    window: SlaDuration;
    amountFen: number;
  }): Promise<{ openedAt: string; closesAt: string; provisionalYears: number[] }> {
    const openedAt = new Date(input.openedAt);
    let closing: { value: Date; provisionalYears: number[] };
    try {
      closing = await this.calendar.addDuration(openedAt, input.window);
    } catch (err) {
      if (err instanceof CalendarYearMissingError) {
        // Retried (visible as the activity's last failure) rather than failing the case.
        throw new Error(`The public notice of ${input.applicationId} cannot be timed: ${err.message}`);
      }
      throw err;
    }
    const notice = await this.notices.open({
      applicationId: input.applicationId,
      openedAt,
      closesAt: closing.value,
      amountFen: input.amountFen,
      provisionalCalendarYears: closing.provisionalYears,
    });
    return {
      openedAt: notice.openedAt.toISOString(),
      closesAt: notice.closesAt.toISOString(),
      provisionalYears: notice.provisionalCalendarYears,
    };
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
