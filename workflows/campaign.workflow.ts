import {
  condition,
  continueAsNew,
  defineSignal,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { campaignVisitWorkflowId, VISIT_CLOSED_SIGNAL, VISIT_CONFIRMED_SIGNAL } from './campaign-types';
import type {
  CampaignActivityContract,
  CampaignVisitInput,
  CampaignVisitResult,
  CampaignWorkflowInput,
} from './campaign-types';

type Activities = CampaignActivityContract;

const bookkeeping = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export const visitConfirmedSignal = defineSignal(VISIT_CONFIRMED_SIGNAL);
export const visitClosedSignal = defineSignal(VISIT_CLOSED_SIGNAL);

/** Continue as new before the history of the watching phase grows large. */
const WATCH_HISTORY_LIMIT = 2_000;

/**
 * One campaign (`campaign-<id>`): starts one visit case per recipient row, a page per run (continue-as-new keeps each
 * run's history to about two events per case), then watches until every visit is settled and marks the campaign
 * completed. The cases are abandoned children: they outlive the run that started them.
 */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<void> {
  if (!input.fannedOut) {
    const page = await bookkeeping.nextVisitPage({
      campaignId: input.campaignId,
      afterVisitId: input.afterVisitId,
      limit: input.pageSize,
    });
    if (page.length > 0) {
      await Promise.all(
        page.map(async (visitId) => {
          const child: CampaignVisitInput = { campaignId: input.campaignId, visitId, ...input.visit };
          try {
            await startChild(campaignVisitWorkflow, {
              workflowId: campaignVisitWorkflowId(visitId),
              args: [child],
              parentClosePolicy: ParentClosePolicy.ABANDON,
              workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
            });
          } catch (err) {
            // Started by an earlier attempt of this page: the case exists, which is all this step needs.
            if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
          }
        }),
      );
      await bookkeeping.markCasesStarted({ campaignId: input.campaignId, visitIds: page });
    }
    const done = page.length < input.pageSize;
    if (done) await bookkeeping.markFannedOut({ campaignId: input.campaignId });
    await continueAsNew<typeof campaignWorkflow>({
      ...input,
      afterVisitId: page.length > 0 ? page[page.length - 1] : input.afterVisitId,
      fannedOut: done,
    });
    return;
  }
  for (;;) {
    const progress = await bookkeeping.checkCampaignCompletion({ campaignId: input.campaignId });
    if (progress.status === 'completed' || progress.status === 'closed') return;
    await sleep(input.pollMs);
    if (workflowInfo().historyLength > WATCH_HISTORY_LIMIT) await continueAsNew<typeof campaignWorkflow>(input);
  }
}

/**
 * One recipient's case (`campaign-visit-<visitId>`): waits until the visit is confirmed with proof (the API writes
 * the proof, then signals), then pays it exactly once (the bank's idempotency key is the visit id).
 */
export async function campaignVisitWorkflow(input: CampaignVisitInput): Promise<CampaignVisitResult> {
  let confirmed = false;
  let closed = false;
  setHandler(visitConfirmedSignal, () => {
    confirmed = true;
  });
  setHandler(visitClosedSignal, () => {
    closed = true;
  });
  const payments = proxyActivities<Activities>({
    startToCloseTimeout: '2 minutes',
    retry: {
      initialInterval: input.payment.initialIntervalMs,
      maximumInterval: input.payment.maximumIntervalMs,
      backoffCoefficient: 2,
      nonRetryableErrorTypes: ['NOT_FOUND'],
    },
  });
  while (!confirmed && !closed) {
    if (await condition(() => confirmed || closed, input.recheckMs)) break;
    // No signal for a while: the database is the record; a lost signal must not strand the case.
    const state = await bookkeeping.visitState({ visitId: input.visitId });
    if (state === 'skipped') closed = true;
    else if (state !== 'planned') confirmed = true;
  }
  if (!confirmed) return { visitId: input.visitId, outcome: 'skipped' };
  const outcome = await payments.payCampaignVisit({ campaignId: input.campaignId, visitId: input.visitId });
  return { visitId: input.visitId, outcome };
}
