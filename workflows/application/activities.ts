import { proxyActivities } from '@temporalio/workflow';
import type {
  ApplicationActivityContract,
  ApprovalActivityContract,
  NoticeActivityContract,
  PaymentActivityContract,
} from './contract';

type Activities = ApplicationActivityContract & ApprovalActivityContract & NoticeActivityContract;

export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Payments retry temporary failures (bank 5xx, timeouts) without limit, backing off to 10 minutes: the instruction
 * is keyed by the disbursement, so a retry never pays twice. A permanent refusal is recorded by the activity.
 */
export const payments = proxyActivities<PaymentActivityContract>({
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
