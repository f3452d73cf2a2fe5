import 'tsconfig-paths/register';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { ApplicationsService, PublicNoticeService } from '../libs/applications/src';
import type { SubmitHardshipCommand } from '../libs/applications/src';
import { applicationWorkflowId } from '../libs/temporal/src';
import globalSetup from '../test/setup/global-setup';
import globalTeardown from '../test/setup/global-teardown';
import { TEST_PAYLOAD_KEY_ID } from '../test/support/test-payload-keys';
import { startTestStack } from '../test/support/test-stack';
import type { TestStack } from '../test/support/test-stack';
import { projectRoot } from './lib/project-root';
import { ELIGIBLE_HARDSHIP, ELIGIBLE_HARDSHIP_FACTS_CNY } from '../test/support/hardship-commands';
import { startNoticeCase } from '../test/support/notice-cases';
import type { SlaDuration } from '@aidflow/policy';

/**
 * Records one workflow history per path of the application workflow, from real runs on a real Temporal dev server,
 * PostgreSQL and SMTP sink, into test/fixtures/histories/<set>/. The replay test replays every committed set on
 * every CI run, so a workflow change that breaks running cases fails CI. Usage:
 *
 *   npm run fixtures:record -- <set-name>      e.g. v2-receipt-notice
 *
 * Record a new set after each workflow change (keep the old sets: they stand for cases still running in production).
 * Payloads are encrypted with the fixed test key (test/support/test-payload-keys.ts).
 */

const LEVEL_APPROVERS = ['approver-g-east-1', 'approver-d-east', 'approver-city'];

const eligible = ELIGIBLE_HARDSHIP;

/** The eligible household's facts as an applicant resubmits them (money in CNY). */

interface Path {
  name: string;
  description: string;
  expectedStatus: string;
  command?: SubmitHardshipCommand;
  /** Decisions in order: 'approve' or 'reject', one per level reached. */
  decisions: Array<'approve' | 'reject'>;
  before?: (stack: TestStack) => Promise<void>;
  after?: (stack: TestStack) => Promise<void>;
  /** Instead of `decisions`: drives the case through other verbs. */
  steps?: (flow: Flow) => Promise<void>;
  /**
   * Since v7: the case is started with a public notice (公示) of `window`, reviewed by the city approver, on the
   * grassroots level only (test/support/notice-cases); `steps` then act during the notice.
   */
  notice?: { window: SlaDuration; steps?: (flow: NoticeFlow) => Promise<void> };
}

/** What a notice path's steps can do to its case. */
interface NoticeFlow {
  id: string;
  service: ApplicationsService;
  notices: PublicNoticeService;
  as: (username: string) => ReturnType<TestStack['principal']>;
}

/** What a path's steps can do to its case. */
interface Flow {
  id: string;
  service: ApplicationsService;
  as: (username: string) => ReturnType<TestStack['principal']>;
  waitForTask: (level: number, round?: number) => Promise<void>;
  approve: (username: string) => Promise<unknown>;
}

