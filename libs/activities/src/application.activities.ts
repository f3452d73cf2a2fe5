import { Inject, Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { ApplicationException, ErrorCode, formatYuan, isRetryable } from '@aidflow/common';
import { AppConfig } from '@aidflow/config';
import { ApplicationsRepository } from '@aidflow/applications';
import { BudgetRepository } from '@aidflow/budget';
import { NotificationsService } from '@aidflow/notifications';
import { UserRepository } from '@aidflow/org';
import type { Assessment } from '@aidflow/policy';
import { ProgramsRepository } from '@aidflow/programs';
import type { ApplicationActivityContract, NotificationResult } from '@aidflow/workflows/application/contract';
import type { ApplicationStatus, DecisionRecord, NotificationEvent } from '@aidflow/workflows/types';

/**
 * A domain error that retrying cannot fix (the error table's `retryable: false`) becomes a non-retryable Temporal
 * failure whose `type` is the code (the workflow branches on BUDGET_EXHAUSTED, say); anything else is retried.
 */
async function asActivityErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApplicationException && !isRetryable(err.code)) {
      throw ApplicationFailure.create({
        type: err.code,
        message: err.message,
        nonRetryable: true,
        details: [err.details ?? {}],
      });
    }
    throw err;
  }
}

/**
 * The side effects of an application workflow. Each method is idempotent, keyed by the application id (and level
 * or event), so Temporal may retry it freely.
 */
@Injectable()
export class ApplicationActivities implements ApplicationActivityContract {
  constructor(
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(BudgetRepository) private readonly budget: BudgetRepository,
    @Inject(ProgramsRepository) private readonly programs: ProgramsRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async recordEligibility(input: { applicationId: string; assessment: Assessment }): Promise<void> {
    await this.applications.recordEligibility(input.applicationId, input.assessment);
  }

  async updateApplicationStatus(input: {
    applicationId: string;
    status: ApplicationStatus;
    currentLevel: number | null;
    reason: string | null;
  }): Promise<void> {
    await this.applications.updateStatus(input.applicationId, input.status, input.currentLevel, input.reason);
  }

  async openTask(input: {
    applicationId: string;
    level: number;
    levelName: string;
    orgUnitId: string;
    assigneeIds: string[];
    round?: number;
    assignment?: string[];
  }): Promise<void> {
    await this.applications.openTask(input);
  }

  /** `levelContinues`: other approvers of the level (会签, 加签) still decide, so its task stays open. */
  async recordDecision(input: {
    applicationId: string;
    decision: DecisionRecord;
    levelContinues?: boolean;
  }): Promise<void> {
    await this.applications.recordDecision(input.applicationId, input.decision, {
      levelContinues: input.levelContinues,
    });
  }

  async reserveBudget(input: { applicationId: string; programCode: string; year: number; amountFen: number }): Promise<{
    reservationId: string;
    envelopeId: string;
  }> {
    return asActivityErrors(async () => {
      const program = await this.programs.findByCode(input.programCode);
      if (!program) throw new ApplicationException(ErrorCode.ProgramNotFound, `Program ${input.programCode} not found`);
      const reservation = await this.budget.reserve({
        applicationId: input.applicationId,
        programId: program.id,
        year: input.year,
        amountFen: input.amountFen,
      });
      return { reservationId: reservation.id, envelopeId: reservation.envelopeId };
    });
  }

  async createDisbursement(input: { applicationId: string; amountFen: number }): Promise<{ disbursementId: string }> {
    const disbursement = await this.budget.createDisbursement(input.applicationId, input.amountFen);
    return { disbursementId: disbursement.id };
  }

  async sendNotification(input: {
    applicationId: string;
    event: NotificationEvent;
    recipientUserId: string;
    level?: number;
    /** Distinguishes repeated events of one kind (a second urge, a reminder in round 2); part of the dedupe key. */
    occurrence?: string;
  }): Promise<NotificationResult> {
    return asActivityErrors(async () => {
      const [app, recipient] = await Promise.all([
        this.applications.findById(input.applicationId),
        this.users.findById(input.recipientUserId),
      ]);
      if (!app)
        throw new ApplicationException(ErrorCode.ApplicationNotFound, `Application ${input.applicationId} not found`);
      if (!recipient) return 'no-recipient';
      const program = await this.programs.findByCode(app.programCode);
      // In-app always, email and (opted-in) SMS; a temporary failure throws after the other channels were tried.
      return this.notifications.send({
        applicationId: app.id,
        event: input.event,
        level: input.level,
        occurrence: input.occurrence,
        recipient: {
          userId: recipient.id,
          displayName: recipient.displayName,
          email: recipient.email || null,
          phone: recipient.phone,
          notifySms: recipient.notifySms,
          locale: recipient.locale,
        },
        vars: {
          programName: program?.name ?? app.programCode,
          programNameEn: program?.nameEn ?? app.programCode,
          amountYuan: formatYuan(app.grantedAmountFen ?? app.requestedAmountFen),
          reason: app.outcomeReason,
          link: `${this.config.api.publicUrl}/applications/${app.id}`,
        },
      });
    });
  }
}

/** Binds every public method of the activity objects, as the Temporal Worker expects a plain record. */
export function activitiesOf(...instances: object[]): Record<string, (...args: unknown[]) => Promise<unknown>> {
  const out: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const instance of instances) {
    const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const fn = proto[name];
      if (name === 'constructor' || typeof fn !== 'function') continue;
      if (out[name]) throw new Error(`Two activity classes define "${name}"`);
      out[name] = (fn as (...args: unknown[]) => Promise<unknown>).bind(instance);
    }
  }
  return out;
}
