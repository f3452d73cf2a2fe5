import { Inject, Injectable } from '@nestjs/common';
import { Client, isGrpcDeadlineError, WorkflowNotFoundError } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { APPLICATION_WORKFLOW_TYPE } from '@aidflow/temporal';
import type { ApplicationOutcome, ApplicationView } from '../../../workflows/types';
import { AuditReviewService } from './audit-review.service';
import { HistoryArchiveRepository } from './history-archive.repository';
import { decodeApplicationHistory } from './history-rederivation';
import { CASE_STATES, classifyCase, compareWithOutcome, compareWithView, decisionFindings } from './invariant-rules';
import type { CaseVerdict, ExecutionFacts, InvariantFinding, InvariantId, ProjectionFacts } from './invariant-rules';
import { InvariantsRepository } from './invariants.repository';
import type { ApplicationRow, InvariantScope, NotificationRow } from './invariants.repository';
import { ReplayEnvironment, ReplayService } from './replay.service';
import type { ReplaySummary } from './replay.service';

export interface InvariantsOptions {
  /** One case only. */
  applicationId?: string;
  /** Cases submitted at or after this moment. */
  since?: Date;
  /** Leave out replaying the archived histories (I5's slow half); the ledger is still verified. */
  skipReplay?: boolean;
  /** A notification pending longer than this is reported (a warning). Default 1 hour. */
  notificationGraceMs?: number;
  /**
   * A live case the first pass finds at fault is looked at again after this long, and reported only if it still is:
   * the workflow and its projection are written one after the other, so a busy case can be caught in between.
   * Default 2 s; 0 reports the first look.
   */
  settleMs?: number;
  /** Deadline of each call to Temporal (describe, Query, result). Default 10 s. */
  callTimeoutMs?: number;
  /** Cases looked at in parallel. Default 8. */
  concurrency?: number;
  onProgress?: (phase: InvariantsPhase, done: number, total: number) => void;
}

export type InvariantsPhase = 'cases' | 'ledger' | 'replay';

export interface InvariantResult {
  id: InvariantId;
  title: string;
  /** How many things were checked, in `unit`s. */
  checked: number;
  unit: string;
  violations: InvariantFinding[];
  /** Worth a look, not a breach: a notification pending past the grace period, an activity retrying a long time. */
  warnings: InvariantFinding[];
  /** Things in scope that could not be checked, with why in `notes`. */
  skipped: number;
  notes: string[];
  /** I1: how many cases are in each terminal or waiting state. */
  states?: Record<string, number>;
  holds: boolean;
}

export interface InvariantsReport {
  scope: { applicationId: string | null; since: string | null; replay: boolean };
  /** Cases in scope (rows in `applications`). */
  applications: number;
  invariants: InvariantResult[];
  /** Every invariant holds (warnings allowed). */
  holds: boolean;
  /**
   * Why part of the check could not be done (Temporal did not describe some cases, visibility did not answer, no
   * worker answered the Queries); empty when everything in scope was looked at.
   */
  incomplete: string[];
}

export const INVARIANT_TITLES: Record<InvariantId, string> = {
  I1: 'every accepted application is terminal or in a documented waiting state',
  I2: 'one open execution, one decision per level and round, one payment per case',
  I3: 'each notification at most once per idempotency key',
  I4: "the PostgreSQL projection equals the workflow's own state (its Query)",
  I5: 'the ledger chain verifies and every archived history replays clean',
};

/** What a case looks like from Temporal and PostgreSQL at one moment, judged for I1 and I4. */
interface Probe {
  applicationId: string;
  i1: CaseVerdict | null;
  /** Why I1 could not be judged (Temporal did not answer describe). */
  i1Skipped: string | null;
  i4: InvariantFinding[];
  /** What I4 compared with: the Query, the archived history's result, the execution's result; or why it could not. */
  i4Source: 'query' | 'archive' | 'result' | null;
  i4Skipped: string | null;
}

const PAGE = 200;
const LIST_LIMIT = 1000;
/** Queries in a row that run into their deadline before the checker stops asking (no worker polls, say). */
const QUERY_TIMEOUTS_BEFORE_GIVING_UP = 3;

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs `fn` over `items`, at most `limit` at a time, in order of the items. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]);
  });
  await Promise.all(workers);
  return results;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const describeNotification = (n: NotificationRow): string =>
  `notification ${n.eventKey} to user ${n.recipientUserId} by ${n.channel}`;

