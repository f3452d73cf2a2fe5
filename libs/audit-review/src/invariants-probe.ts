import { isGrpcDeadlineError, WorkflowNotFoundError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { APPLICATION_WORKFLOW_TYPE } from '@aidflow/temporal';
import type { ApplicationOutcome, ApplicationView } from '@aidflow/workflows/types';
import type { HistoryArchiveRepository } from './history-archive.repository';
import { decodeApplicationHistory } from './history-rederivation';
import { compareWithOutcome, compareWithView } from './invariant-projection-rules';
import { CASE_STATES, classifyCase } from './invariant-rules';
import type { CaseVerdict, ExecutionFacts, InvariantFinding, ProjectionFacts } from './invariant-rules';
import type { InvariantScope } from './invariants.repository';
import type { ReplayEnvironment } from './replay.service';

/** The Temporal side of the invariants check: each case probed (describe, Query, result, archive) and visibility. */

/** What a case looks like from Temporal and PostgreSQL at one moment, judged for I1 and I4. */
export interface Probe {
  applicationId: string;
  i1: CaseVerdict | null;
  /** Why I1 could not be judged (Temporal did not answer describe). */
  i1Skipped: string | null;
  i4: InvariantFinding[];
  /** What I4 compared with: the Query, the archived history's result, the execution's result; or why it could not. */
  i4Source: 'query' | 'archive' | 'result' | null;
  i4Skipped: string | null;
}

/** Queries in a row that run into their deadline before the checker stops asking (no worker polls, say). */
const QUERY_TIMEOUTS_BEFORE_GIVING_UP = 3;

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The second look at a case at fault: what it still shows of what the first look found. */
export function settled(first: Probe, second: Probe): Probe {
  const codes = (findings: InvariantFinding[]) => new Set(findings.map((f) => f.code));
  const firstI1 = codes(first.i1?.violations ?? []);
  const firstI4 = codes(first.i4);
  let i1 = second.i1;
  if (i1 && first.i1) {
    const kept = i1.violations.filter((v) => firstI1.has(v.code));
    // At fault the second time for another reason than the first: moving between states, not stuck in one.
    i1 = { ...i1, violations: kept, state: i1.state ?? (kept.length ? null : CASE_STATES.inProgress) };
  }
  return { ...second, i1, i4: second.i4.filter((f) => firstI4.has(f.code)) };
}

/** The Temporal side of one check: describe, Query, result and visibility, with deadlines. */
export class CheckRun {
  private queryTimeouts = 0;
  /** Set once Queries stopped being asked, saying why. */
  queryGaveUp: string | null = null;
  visibilityError: string | null = null;

  constructor(
    private readonly client: Client,
    private readonly archive: HistoryArchiveRepository,
    private readonly replayEnv: ReplayEnvironment,
    private readonly callTimeoutMs: number,
  ) {}

  private call<T>(fn: () => Promise<T>): Promise<T> {
    return this.client.withDeadline(Date.now() + this.callTimeoutMs, fn);
  }

  async probe(projection: ProjectionFacts): Promise<Probe> {
    const probe: Probe = {
      applicationId: projection.applicationId,
      i1: null,
      i1Skipped: null,
      i4: [],
      i4Source: null,
      i4Skipped: null,
    };
    const handle = this.client.workflow.getHandle(projection.workflowId);
    let execution: ExecutionFacts | null;
    try {
      execution = toExecution(await this.call(() => handle.describe()));
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) {
        probe.i1Skipped = probe.i4Skipped = `Temporal did not describe the workflow: ${messageOf(err)}`;
        return probe;
      }
      execution = null;
    }

    let view: ApplicationView | null = null;
    let archivedStatus: string | null = null;
    if (execution) {
      const answer = await this.query(handle.workflowId);
      view = answer.view;
      if (view) {
        probe.i4 = compareWithView(projection, view);
        probe.i4Source = 'query';
      } else if (execution.status === 'COMPLETED') {
        const outcome = await this.call(() => handle.result() as Promise<ApplicationOutcome>).catch(() => null);
        if (outcome) {
          probe.i4 = compareWithOutcome(projection, outcome);
          probe.i4Source = 'result';
        }
      }
      if (!probe.i4Source) probe.i4Skipped = `the workflow did not answer its status Query (${answer.error})`;
    } else {
      const archived = await this.archive.findByApplication(projection.applicationId);
      archivedStatus = archived?.status ?? null;
      if (!archived) {
        probe.i4Skipped = 'no workflow execution and no archived history';
      } else {
        try {
          const converter = this.replayEnv.dataConverter ?? {};
          const decoded = await decodeApplicationHistory(historyFromJSON(archived.history), converter);
          if (decoded.result) {
            probe.i4 = compareWithOutcome(projection, decoded.result);
            probe.i4Source = 'archive';
          } else {
            probe.i4Skipped = 'the archived history has no result';
          }
        } catch (err) {
          probe.i4Skipped = `the archived history could not be decoded: ${messageOf(err)}`;
        }
      }
    }
    probe.i1 = classifyCase({ projection, execution, archivedStatus, view, now: new Date() });
    return probe;
  }

  /**
   * The workflow's own state, or why not. After a few Queries in a row ran into their deadline (no worker polls the
   * task queue, typically) it stops asking, so a check without a worker does not wait out every case.
   */
  private async query(workflowId: string): Promise<{ view: ApplicationView | null; error: string | null }> {
    if (this.queryGaveUp) return { view: null, error: 'not asked: earlier Queries ran into their deadline' };
    try {
      const view = await this.call(() => this.client.workflow.getHandle(workflowId).query<ApplicationView>('status'));
      this.queryTimeouts = 0;
      return { view, error: null };
    } catch (err) {
      if (isGrpcDeadlineError(err) && ++this.queryTimeouts >= QUERY_TIMEOUTS_BEFORE_GIVING_UP) {
        this.queryGaveUp =
          `${this.queryTimeouts} status Queries in a row ran into their deadline: is a worker running on the ` +
          "workflows' task queue? The cases after them were judged from describe() and the projection only";
      }
      return { view: null, error: messageOf(err) };
    }
  }

  /** Every execution (run) of each workflow id in scope, through visibility: one listing for the whole scope. */
  async executionsByWorkflowId(
    scope: InvariantScope,
    inScope: Map<string, string>,
  ): Promise<Map<string, Array<{ runId: string; status: string }>>> {
    const clauses = [`WorkflowType = '${APPLICATION_WORKFLOW_TYPE}'`];
    if (scope.applicationId) {
      const [workflowId] = [...inScope.keys()];
      if (workflowId) clauses.push(`WorkflowId = '${workflowId.replace(/'/g, '')}'`);
    }
    // Workflows start just after their row is stored; an hour's margin covers a clock apart.
    if (scope.since) clauses.push(`StartTime >= '${new Date(scope.since.getTime() - 3_600_000).toISOString()}'`);
    const runs = new Map<string, Array<{ runId: string; status: string }>>();
    for await (const execution of this.client.workflow.list({ query: clauses.join(' AND ') })) {
      if (!inScope.has(execution.workflowId)) continue;
      const list = runs.get(execution.workflowId) ?? [];
      list.push({ runId: execution.runId, status: execution.status.name });
      runs.set(execution.workflowId, list);
    }
    return runs;
  }
}

function toExecution(d: Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['describe']>>): ExecutionFacts {
  const task = d.raw.pendingWorkflowTask;
  return {
    workflowId: d.workflowId,
    runId: d.runId,
    status: d.status.name,
    closeTime: d.closeTime?.toISOString() ?? null,
    workflowTaskAttempt: task ? (task.attempt ?? 1) : null,
    pendingActivities: (d.raw.pendingActivities ?? []).map((a) => ({
      type: a.activityType?.name ?? '(unknown)',
      attempt: a.attempt ?? 1,
      lastFailure: a.lastFailure?.message ?? null,
    })),
  };
}
