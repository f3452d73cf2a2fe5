import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { ApplicationsRepository } from '@aidflow/applications';
import type { Principal } from '@aidflow/auth';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { applicationWorkflowId } from '@aidflow/temporal';
import { AuditExportRepository } from './audit-export.repository';
import { HistoryArchiveRepository } from './history-archive.repository';
import { viewHistory } from './history-view';
import type { HistoryEventView } from './history-view';
import { ReplayEnvironment } from './replay.service';

export interface CaseHistoryView {
  applicationId: string;
  workflowId: string;
  /** archive: the closed case's runs kept in PostgreSQL; temporal: the running case's current run, from the server. */
  source: 'archive' | 'temporal';
  unmasked: boolean;
  runs: Array<{ runId: string; events: HistoryEventView[] }>;
}

/**
 * The auditor's view of a case's Temporal history, decoded through the payload codec: personal data masked unless
 * an auditor unmasks, and every unmasked view recorded in the export log (who, when, which case) before it is shown.
 */
@Injectable()
export class HistoryViewService {
  private readonly logger = new Logger(HistoryViewService.name);

  constructor(
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(HistoryArchiveRepository) private readonly archive: HistoryArchiveRepository,
    @Inject(AuditExportRepository) private readonly log: AuditExportRepository,
    @Inject(ReplayEnvironment) private readonly env: ReplayEnvironment,
    @Inject(Client) private readonly client: Client,
  ) {}

  async caseHistory(actor: Principal, applicationId: string, unmasked: boolean): Promise<CaseHistoryView> {
    if (unmasked && actor.role !== 'auditor') {
      throw new ApplicationException(ErrorCode.Forbidden, 'Only auditors may unmask personal data in a history');
    }
    const app = await this.applications.findById(applicationId);
    if (!app) {
      throw new ApplicationException(ErrorCode.ApplicationNotFound, `Application ${applicationId} does not exist`);
    }
    const workflowId = applicationWorkflowId(applicationId);
    const archived = await this.archive.findRunsByApplication(applicationId);
    let source: CaseHistoryView['source'] = 'archive';
    let runs: Array<{ runId: string; history: unknown }> = archived.map((r) => ({
      runId: r.runId,
      history: r.history,
    }));
    if (runs.length === 0) {
      source = 'temporal';
      try {
        const handle = this.client.workflow.getHandle(workflowId);
        const description = await handle.describe();
        const history = await this.client.workflow.getHandle(workflowId, description.runId).fetchHistory();
        runs = [{ runId: description.runId, history: JSON.parse(historyToJSON(history)) as unknown }];
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) {
          throw new ApplicationException(
            ErrorCode.NotFound,
            `Application ${applicationId} has no history on the Temporal server and none archived yet`,
          );
        }
        throw new ApplicationException(
          ErrorCode.WorkflowUnavailable,
          `The workflow engine did not answer for application ${applicationId}; retry later`,
          { retryable: true },
        );
      }
    }
    if (unmasked) {
      const logId = await this.log.logExport({
        actorId: actor.userId,
        kind: 'history',
        format: 'json',
        unmasked: true,
        filters: { applicationId },
      });
      this.logger.warn(`Unmasked history of ${applicationId} viewed by ${actor.userId} (export log ${logId})`);
    }
    const converter = this.env.dataConverter ?? {};
    return {
      applicationId,
      workflowId,
      source,
      unmasked,
      runs: await Promise.all(
        runs.map(async (r) => ({ runId: r.runId, events: await viewHistory(r.history, converter, { unmasked }) })),
      ),
    };
  }
}