const PATHS: Path[] = [
  {
    name: 'approved',
    description: 'Eligible (deep hardship); approved at all three levels; budget reserved; disbursement recorded',
    expectedStatus: 'approved',
    decisions: ['approve', 'approve', 'approve'],
  },
  {
    name: 'rejected-level-1',
    description: 'Eligible; rejected by the grassroots union',
    expectedStatus: 'rejected',
    decisions: ['reject'],
  },
  {
    name: 'rejected-level-2',
    description: 'Eligible; approved by the grassroots union, rejected by the district union',
    expectedStatus: 'rejected',
    decisions: ['approve', 'reject'],
  },
  {
    name: 'rejected-level-3',
    description: 'Eligible; approved at levels 1 and 2, rejected by the city federation aid office',
    expectedStatus: 'rejected',
    decisions: ['approve', 'approve', 'reject'],
  },
  {
    name: 'refused-ineligible',
    description: 'Income far above the standard: refused with the reason, no task opened',
    expectedStatus: 'refused',
    command: { ...eligible, facts: { ...eligible.facts, annualIncomeFen: 30_000_000 } },
    decisions: [],
  },
  {
    name: 'budget-exhausted',
    description: 'Approved at three levels, but the yearly envelope cannot cover the amount',
    expectedStatus: 'budget_exhausted',
    decisions: ['approve', 'approve', 'approve'],
    before: async (stack) => {
      // Paid money (since v6 the approved case is paid) stays; the rest but 1,000 CNY is taken.
      await stack.sql(`UPDATE budget_envelopes SET reserved_fen = GREATEST(0, allocated_fen - paid_fen - 100000)`);
    },
    after: async (stack) => {
      await stack.sql(`UPDATE budget_envelopes SET reserved_fen = 0`);
    },
  },
  {
    name: 'returned-and-resubmitted',
    description: 'Level 2 returns the case to the applicant, who resubmits a lower amount; every level decides again',
    expectedStatus: 'approved',
    decisions: [],
    steps: async (f) => {
      await f.approve('approver-g-east-1');
      await f.waitForTask(2);
      await f.service.returnCase(await f.as('approver-d-east'), f.id, { comment: '请补充收入证明' });
      await f.service.resubmit(await f.as('applicant1'), f.id, {
        category: eligible.category,
        requestedAmountFen: 400_000,
        facts: ELIGIBLE_HARDSHIP_FACTS_CNY,
      });
      await f.waitForTask(1, 2);
      await f.approve('approver-g-east-1');
      await f.waitForTask(2, 2);
      await f.approve('approver-d-east');
      await f.waitForTask(3);
      await f.approve('approver-city');
    },
  },
  {
    name: 'returned-to-level-1',
    description: 'Level 2 returns the case to level 1, which decides again; then approved',
    expectedStatus: 'approved',
    decisions: [],
    steps: async (f) => {
      await f.approve('approver-g-east-1');
      await f.waitForTask(2);
      await f.service.returnCase(await f.as('approver-d-east'), f.id, { comment: '请再核实', toLevel: 1 });
      await f.waitForTask(1, 2);
      await f.approve('approver-g-east-1');
      await f.waitForTask(2, 2);
      await f.approve('approver-d-east');
      await f.waitForTask(3);
      await f.approve('approver-city');
    },
  },
  {
    name: 'withdrawn',
    description: 'The applicant withdraws while level 2 is open',
    expectedStatus: 'withdrawn',
    decisions: [],
    steps: async (f) => {
      await f.approve('approver-g-east-1');
      await f.waitForTask(2);
      await f.service.withdraw(await f.as('applicant1'), f.id, '已获得其他帮助');
    },
  },
  {
    name: 'transferred-added-copied-urged',
    description:
      'Level 1 is urged, commented, copied, transferred to the district approver, who adds the city approver after',
    expectedStatus: 'approved',
    decisions: [],
    steps: async (f) => {
      await f.service.urge(await f.as('applicant1'), f.id, '急用');
      await f.service.comment(await f.as('approver-g-east-1'), f.id, '已约家访');
      await f.service.copy(await f.as('approver-g-east-1'), f.id, { usernames: ['auditor1'] });
      await f.service.transfer(await f.as('approver-g-east-1'), f.id, { to: 'approver-d-east' });
      await f.service.addApprover(await f.as('approver-d-east'), f.id, {
        username: 'approver-city',
        position: 'after',
      });
      await f.approve('approver-d-east');
      await f.approve('approver-city');
      await f.waitForTask(2);
      await f.approve('approver-d-east');
      await f.waitForTask(3);
      await f.approve('approver-city');
    },
  },
  {
    name: 'approved-after-mail-retries',
    description: 'Approved; the SMTP server refused the first messages, so notification activities retried',
    expectedStatus: 'approved',
    decisions: ['approve', 'approve', 'approve'],
    before: (stack) => {
      stack.mail.failNext = 2;
      return Promise.resolve();
    },
  },
  {
    name: 'notice-closed-clean-paid',
    description: 'Approved; in public notice (公示) for 2 seconds; the window closes without objection; paid',
    expectedStatus: 'approved',
    decisions: [],
    notice: { window: { seconds: 2 } },
  },
  {
    name: 'notice-objection-upheld-released',
    description: 'Approved; an objection during the notice is upheld by the city approver; money released; rejected',
    expectedStatus: 'rejected',
    decisions: [],
    notice: {
      window: { workingDays: 5 },
      steps: async (f) => {
        await f.notices.lodgeObjection(await f.as('applicant2'), f.id, '申请人家中有出租商铺收入未申报');
        await f.notices.reviewObjections(await f.as('approver-city'), f.id, {
          outcome: 'uphold',
          comment: '经核查属实',
        });
      },
    },
  },
  {
    name: 'notice-objection-dismissed-paid',
    description: 'Approved; an objection during the notice is dismissed by the city approver; paid at once',
    expectedStatus: 'approved',
    decisions: [],
    notice: {
      window: { workingDays: 5 },
      steps: async (f) => {
        await f.notices.lodgeObjection(await f.as('applicant2'), f.id, '怀疑收入申报不实，请核查');
        await f.notices.reviewObjections(await f.as('approver-city'), f.id, {
          outcome: 'dismiss',
          comment: '经核查无误',
        });
      },
    },
  },
  {
    name: 'notice-withdrawn-released',
    description: 'Approved; the applicant withdraws during the notice; money released',
    expectedStatus: 'withdrawn',
    decisions: [],
    notice: {
      window: { workingDays: 5 },
      steps: async (f) => {
        await f.service.withdraw(await f.as('applicant1'), f.id, '已获得其他帮助');
      },
    },
  },
];

