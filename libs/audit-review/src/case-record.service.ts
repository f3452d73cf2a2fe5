import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { ApplicationsRepository } from '@aidflow/applications';
import { LedgerRepository } from '@aidflow/audit';
import type { LedgerEntry } from '@aidflow/audit';
import type { Principal } from '@aidflow/auth';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { applicationWorkflowId } from '@aidflow/temporal';
import { AuditExportRepository } from './audit-export.repository';
import { HistoryArchiveRepository } from './history-archive.repository';
import { maskPersonalData, viewHistory } from './history-view';
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

export interface CaseLedgerView {
  applicationId: string;
  unmasked: boolean;
  /** The case's ledger entries in order; globalHash is null for an entry the sealer has not linked yet. */
  entries: Array<Omit<LedgerEntry, 'payload'> & { payload: unknown }>;
}

/**
 * The auditor's views of one case's record, side by side with its projection: the ledger entries and the Temporal
 * history (decoded through the payload codec). Personal data is masked unless an auditor unmasks, and every unmasked
 * view is recorded in the export log (who, when, which case) before it is shown.
 */
@Injectable()
export class CaseRecordService {
  private readonly logger = new Logger(CaseRecordService.name);

  constructor(
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(HistoryArchiveRepository) private readonly archive: HistoryArchiveRepository,
    @Inject(AuditExportRepository) private readonly log: AuditExportRepository,
    @Inject(ReplayEnvironment) private readonly env: ReplayEnvironment,
    @Inject(Client) private readonly client: Client,
    @Inject(LedgerRepository) private readonly ledger: LedgerRepository,
  ) {}

  async caseLedger(actor: Principal, applicationId: string, unmasked: boolean): Promise<CaseLedgerView> {
    await this.requireCase(actor, applicationId, unmasked);
    const entries = await this.ledger.entriesFor(applicationId);
    if (unmasked) await this.logUnmasked(actor, applicationId, 'ledger');
    return {
      applicationId,
      unmasked,
      entries: entries.map((e) => ({ ...e, payload: unmasked ? e.payload : maskPersonalData(e.payload) })),
    };
  }

  async caseHistory(actor: Principal, applicationId: string, unmasked: boolean): Promise<CaseHistoryView> {
    await this.requireCase(actor, applicationId, unmasked);
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
    if (unmasked) await this.logUnmasked(actor, applicationId, 'history');
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

  private async requireCase(actor: Principal, applicationId: string, unmasked: boolean): Promise<void> {
    if (unmasked && actor.role !== 'auditor') {
      throw new ApplicationException(ErrorCode.Forbidden, "Only auditors may unmask personal data in a case's record");
    }
    const app = await this.applications.findById(applicationId);
    if (!app) {
      throw new ApplicationException(ErrorCode.ApplicationNotFound, `Application ${applicationId} does not exist`);
    }
  }

  private async logUnmasked(actor: Principal, applicationId: string, what: 'ledger' | 'history'): Promise<void> {
    const logId = await this.log.logExport({
      actorId: actor.userId,
      kind: what,
      format: 'json',
      unmasked: true,
      filters: { applicationId, view: 'case' },
    });
    this.logger.warn(`Unmasked ${what} of ${applicationId} viewed by ${actor.userId} (export log ${logId})`);
  }
}
