import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { AppConfig } from '@aidflow/config';
import {
  CAMPAIGN_WORKFLOW_TYPE,
  campaignVisitWorkflowId,
  campaignWorkflowId,
  VISIT_CLOSED_SIGNAL,
  VISIT_CONFIRMED_SIGNAL,
} from '@aidflow/workflows/campaign-types';
import type { CampaignWorkflowInput } from '@aidflow/workflows/campaign-types';
import type { campaignWorkflow } from '@aidflow/workflows/campaign.workflow';

/** Signals go out this many at a time (a bulk confirmation of thousands of visits). */
const SIGNAL_CONCURRENCY = 32;

/** Typed access to the campaign workflows; ids carry campaign and visit ids only. */
@Injectable()
export class CampaignWorkflowClient {
  private readonly logger = new Logger(CampaignWorkflowClient.name);

  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Starts the campaign's fan-out; a running (or finished) campaign workflow is left as it is. */
  async start(input: CampaignWorkflowInput): Promise<void> {
    try {
      await this.client.workflow.start<typeof campaignWorkflow>(CAMPAIGN_WORKFLOW_TYPE, {
        taskQueue: this.config.temporal.taskQueue,
        workflowId: campaignWorkflowId(input.campaignId),
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw new ApplicationException(
        ErrorCode.WorkflowUnavailable,
        `The workflow engine did not accept campaign ${input.campaignId}; start it again (starting is idempotent)`,
        { cause: err instanceof Error ? err.message : String(err) },
      );
    }
  }

  /** Tells each visit's case that its proof is recorded. Throws WORKFLOW_UNAVAILABLE if a case could not be told. */
  async visitsConfirmed(visitIds: string[]): Promise<void> {
    const failed = await this.signalAll(visitIds, VISIT_CONFIRMED_SIGNAL);
    if (failed.length > 0) {
      throw new ApplicationException(
        ErrorCode.WorkflowUnavailable,
        `${failed.length} confirmed visits were recorded but their cases could not be told; confirm them again ` +
          `(a repeated confirmation only tells the case again)`,
        { visitIds: failed.slice(0, 50) },
      );
    }
  }

  /** Best effort: the skipped cases also find out by re-reading their state. */
  async visitsClosed(visitIds: string[]): Promise<void> {
    const failed = await this.signalAll(visitIds, VISIT_CLOSED_SIGNAL);
    if (failed.length > 0) this.logger.warn(`${failed.length} skipped visit cases were not told; they recheck later`);
  }

  private async signalAll(visitIds: string[], signal: string): Promise<string[]> {
    const failed: string[] = [];
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < visitIds.length) {
        const visitId = visitIds[next++];
        try {
          await this.client.workflow.getHandle(campaignVisitWorkflowId(visitId)).signal(signal);
        } catch (err) {
          // A case that already ended needs no signal.
          if (err instanceof WorkflowNotFoundError) continue;
          if (err instanceof Error && /already completed/i.test(err.message)) continue;
          failed.push(visitId);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SIGNAL_CONCURRENCY, visitIds.length) }, lane));
    return failed;
  }
}