async function waitForTask(stack: TestStack, id: string, level: number, round = 1): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const rows = await stack.sql(
      `SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = $2 AND round = $3 AND status = 'open'`,
      [id, level, round],
    );
    if (rows.length) return;
    if (Date.now() > deadline) throw new Error(`No open task at level ${level} for ${id}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for the case's outcome, checks it, and writes its history as `<dir>/<path>.json`. */
async function writeFixture(
  set: string,
  dir: string,
  stack: TestStack,
  client: Client,
  path: Path,
  applicationId: string,
): Promise<void> {
  const handle = client.workflow.getHandle(applicationWorkflowId(applicationId));
  const outcome = (await handle.result()) as { status: string };
  if (outcome.status !== path.expectedStatus) {
    throw new Error(`${path.name}: expected ${path.expectedStatus}, the workflow ended ${outcome.status}`);
  }
  await path.after?.(stack);
  const history = await handle.fetchHistory();
  const fixture = {
    fixture: path.name,
    set,
    description: path.description,
    workflowType: 'applicationWorkflow',
    workflowId: handle.workflowId,
    expectedStatus: path.expectedStatus,
    payloadKeyId: TEST_PAYLOAD_KEY_ID,
    recordedAt: new Date().toISOString(),
    recordedFromCommit: gitCommit(),
    history: JSON.parse(historyToJSON(history)) as unknown,
  };
  writeFileSync(join(dir, `${path.name}.json`), `${JSON.stringify(fixture, null, 1)}\n`);
  process.stderr.write(`${outcome.status}, ${history.events?.length ?? 0} events\n`);
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', cwd: projectRoot() }).trim();
  } catch {
    return null;
  }
}

async function record(set: string): Promise<void> {
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(set)) {
    throw new Error(
      `The set name must be lower-case letters, digits, "." or "-" (e.g. v2-receipt-notice), got "${set}"`,
    );
  }
  const dir = join(projectRoot(), 'test', 'fixtures', 'histories', set);
  mkdirSync(dir, { recursive: true });
  await globalSetup();
  const stack = await startTestStack();
  try {
    const service = stack.services.get(ApplicationsService);
    const client = stack.services.get(Client);
    const applicant = await stack.principal('applicant1');
    for (const [index, path] of PATHS.entries()) {
      process.stderr.write(`[${index + 1}/${PATHS.length}] ${path.name} ... `);
      await path.before?.(stack);
      if (path.notice) {
        const id = await startNoticeCase(stack, path.notice.window);
        await path.notice.steps?.({
          id,
          service,
          notices: stack.services.get(PublicNoticeService),
          as: (username) => stack.principal(username),
        });
        await writeFixture(set, dir, stack, client, path, id);
        continue;
      }
      const { application } = await service.submitHardship(
        applicant,
        path.command ?? eligible,
        `fixture-${set}-${path.name}`,
      );
      if (path.steps) await waitForTask(stack, application.id, 1);
      await path.steps?.({
        id: application.id,
        service,
        as: (username) => stack.principal(username),
        waitForTask: (level, round = 1) => waitForTask(stack, application.id, level, round),
        approve: async (username) =>
          service.decide(await stack.principal(username), application.id, {
            decision: 'approve',
            comment: `approve (fixture ${path.name})`,
          }),
      });
      for (const [i, decision] of path.decisions.entries()) {
        await waitForTask(stack, application.id, i + 1);
        await service.decide(await stack.principal(LEVEL_APPROVERS[i]), application.id, {
          decision,
          comment: `${decision} (fixture ${path.name})`,
        });
      }
      await writeFixture(set, dir, stack, client, path, application.id);
    }
  } finally {
    await stack.stop();
    await globalTeardown();
  }
  process.stderr.write(`Wrote ${PATHS.length} histories to ${dir}\n`);
}

const set = process.argv[2];
if (!set) {
  process.stderr.write('Usage: npm run fixtures:record -- <set-name>   (e.g. v2-receipt-notice)\n');
  process.exit(2);
}
record(set).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`\nRecording failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
