import { Client } from '@temporalio/client';
import { decodeFromPayloadsAtIndex, loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { ApplicationsService } from '../../libs/applications/src';
import { AuditReviewService, HistoryArchiver, InvariantsService, ReplayService } from '../../libs/audit-review/src';
import { applicationWorkflowId, buildDataConverter } from '../../libs/temporal/src';
import { CONTINUE_AS_NEW_AFTER_BYTES, CONTINUE_AS_NEW_AFTER_EVENTS } from '@aidflow/workflows/application';
import type { ApplicationWorkflowInput } from '@aidflow/workflows/types';
import { ELIGIBLE_HARDSHIP, ELIGIBLE_HARDSHIP_FACTS_CNY } from '../support/hardship-commands';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * F-14 of shared/RELIABILITY.md: a long-lived case. 200 returns and resubmissions, then comments at an open level,
 * on one case: it continues as new while it waits (on the applicant, and at a level), every run's history stays
 * near `CONTINUE_AS_NEW_AFTER_EVENTS`, and the case still ends as one case: approved and paid once, its trail
 * whole in the Query and in PostgreSQL, every run archived, replayed and re-derived, the invariants holding.
 * `F14_CYCLES` sets the number of return / resubmit rounds (default 200).
 */
const CYCLES = Number(process.env.F14_CYCLES ?? 200);
/** A run may pass the mark by what happens between two waits (a few activities); never by much. */
const RUN_MARGIN = 150;

let stack: TestStack;
let service: ApplicationsService;
let client: Client;

beforeAll(async () => {
  stack = await startTestStack();
  service = stack.services.get(ApplicationsService);
  client = stack.services.get(Client);
});

afterAll(async () => {
  await stack?.stop();
});

const as = (username: string) => stack.principal(username);

interface Run {
  runId: string;
  status: string;
  events: number;
  bytes: number;
  /** Where the run handed over (the next run's `carried.at.kind`), for runs that continued as new. */
  carriedAt: string | null;
}

async function runsOf(id: string): Promise<Run[]> {
  const workflowId = applicationWorkflowId(id);
  const converter = loadDataConverter(buildDataConverter(stack.config));
  const runs: Run[] = [];
  for await (const execution of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    const history = await client.workflow.getHandle(workflowId, execution.runId).fetchHistory();
    const events = history.events ?? [];
    const continued = events[events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes;
    const next = continued
      ? await decodeFromPayloadsAtIndex<ApplicationWorkflowInput>(converter, 0, continued.input?.payloads)
      : null;
    runs.push({
      runId: execution.runId,
      status: execution.status.name,
      events: events.length,
      bytes: Number(execution.historySize ?? 0),
      carriedAt: next?.carried?.at.kind ?? null,
    });
  }
  return runs.reverse(); // visibility lists the newest first
}

async function openTask(id: string, level: number): Promise<void> {
  await eventually(async () => {
    const rows = await stack.sql(
      `SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = $2 AND status = 'open'`,
      [id, level],
    );
    return rows.length ? true : undefined;
  }, `open task at level ${level}`);
}

describe('F-14: a long-lived case continues as new and stays one case', () => {
  it(`survives ${CYCLES} returns and resubmissions and a stream of comments at a level`, async () => {
    const started = Date.now();
    const applicant = await as('applicant1');
    const level1 = await as('approver-g-east-1');
    const { application } = await service.submitHardship(applicant, ELIGIBLE_HARDSHIP, 'f14-long-lived');
    const id = application.id;
    await openTask(id, 1);

    /**
     * A run hands over at the first moment the case waits with nothing queued. Back-to-back requests from this test
     * leave no such moment (each arrives while the previous one's notifications are still being sent), so once a
     * run is past the mark the test pauses, as people do between a return and a resubmission, until it handed over.
     */
    const handle = client.workflow.getHandle(applicationWorkflowId(id));
    const past = async (): Promise<boolean> => {
      const d = await handle.describe();
      return d.historyLength >= CONTINUE_AS_NEW_AFTER_EVENTS || (d.historySize ?? 0) >= CONTINUE_AS_NEW_AFTER_BYTES;
    };
    async function paceLikePeople(): Promise<void> {
      if (!(await past())) return;
      await eventually(async () => ((await past()) ? undefined : true), 'the case to continue as a new run', 60_000);
    }

    for (let i = 1; i <= CYCLES; i++) {
      const returned = await service.returnCase(level1, id, { comment: `第${i}次退回：请补充材料 (${i})` });
      expect(returned.application.status).toBe('returned');
      const resubmitted = await service.resubmit(applicant, id, {
        category: ELIGIBLE_HARDSHIP.category,
        facts: ELIGIBLE_HARDSHIP_FACTS_CNY,
        requestedAmountFen: 400_000 + (i % 10) * 1_000,
        comment: `已补充 ${i}`,
      });
      expect(resubmitted.application).toMatchObject({ status: 'pending_approval', currentLevel: 1 });
      await paceLikePeople();
    }
    const cyclesMs = Date.now() - started;
    expect((await runsOf(id)).length).toBeGreaterThanOrEqual(2);

    /** Comments (which never wake the main loop) until the case hands over while it waits `where`. */
    let comments = 0;
    async function commentUntilHandedOver(where: 'applicant' | 'level'): Promise<void> {
      const before = (await runsOf(id)).filter((r) => r.carriedAt === where).length;
      for (let n = 0; n < 600; n++) {
        await service.comment(applicant, id, `补充说明 ${++comments}`);
        if (n % 25 === 24 && (await runsOf(id)).filter((r) => r.carriedAt === where).length > before) return;
      }
      throw new Error(`no continue-as-new while waiting on the ${where} after 600 comments`);
    }

    // Returned once more, the case waits on the applicant, who comments until it continues as new; then resubmits.
    await service.returnCase(level1, id, { comment: '最后一次退回' });
    await commentUntilHandedOver('applicant');
    await service.resubmit(applicant, id, {
      category: ELIGIBLE_HARDSHIP.category,
      facts: ELIGIBLE_HARDSHIP_FACTS_CNY,
      requestedAmountFen: 450_000,
      comment: '最后一次补充',
    });
    // Level 1 approves; at level 2 the applicant comments until the case continues as new while the level waits.
    await service.decide(level1, id, { decision: 'approve', comment: '同意' });
    await openTask(id, 2);
    await commentUntilHandedOver('level');
    const final = await service.decide(await as('approver-d-east'), id, { decision: 'approve', comment: '同意' });
    expect(final.application).toMatchObject({ status: 'pending_approval', currentLevel: 3 });
    const approved = await service.decide(await as('approver-city'), id, { decision: 'approve', comment: '同意' });
    expect(approved.application.status).toBe('approved');
    const runs = await eventually(async () => {
      const all = await runsOf(id);
      return all[all.length - 1]?.status === 'COMPLETED' ? all : undefined;
    }, 'the last run to complete');

    // One case: every run but the last continued as new, each small; both kinds of hand-over happened.
    expect(runs.slice(0, -1).every((r) => r.status === 'CONTINUED_AS_NEW')).toBe(true);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.map((r) => r.carriedAt)).toEqual(expect.arrayContaining(['applicant', 'level']));
    for (const run of runs) {
      expect(run.events).toBeLessThanOrEqual(CONTINUE_AS_NEW_AFTER_EVENTS + RUN_MARGIN);
      expect(run.bytes).toBeLessThanOrEqual(CONTINUE_AS_NEW_AFTER_BYTES * 1.5);
    }
    const totalEvents = runs.reduce((n, r) => n + r.events, 0);

    // The whole trail survived the hand-overs: the workflow's own view equals PostgreSQL's, nothing dropped.
    const view = await client.workflow
      .getHandle(applicationWorkflowId(id))
      .result()
      .then(() => service.get(applicant, id));
    const byPeople = view.actions.filter((a) => ['return', 'resubmit', 'comment'].includes(a.verb));
    expect(byPeople.filter((a) => a.verb === 'return')).toHaveLength(CYCLES + 1);
    expect(byPeople.filter((a) => a.verb === 'resubmit')).toHaveLength(CYCLES + 1);
    expect(byPeople.filter((a) => a.verb === 'comment')).toHaveLength(comments);
    expect(view.decisions.map((d) => [d.level, d.round ?? 1, d.decision])).toEqual([
      [1, CYCLES + 2, 'approve'],
      [2, 1, 'approve'],
      [3, 1, 'approve'],
    ]);
    const [{ seqs, distinct }] = await stack.sql<{ seqs: number; distinct: number }>(
      'SELECT count(*)::int AS seqs, count(DISTINCT seq)::int AS distinct FROM case_actions WHERE application_id = $1',
      [id],
    );
    expect(distinct).toBe(seqs);
    expect(seqs).toBe(view.actions.length);

    // Paid once, for what the last resubmission asked.
    const paid = await eventually(async () => {
      const rows = await stack.sql<{ amount_fen: string; status: string }>(
        `SELECT amount_fen, status FROM disbursements WHERE application_id = $1`,
        [id],
      );
      return rows.length === 1 && rows[0].status === 'paid' ? rows : undefined;
    }, 'the disbursement to be paid');
    expect(paid[0].amount_fen).toBe('450000');
    expect(stack.bank.payments.filter((p) => p.applicationId === id)).toHaveLength(1);

    // Auditors get every run: archived, replayed clean, re-derived across the runs; all invariants hold.
    expect(await stack.services.get(HistoryArchiver).archiveApplication(id)).toBe('archived');
    const [{ archived }] = await stack.sql<{ archived: number }>(
      'SELECT count(*)::int AS archived FROM workflow_archive WHERE application_id = $1',
      [id],
    );
    expect(archived).toBe(runs.length);
    const replay = await stack.services.get(ReplayService).replayCase(id);
    expect(replay).toMatchObject({ outcome: 'identical', runs: runs.length });
    const rederived = await stack.services.get(AuditReviewService).rederiveFromArchive(id);
    expect(rederived.checks.filter((c) => !c.matches)).toEqual([]);
    expect(rederived.matches).toBe(true);
    const report = await stack.services.get(InvariantsService).check({ applicationId: id });
    expect(report.invariants.filter((i) => !i.holds).map((i) => ({ id: i.id, violations: i.violations }))).toEqual([]);
    expect(report.holds).toBe(true);

    process.stderr.write(
      `[F-14 figures] ${CYCLES} returns + resubmissions in ${(cyclesMs / 1000).toFixed(1)} s, ${comments} ` +
        `comments; ${runs.length} runs (${runs.map((r) => `${r.events}${r.carriedAt ? `→${r.carriedAt}` : ''}`).join(', ')} events), ` +
        `${totalEvents} events in all, largest run ${Math.max(...runs.map((r) => r.events))} events / ` +
        `${(Math.max(...runs.map((r) => r.bytes)) / 1024 / 1024).toFixed(2)} MiB; ` +
        `${view.actions.length} trail entries\n`,
    );
  }, 900_000);
});
