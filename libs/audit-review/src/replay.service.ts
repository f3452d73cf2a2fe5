import { Inject, Injectable } from '@nestjs/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { History } from '@temporalio/common/lib/proto-utils';
import type { DataConverter } from '@temporalio/common';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import type { ReplayWorkerOptions } from '@temporalio/worker';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { FAILURE_CONVERTER_PATH } from '@aidflow/temporal';
import { HistoryArchiveRepository } from './history-archive.repository';

/** What replay runs against: the production workflow code and data converter. */
export abstract class ReplayEnvironment {
  /** A pre-built bundle (WORKFLOW_BUNDLE_PATH); without it the service bundles `workflowsPath` once. */
  abstract readonly workflowBundlePath: string | undefined;
  abstract readonly workflowsPath: string;
  abstract readonly dataConverter: DataConverter | undefined;
}

export type ReplayOutcome = 'identical' | 'nondeterministic' | 'failed';

export interface ReplayReport {
  applicationId: string;
  workflowId: string;
  runId: string;
  outcome: ReplayOutcome;
  /** The first event the current code no longer agrees with, when the replay names it. */
  firstDivergingEventId: number | null;
  error: string | null;
  /** Runs replayed, when the case continued as new (each run is a history of its own). */
  runs?: number;
}

export interface ReplaySummary {
  replayed: number;
  identical: number;
  nondeterministic: number;
  failed: number;
  reports: ReplayReport[];
}

/** The first diverging event id in a non-determinism message, e.g. "... HistoryEvent(id: 6, ActivityTaskScheduled)". */
export function divergingEvent(message: string): number | null {
  const match =
    /HistoryEvent\(id: ?(\d+)/.exec(message) ??
    /event[ _-]?id[^0-9]{0,4}(\d+)/i.exec(message) ??
    /event (\d+)/i.exec(message);
  return match ? Number(match[1]) : null;
}

function toReport(applicationId: string, workflowId: string, runId: string, error: unknown): ReplayReport {
  if (!error)
    return { applicationId, workflowId, runId, outcome: 'identical', firstDivergingEventId: null, error: null };
  const message =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : typeof error === 'string'
        ? error
        : JSON.stringify(error);
  const nondeterministic = error instanceof Error && error.name === 'DeterminismViolationError';
  return {
    applicationId,
    workflowId,
    runId,
    outcome: nondeterministic ? 'nondeterministic' : 'failed',
    firstDivergingEventId: divergingEvent(message),
    error: message,
  };
}

/**
 * Replays archived histories against the current workflow code: identical, or non-deterministic with the first
 * diverging event. Works after the Temporal server has forgotten the workflow.
 */
@Injectable()
export class ReplayService {
  private bundle: Promise<{ code: string }> | null = null;

  constructor(
    @Inject(HistoryArchiveRepository) private readonly archive: HistoryArchiveRepository,
    @Inject(ReplayEnvironment) private readonly env: ReplayEnvironment,
  ) {}

  private async options(): Promise<ReplayWorkerOptions> {
    const common = { dataConverter: this.env.dataConverter };
    if (this.env.workflowBundlePath) return { ...common, workflowBundle: { codePath: this.env.workflowBundlePath } };
    this.bundle ??= bundleWorkflowCode({
      workflowsPath: this.env.workflowsPath,
      failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: silentLogger,
    });
    return { ...common, workflowBundle: await this.bundle };
  }

  /** Replays every run of the case (one, unless it continued as new); the first run that disagrees is reported. */
  async replayCase(applicationId: string): Promise<ReplayReport> {
    const runs = await this.archive.findRunsByApplication(applicationId);
    if (runs.length === 0) {
      throw new ApplicationException(
        ErrorCode.NotFound,
        `No archived history for application ${applicationId}: it is still running or not archived yet`,
      );
    }
    const options = await this.options();
    for (const archived of runs) {
      const history: History = historyFromJSON(archived.history);
      try {
        await Worker.runReplayHistory(options, history, archived.workflowId);
      } catch (err) {
        return toReport(applicationId, archived.workflowId, archived.runId, err);
      }
    }
    const last = runs[runs.length - 1];
    return { ...toReport(applicationId, last.workflowId, last.runId, null), runs: runs.length };
  }

  /** Replays every archived case of a period through one replay worker; `onProgress` after each case. */
  async replayPeriod(
    filters: { from?: Date; to?: Date; program?: string },
    onProgress?: (done: number, total: number, last: ReplayReport) => void,
  ): Promise<ReplaySummary> {
    const total = await this.archive.count(filters);
    const summary: ReplaySummary = { replayed: 0, identical: 0, nondeterministic: 0, failed: 0, reports: [] };
    const archive = this.archive;
    const byWorkflowId = new Map<string, string>();
    async function* histories() {
      let after: string | null = null;
      for (;;) {
        const ids = await archive.listApplicationIds(filters, after, 100);
        for (const id of ids) {
          for (const archived of await archive.findRunsByApplication(id)) {
            byWorkflowId.set(archived.workflowId, id);
            yield { workflowId: archived.workflowId, history: historyFromJSON(archived.history) };
          }
        }
        if (ids.length < 100) return;
        after = ids[ids.length - 1]!;
      }
    }
    for await (const result of Worker.runReplayHistories(await this.options(), histories())) {
      const report = toReport(byWorkflowId.get(result.workflowId) ?? '', result.workflowId, result.runId, result.error);
      summary.replayed++;
      summary[report.outcome]++;
      if (report.outcome !== 'identical') summary.reports.push(report);
      onProgress?.(summary.replayed, total, report);
    }
    return summary;
  }
}

const silentLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
};