/**
 * The one checker of RELIABILITY.md's invariants I1-I5 over a running stack: Temporal (describe, Query, visibility)
 * against PostgreSQL (the projection, decisions, money, notifications, the ledger, the archived histories). Read-only.
 * `npm run audit -- invariants` runs it; fault tests call it directly.
 */
@Injectable()
export class InvariantsService {
  constructor(
    @Inject(InvariantsRepository) private readonly repo: InvariantsRepository,
    @Inject(Client) private readonly client: Client,
    @Inject(AuditReviewService) private readonly review: AuditReviewService,
    @Inject(ReplayService) private readonly replay: ReplayService,
    @Inject(HistoryArchiveRepository) private readonly archive: HistoryArchiveRepository,
    @Inject(ReplayEnvironment) private readonly replayEnv: ReplayEnvironment,
  ) {}

  async check(options: InvariantsOptions = {}): Promise<InvariantsReport> {
    const scope: InvariantScope = { applicationId: options.applicationId, since: options.since };
    const total = await this.repo.countApplications(scope);
    if (options.applicationId && total === 0) {
      throw new ApplicationException(
        ErrorCode.ApplicationNotFound,
        `Application ${options.applicationId} does not exist`,
      );
    }
    const run = new CheckRun(this.client, this.archive, this.replayEnv, options.callTimeoutMs ?? 10_000);

    // I1 and I4: every case, from Temporal and from PostgreSQL; those at fault looked at again once settled.
    const probes = new Map<string, Probe>();
    const workflowIds = new Map<string, string>();
    let after: string | null = null;
    let done = 0;
    options.onProgress?.('cases', 0, total);
    for (;;) {
      const rows = await this.repo.listApplications(scope, after, PAGE);
      if (rows.length === 0) break;
      for (const row of rows) workflowIds.set(row.workflowId, row.applicationId);
      const details = await this.projections(rows);
      const looked = await mapLimit(details, options.concurrency ?? 8, async (projection) => {
        const probe = await run.probe(projection);
        options.onProgress?.('cases', ++done, total);
        return probe;
      });
      for (const probe of looked) probes.set(probe.applicationId, probe); // in id order, whatever answered first

      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].applicationId;
    }
    const atFault = [...probes.values()].filter((p) => p.i1?.violations.length || p.i4.length);
    const settleMs = options.settleMs ?? 2_000;
    if (atFault.length && settleMs > 0) {
      await sleep(settleMs);
      const again = await this.projections(await this.repo.findApplications(atFault.map((p) => p.applicationId)));
      await mapLimit(again, options.concurrency ?? 8, async (projection) => {
        const first = probes.get(projection.applicationId)!;
        probes.set(projection.applicationId, settled(first, await run.probe(projection)));
      });
    }

