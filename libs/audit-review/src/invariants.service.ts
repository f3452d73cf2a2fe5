import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { AuditReviewService } from './audit-review.service';
import { HistoryArchiveRepository } from './history-archive.repository';
import { CASE_STATES, decisionFindings } from './invariant-rules';
import type { ProjectionFacts } from './invariant-rules';
import { CheckRun, messageOf, settled } from './invariants-probe';
import type { Probe } from './invariants-probe';
import { emptyResult, finished } from './invariants-report';
import type { InvariantResult, InvariantsOptions, InvariantsReport } from './invariants-report';
import { InvariantsRepository } from './invariants.repository';
import type { ApplicationRow, InvariantScope, NotificationRow } from './invariants.repository';
import { ReplayEnvironment, ReplayService } from './replay.service';
import type { ReplaySummary } from './replay.service';

const PAGE = 200;
const LIST_LIMIT = 1000;
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
    const result = emptyResult('I1', probes.size, 'applications');
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
    return finished(result);
  }

  private async i2(scope: InvariantScope, workflowIds: Map<string, string>, run: CheckRun): Promise<InvariantResult> {
    const result = emptyResult('I2', workflowIds.size, 'applications');
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
    return finished(result);
  }

  private async i3(scope: InvariantScope, graceMs: number): Promise<InvariantResult> {
    const facts = await this.repo.notificationFacts(scope, graceMs, LIST_LIMIT);
    const result = emptyResult('I3', facts.checked, 'notifications');
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
    return finished(result);
  }

  private i4(probes: Map<string, Probe>, run: CheckRun): InvariantResult {
    const result = emptyResult('I4', 0, 'applications');
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
    return finished(result);
  }

  private async i5(scope: InvariantScope, options: InvariantsOptions): Promise<InvariantResult> {
    const result = emptyResult('I5', 0, 'ledger entries and histories');
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
      return finished(result);
    }
    let summary: ReplaySummary;
    if (scope.applicationId) {
      const archived = await this.archive.findByApplication(scope.applicationId);
      if (!archived) {
        result.notes.push('replay: the case has no archived history (still running, or not archived yet)');
        return finished(result);
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
    return finished(result);
  }
}
