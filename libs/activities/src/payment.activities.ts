import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationsRepository } from '@aidflow/applications';
import { BudgetRepository, PaymentGateway } from '@aidflow/budget';
import { ApplicationException, ErrorCode, structuredLog } from '@aidflow/common';
import { Context } from '@temporalio/activity';
import type { PaymentActivityContract, PaymentOutcome } from '@aidflow/workflows/application/contract';

/** How often an activity waiting on a slow dependency tells Temporal it is alive (its heartbeat timeout is 20 s). */
export const HEARTBEAT_INTERVAL_MS = 5_000;

/**
 * Runs `fn` while heartbeating, so a worker that dies during it is noticed within the heartbeat timeout and the
 * activity retried elsewhere. Outside an activity (tests calling the class directly) it just runs `fn`.
 */
async function withHeartbeats<T>(fn: () => Promise<T>): Promise<T> {
  let context: Context | null = null;
  try {
    context = Context.current();
  } catch {
    return fn();
  }
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_INTERVAL_MS);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
  }
}

export type { PaymentOutcome };

/**
 * Money moves exactly once. The instruction is keyed by the disbursement id, which the bank treats as its
 * idempotency key: a retry after a lost or late answer returns the first payment, never a second one. Temporary
 * failures (5xx, timeouts) throw and Temporal retries; a permanent refusal (4xx) is recorded on the disbursement
 * (`payment_failed`) and returned, so the case still completes and finance sees the flagged disbursement.
 */
@Injectable()
export class PaymentActivities implements PaymentActivityContract {
  private readonly log = structuredLog(new Logger(PaymentActivities.name));

  constructor(
    @Inject(BudgetRepository) private readonly budget: BudgetRepository,
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(PaymentGateway) private readonly bank: PaymentGateway,
  ) {}

  async payDisbursement(input: {
    applicationId: string;
    disbursementId: string;
  }): Promise<{ outcome: PaymentOutcome; bankPaymentId: string | null }> {
    const disbursement = await this.budget.findDisbursementById(input.disbursementId);
    if (!disbursement || disbursement.applicationId !== input.applicationId) {
      throw new Error(`Disbursement ${input.disbursementId} of application ${input.applicationId} not found`);
    }
    if (disbursement.status === 'paid') return { outcome: 'already-paid', bankPaymentId: disbursement.bankPaymentId };
    if (disbursement.status === 'payment_failed') return { outcome: 'payment_failed', bankPaymentId: null };
    if (!this.bank.enabled) {
      this.log.warn('Disbursement stays pending_payment: PAYMENT_BANK_URL is not set (finance pays it by hand)', {
        applicationId: input.applicationId,
        disbursementId: disbursement.id,
      });
      return { outcome: 'payments-off', bankPaymentId: null };
    }
    const app = await this.applications.findById(input.applicationId);
    try {
      const payment = await withHeartbeats(() =>
        this.bank.pay({
          instructionId: disbursement.id,
          applicationId: disbursement.applicationId,
          amountFen: disbursement.amountFen,
          payee: `applicant:${app?.applicantUserId ?? 'unknown'}`,
        }),
      );
      await this.budget.recordPayment(disbursement.id, payment.paymentId);
      return { outcome: 'paid', bankPaymentId: payment.paymentId };
    } catch (err) {
      if (err instanceof ApplicationException && err.code === ErrorCode.PaymentRejected) {
        await this.budget.recordPaymentFailure(disbursement.id, err.message);
        this.log.error('Bank refused the disbursement for good', {
          applicationId: input.applicationId,
          disbursementId: disbursement.id,
          reason: err.message,
        });
        return { outcome: 'payment_failed', bankPaymentId: null };
      }
      throw err;
    }
  }
}