    const invariants: InvariantResult[] = [
      this.i1(probes),
      await this.i2(scope, workflowIds, run),
      await this.i3(scope, options.notificationGraceMs ?? 60 * 60 * 1000),
      this.i4(probes, run),
      await this.i5(scope, options),
    ];
    const undescribed = [...probes.values()].filter((p) => p.i1Skipped).length;
    const incomplete = [
      ...(undescribed ? [`${undescribed} case(s) not described by Temporal (see I1's notes)`] : []),
      ...(run.visibilityError ? [`visibility did not list the executions: ${run.visibilityError}`] : []),
      ...(run.queryGaveUp ? [run.queryGaveUp] : []),
    ];
    return {
      scope: {
        applicationId: options.applicationId ?? null,
        since: options.since?.toISOString() ?? null,
        replay: !options.skipReplay,
      },
      applications: total,
      invariants,
      holds: invariants.every((i) => i.holds),
      incomplete,
    };
  }

  private async projections(rows: ApplicationRow[]): Promise<ProjectionFacts[]> {
    const details = await this.repo.caseDetails(rows.map((r) => r.applicationId));
    return rows.map((row) => ({ ...row, ...details.get(row.applicationId)! }));
  }

  private i1(probes: Map<string, Probe>): InvariantResult {
    const result = empty('I1', probes.size, 'applications');
    const states: Record<string, number> = {};
    const skippedWhy = new Map<string, number>();
    for (const probe of probes.values()) {
      if (!probe.i1) {
        result.skipped++;
        skippedWhy.set(probe.i1Skipped ?? 'unknown', (skippedWhy.get(probe.i1Skipped ?? 'unknown') ?? 0) + 1);
        continue;
      }
      if (probe.i1.state) states[probe.i1.state] = (states[probe.i1.state] ?? 0) + 1;
      result.violations.push(...probe.i1.violations);
      result.warnings.push(...probe.i1.warnings);
    }
    for (const [why, n] of skippedWhy) result.notes.push(`${n} case(s) not judged: ${why}`);
    result.states = Object.fromEntries(
      Object.values(CASE_STATES)
        .filter((s) => states[s])
        .map((s) => [s, states[s]]),
    );
    return finish(result);
  }

  private async i2(scope: InvariantScope, workflowIds: Map<string, string>, run: CheckRun): Promise<InvariantResult> {
    const result = empty('I2', workflowIds.size, 'applications');
    // Executions per workflow id, through visibility: Temporal allows one open execution per id; check it anyway.
    try {
      const runs = await run.executionsByWorkflowId(scope, workflowIds);
      for (const [workflowId, executions] of runs) {
        const applicationId = workflowIds.get(workflowId)!;
        const open = executions.filter((e) => e.status === 'RUNNING');
        if (open.length > 1) {
          result.violations.push({
            applicationId,
            code: 'two-open-executions',
            message: `${open.length} open executions of ${workflowId} (runs ${open.map((e) => e.runId).join(', ')})`,
          });
        }
        const counted = executions.filter((e) => e.status !== 'CONTINUED_AS_NEW');
        if (counted.length > 1) {
          result.warnings.push({
            applicationId,
            code: 'several-executions',
            message:
              `${counted.length} executions of ${workflowId}: ` +
              `${counted.map((e) => `${e.runId} ${e.status}`).join(', ')} (a reset, or the case started twice)`,
          });
        }
      }
    } catch (err) {
      run.visibilityError = messageOf(err);
      result.notes.push(`executions per workflow id not listed (visibility did not answer: ${run.visibilityError})`);
    }
    for (const group of await this.repo.decisionGroups(scope)) result.violations.push(...decisionFindings(group));
    for (const dup of await this.repo.moneyDuplicates(scope)) {
      const what = {
        budget_reservation: 'budget reservations',
        disbursement: 'disbursements',
        payment: 'payments recorded (ledger payment_recorded)',
      }[dup.what];
      result.violations.push({
        applicationId: dup.applicationId,
        code: `two-${dup.what.replace('_', '-')}s`,
        message: `${dup.rows} ${what} for one case; there must be at most one`,
      });
    }
    return finish(result);
  }

  private async i3(scope: InvariantScope, graceMs: number): Promise<InvariantResult> {
    const facts = await this.repo.notificationFacts(scope, graceMs, LIST_LIMIT);
    const result = empty('I3', facts.checked, 'notifications');
    for (const d of facts.duplicates) {
      result.violations.push({
        applicationId: d.applicationId,
        code: d.sent > 1 ? 'sent-twice' : 'two-rows-one-key',
        message:
          `${d.rows} rows (${d.sent} sent) for notification ${d.eventKey} to user ${d.recipientUserId} by ${d.channel}: ` +
          'one idempotency key, one row, at most one send',
      });
    }
    const minutes = Math.round(graceMs / 60_000);
    for (const n of facts.stalePending.first) {
      result.warnings.push({
        applicationId: n.applicationId,
        code: 'pending-past-grace',
        message:
          `${describeNotification(n)} pending since ${n.createdAt.toISOString()} (grace ${minutes} min)` +
          (n.lastError ? `: ${n.lastError.slice(0, 200)}` : ''),
      });
    }
    for (const n of facts.failed.first) {
      result.warnings.push({
        applicationId: n.applicationId,
        code: 'not-delivered',
        message: `${describeNotification(n)} failed for good${n.lastError ? `: ${n.lastError.slice(0, 200)}` : ''}`,
      });
    }
    const more = (shown: number, total: number, what: string) =>
      total > shown && result.notes.push(`${total - shown} more ${what} not listed`);
    more(facts.stalePending.first.length, facts.stalePending.total, 'notification(s) pending past the grace period');
    more(facts.failed.first.length, facts.failed.total, 'failed notification(s)');
    result.notes.push(
      'deliveries at the providers are not visible from here: with the local sinks, their logs show each send',
    );
    return finish(result);
  }

  private i4(probes: Map<string, Probe>, run: CheckRun): InvariantResult {
    const result = empty('I4', 0, 'applications');
    const sources = { query: 0, archive: 0, result: 0 };
    const skippedWhy = new Map<string, number>();
    for (const probe of probes.values()) {
      if (!probe.i4Source) {
        result.skipped++;
        const why = probe.i4Skipped ?? 'unknown';
        skippedWhy.set(why, (skippedWhy.get(why) ?? 0) + 1);
        continue;
      }
      result.checked++;
      sources[probe.i4Source]++;
      result.violations.push(...probe.i4);
    }
    if (sources.archive) result.notes.push(`${sources.archive} compared with the archived history's result`);
    if (sources.result) result.notes.push(`${sources.result} compared with the closed execution's result`);
    for (const [why, n] of skippedWhy) result.notes.push(`${n} skipped: ${why}`);
    if (run.queryGaveUp) result.notes.push(run.queryGaveUp);
    return finish(result);
  }

  private async i5(scope: InvariantScope, options: InvariantsOptions): Promise<InvariantResult> {
    const result = empty('I5', 0, 'ledger entries and histories');
    const ledger = await this.review.verifyLedger((checked, total) => options.onProgress?.('ledger', checked, total));
    result.checked += ledger.checked;
    result.notes.push(
      ledger.ok
        ? `ledger: ${ledger.checked} entries, per-case and global chains intact (the whole ledger, whatever the scope)`
        : `ledger: broken after ${ledger.checked} intact entries`,
    );
    if (ledger.firstBroken) {
      const b = ledger.firstBroken;
      result.violations.push({
        applicationId: b.applicationId,
        code: 'ledger-broken',
        message: `first broken link: seq ${b.seq}, ${b.chain} chain: ${b.problem}`,
      });
    }
    if (options.skipReplay) {
      result.notes.push('replay skipped (--skip-replay)');
      return finish(result);
    }
    let summary: ReplaySummary;
    if (scope.applicationId) {
      const archived = await this.archive.findByApplication(scope.applicationId);
      if (!archived) {
        result.notes.push('replay: the case has no archived history (still running, or not archived yet)');
        return finish(result);
      }
      const report = await this.replay.replayCase(scope.applicationId);
      summary = {
        replayed: 1,
        identical: report.outcome === 'identical' ? 1 : 0,
        nondeterministic: report.outcome === 'nondeterministic' ? 1 : 0,
        failed: report.outcome === 'failed' ? 1 : 0,
        reports: report.outcome === 'identical' ? [] : [report],
      };
    } else {
      summary = await this.replay.replayPeriod({ from: scope.since }, (done, total) =>
        options.onProgress?.('replay', done, total),
      );
    }
    result.checked += summary.replayed;
    result.notes.push(
      `replay: ${summary.replayed} archived histories against the current workflow code, ${summary.identical} identical`,
    );
    for (const r of summary.reports) {
      result.violations.push({
        applicationId: r.applicationId || null,
        code: r.outcome === 'nondeterministic' ? 'replay-nondeterministic' : 'replay-failed',
        message:
          `history of ${r.workflowId} (run ${r.runId}) does not replay: ${r.outcome}` +
          `${r.firstDivergingEventId !== null ? `, first diverging event ${r.firstDivergingEventId}` : ''}` +
          `${r.error ? `: ${r.error.split('\n')[0]}` : ''}`,
      });
    }
    const notArchived = await this.repo.closedNotArchived(scope);
    if (notArchived) {
      result.notes.push(
        `${notArchived} closed case(s) not archived yet, so not replayed (\`npm run audit -- archive\`)`,
      );
    }
    return finish(result);
  }
}

function empty(id: InvariantId, checked: number, unit: string): InvariantResult {
  return {
    id,
    title: INVARIANT_TITLES[id],
    checked,
    unit,
    violations: [],
    warnings: [],
    skipped: 0,
    notes: [],
    holds: true,
  };
}

function finish(result: InvariantResult): InvariantResult {
  return { ...result, holds: result.violations.length === 0 };
}

/** The second look at a case at fault: what it still shows of what the first look found. */
function settled(first: Probe, second: Probe): Probe {
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
class CheckRun {
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
