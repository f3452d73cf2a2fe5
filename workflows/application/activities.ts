import { proxyActivities } from '@temporalio/workflow';
import type { ApplicationActivities } from '../../libs/activities/src/application.activities';
import type { ApprovalActivities } from '../../libs/activities/src/approval.activities';
import type { NoticeActivities } from '../../libs/activities/src/notice.activities';
import type { PaymentActivities } from '../../libs/activities/src/payment.activities';

/** The public methods of the activity classes (their private members would make a plain intersection `never`). */
type Activities = Pick<ApplicationActivities, keyof ApplicationActivities> &
  Pick<ApprovalActivities, keyof ApprovalActivities> &
  Pick<NoticeActivities, keyof NoticeActivities>;

export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Payments retry temporary failures (bank 5xx, timeouts) without limit, backing off to 10 minutes: the instruction
 * is keyed by the disbursement, so a retry never pays twice. A permanent refusal is recorded by the activity.
 */
export const payments = proxyActivities<Pick<PaymentActivities, keyof PaymentActivities>>({
  startToCloseTimeout: '2 minutes',
  // The activity heartbeats while it waits for the bank: a worker that dies mid-payment is noticed in 20 s, not 2 min.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Notifications retry for a day, then give up: a mail outage never blocks an approval. */
export const notifications = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 50 },
});
