import { Inject, Injectable } from '@nestjs/common';
import { ApplicationsRepository } from '@aidflow/applications';
import { LedgerRepository } from '@aidflow/audit';
import type { VerifyReport } from '@aidflow/audit';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { ProgramsRepository, toPinnedStandard } from '@aidflow/programs';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { HistoryArchiveRepository } from './history-archive.repository';
import { decodeApplicationRuns, rederiveFromHistory } from './history-rederivation';
import { rederive } from './rederivation';
import { ReplayEnvironment } from './replay.service';
import type { RederivationReport } from './rederivation';
import { caseAsOf } from './time-travel';
import type { CaseAsOf } from './time-travel';

export interface CaseAsOfWithStandard extends CaseAsOf {
  /** The standard the case pinned, as the table holds it (its validity says whether it was in force then). */
  standard: {
    id: string;
    policyVersion: string;
    validFrom: string;
    validTo: string | null;
    params: Record<string, number>;
  } | null;
}

/** What auditors ask of the record: is the chain intact, does every computation re-derive, how did the case stand. */
@Injectable()
export class AuditReviewService {
  constructor(
    @Inject(LedgerRepository) private readonly ledger: LedgerRepository,
    @Inject(ApplicationsRepository) private readonly applications: ApplicationsRepository,
    @Inject(ProgramsRepository) private readonly programs: ProgramsRepository,
    @Inject(HistoryArchiveRepository) private readonly archive: HistoryArchiveRepository,
    @Inject(ReplayEnvironment) private readonly replayEnv: ReplayEnvironment,
  ) {}

  verifyLedger(onProgress?: (checked: number, total: number) => void): Promise<VerifyReport> {
    return this.ledger.verify(onProgress);
  }

  async rederive(applicationId: string): Promise<RederivationReport> {
    const app = await this.requireApplication(applicationId);
    const entries = await this.ledger.entriesFor(applicationId);
    const row = await this.programs.findStandard(app.standardId);
    let standard = null;
    try {
      standard = row ? toPinnedStandard(app.programCode, row) : null;
    } catch {
      standard = null; // a doctored row that lost parameters: reported as a problem below
    }
    const report = rederive(applicationId, entries, standard, {
      tier: app.tier,
      grantedAmountFen: app.grantedAmountFen,
      facts: app.facts,
    });
    if (row && !standard) report.problems.push(`standard ${row.policyVersion} lacks parameters it had`);
    report.matches = report.matches && report.problems.length === 0;
    return report;
  }

  /**
   * Re-derives from the archived Temporal history instead of the ledger: the workflow's own input (facts, pinned
   * standard, route) against what its activities recorded. Needs no Temporal server, only the payload keys.
   */
  async rederiveFromArchive(applicationId: string): Promise<RederivationReport> {
    await this.requireApplication(applicationId);
    const runs = await this.archive.findRunsByApplication(applicationId);
    if (runs.length === 0) {
      throw new ApplicationException(
        ErrorCode.NotFound,
        `No archived history for application ${applicationId}: it is still running or not archived yet`,
      );
    }
    const converter = this.replayEnv.dataConverter ?? {};
    const decoded = await decodeApplicationRuns(
      runs.map((r) => historyFromJSON(r.history)),
      converter,
    );
    return rederiveFromHistory(decoded);
  }

  async asOf(applicationId: string, at: Date): Promise<CaseAsOfWithStandard> {
    await this.requireApplication(applicationId);
    const state = caseAsOf(applicationId, at, await this.ledger.entriesFor(applicationId, { asOf: at }));
    const row = state.standardId ? await this.programs.findStandard(state.standardId) : null;
    return {
      ...state,
      standard: row
        ? {
            id: row.id,
            policyVersion: row.policyVersion,
            validFrom: row.validFrom,
            validTo: row.validTo,
            params: row.params,
          }
        : null,
    };
  }

  private async requireApplication(id: string) {
    const app = await this.applications.findById(id);
    if (!app) throw new ApplicationException(ErrorCode.ApplicationNotFound, `Application ${id} does not exist`);
    return app;
  }
}
