import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { applicationWorkflowId } from '@aidflow/temporal';
import { HistoryArchiveRepository } from './history-archive.repository';
import type { ArchivedHistory } from './history-archive.repository';

export type ArchiveOutcome = 'archived' | 'still-running' | 'not-found';

/**
 * Copies the full Temporal history of every closed application workflow into PostgreSQL, so no retention setting
 * of any Temporal server loses what auditors need. Runs periodically in the worker; idempotent.
 */
@Injectable()
export class HistoryArchiver {
  private readonly logger = new Logger(HistoryArchiver.name);

  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(HistoryArchiveRepository) private readonly archive: HistoryArchiveRepository,
  ) {}

  /**
   * Archives every run of the case: the last one and, for a long-lived case that continued as new, each run before
   * it (followed back through `continuedExecutionRunId`). The earlier runs are stored first, so a case counts as
   * archived only once its last run is.
   */
  async archiveApplication(applicationId: string): Promise<ArchiveOutcome> {
    const workflowId = applicationWorkflowId(applicationId);
    try {
      const last = await this.client.workflow.getHandle(workflowId).describe();
      if (last.status.name === 'RUNNING') return 'still-running';
      const runs: ArchivedHistory[] = [];
      for (let description = last; ;) {
        const history = await this.client.workflow.getHandle(workflowId, description.runId).fetchHistory();
        runs.unshift({
          workflowId: description.workflowId,
          runId: description.runId,
          applicationId,
          workflowType: description.type,
          status: description.status.name,
          startedAt: description.startTime,
          closedAt: description.closeTime ?? null,
          eventCount: history.events?.length ?? 0,
          history: JSON.parse(historyToJSON(history)) as unknown,
        });
        const previous = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
        if (!previous) break;
        description = await this.client.workflow.getHandle(workflowId, previous).describe();
      }
      for (const run of runs) await this.archive.save(run);
      return 'archived';
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return 'not-found';
      throw err;
    }
  }

  /**
   * Archives every closed case not archived yet, a page at a time (so cases that cannot be archived now, still
   * closing or unknown to Temporal, never hold back the ones behind them); returns how many histories it stored.
   */
  async archivePending(batch = 100): Promise<number> {
    let archived = 0;
    let after: string | null = null;
    for (;;) {
      const ids = await this.archive.pendingApplications(batch, after);
      for (const id of ids) {
        const outcome = await this.archiveApplication(id);
        if (outcome === 'archived') archived++;
        if (outcome === 'not-found')
          this.logger.error(`Application ${id} is closed but Temporal has no history for it`);
      }
      if (ids.length < batch) return archived;
      after = ids[ids.length - 1]!;
    }
  }
}
