import { Inject, Injectable } from '@nestjs/common';
import { RejectedAttemptsRepository } from '@aidflow/audit';
import type { Principal } from '@aidflow/auth';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { ApplicationWorkflowClient } from '@aidflow/temporal';
import type {
  ApplicationStatus,
  ObjectionOutcome,
  ObjectionRequest,
  ObjectionReviewRequest,
} from '@aidflow/workflows/types';
import { ApplicationsRepository } from './applications.repository';
import { PublicNoticeRepository } from './public-notice.repository';
import { refuse } from './refuse';
import type { Objection, PublicNotice } from './public-notice.repository';

export const OBJECTION_REASON_MIN = 5;
export const OBJECTION_REASON_MAX = 2000;

export interface ObjectionReviewResult {
  applicationId: string;
  /** The case status once the review is recorded: `rejected` when upheld; paid (`approved`) soon after a dismissal. */
  status: ApplicationStatus;
  outcomeReason: string | null;
  notice: PublicNotice;
  objections: Objection[];
}

/**
 * 公示: the public list of cases in their notice window (masked), objections by any signed-in user, and their review
 * by the city-level approvers. The workflow decides; refusals are recorded for auditors.
 */
@Injectable()
export class PublicNoticeService {
  constructor(
    @Inject(PublicNoticeRepository) private readonly notices: PublicNoticeRepository,
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(ApplicationWorkflowClient) private readonly workflows: ApplicationWorkflowClient,
    @Inject(RejectedAttemptsRepository) private readonly rejected: RejectedAttemptsRepository,
  ) {}

  /** Notices open or under review: masked names and ids, never the full ones. */
  listCurrent(): Promise<PublicNotice[]> {
    return this.notices.listCurrent();
  }

  /** Any signed-in user but the applicant, once per case, while the case is in its notice. */
  async lodgeObjection(actor: Principal, applicationId: string, reason: string): Promise<Objection> {
    const action = 'lodgeObjection';
    await this.requireApplication(applicationId);
    const text = reason.trim();
    if (text.length < OBJECTION_REASON_MIN || text.length > OBJECTION_REASON_MAX) {
      await this.refuse(
        actor,
        action,
        applicationId,
        ErrorCode.ActionInvalid,
        `reason must be ${OBJECTION_REASON_MIN} to ${OBJECTION_REASON_MAX} characters, got ${text.length}`,
      );
    }
    const notice = await this.notices.find(applicationId);
    if (!notice || (notice.status !== 'open' && notice.status !== 'under_review')) {
      await this.refuse(
        actor,
        action,
        applicationId,
        ErrorCode.NotInPublicNotice,
        notice
          ? `The public notice of application ${applicationId} has ended (${notice.status}); objections are closed`
          : `Application ${applicationId} is not in a public notice; objections are taken only during one`,
      );
    }
    const request: ObjectionRequest = { actorId: actor.userId, actorName: actor.displayName, reason: text };
    await this.run(actor, action, applicationId, request);
    const objection = (await this.notices.listObjections(applicationId)).find((o) => o.objectorUserId === actor.userId);
    if (!objection) throw new Error(`The objection of ${actor.userId} to ${applicationId} was not recorded`);
    return objection;
  }

  /** City-level approvers named as the case's reviewers, and administrators: uphold or dismiss the open objections. */
  async reviewObjections(
    actor: Principal,
    applicationId: string,
    review: { outcome: ObjectionOutcome; comment: string },
  ): Promise<ObjectionReviewResult> {
    const action = 'reviewObjection';
    await this.requireApplication(applicationId);
    if (actor.role !== 'approver' && actor.role !== 'admin') {
      await this.refuse(
        actor,
        action,
        applicationId,
        ErrorCode.Forbidden,
        `Objections are reviewed by city-level approvers or administrators; you are ${actor.role}`,
      );
    }
    const request: ObjectionReviewRequest = {
      actorId: actor.userId,
      actorName: actor.displayName,
      outcome: review.outcome,
      comment: review.comment.trim(),
      ...(actor.role === 'admin' ? { administrator: true } : {}),
    };
    await this.run(actor, action, applicationId, request);
    const [app, notice, objections] = await Promise.all([
      this.applications.findById(applicationId),
      this.notices.find(applicationId),
      this.notices.listObjections(applicationId),
    ]);
    return {
      applicationId,
      status: app!.status,
      outcomeReason: app!.outcomeReason,
      notice: notice!,
      objections,
    };
  }

  private async run(
    actor: Principal,
    action: 'lodgeObjection' | 'reviewObjection',
    applicationId: string,
    request: ObjectionRequest | ObjectionReviewRequest,
  ): Promise<void> {
    try {
      await this.workflows.act(applicationId, action, request);
    } catch (err) {
      if (err instanceof ApplicationException) {
        await this.rejected.record({
          actorId: actor.userId,
          action,
          applicationId,
          code: err.code,
          reason: err.message,
        });
      }
      throw err;
    }
  }

  private async requireApplication(applicationId: string): Promise<void> {
    if (!(await this.applications.findById(applicationId))) {
      throw new ApplicationException(ErrorCode.ApplicationNotFound, `Application ${applicationId} does not exist`);
    }
  }

  /** Records the refused attempt for auditors, then throws it (see refuse.ts). */
  private refuse(actor: Principal, action: string, applicationId: string, code: ErrorCode, reason: string) {
    return refuse(this.rejected, actor, action, applicationId, code, reason);
  }
}
