import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../libs/temporal/src/data-converter';
import type {
  ApplicationActivityContract,
  ApprovalActivityContract,
  DeadlinePlan,
  NoticeActivityContract,
  PaymentActivityContract,
} from '@aidflow/workflows/application/contract';
import type { applicationWorkflow } from '@aidflow/workflows/application';
import { decideUpdate, statusQuery } from '@aidflow/workflows/messages';
import type { LevelSla, RouteLevel } from '@aidflow/policy';
import { EXAMPLE_STANDARDS } from '@aidflow/workflows/policy/programs';
import type { ApplicationOutcome, ApplicationWorkflowInput } from '@aidflow/workflows/types';
import { SYSTEM_ACTOR_ID } from '@aidflow/workflows/types';
import { testEnvironment } from '../setup/test-env';
import { ELIGIBLE_HARDSHIP } from '../support/hardship-commands';

/**
 * The workflow's deadline rules (reminder, remind / escalate / auto-approve / auto-reject / return on the due
 * date) on the real Temporal dev server, with every activity stubbed: no database, no mail, no calendar. The stub
 * of planDeadline puts the reminder and the due date seconds away, so each SLA path runs in seconds; what the
 * workflow asked for is read back from the calls the stubs saw and from its Query.
 */
type Call = { name: string; input: Record<string, unknown> };
let calls: Call[];
let worker: Worker;
let running: Promise<void>;
let client: Client;
let connection: Connection;
const taskQueue = `sla-${randomUUID().slice(0, 8)}`;

/** Seconds from now, as the calendar activity would answer. */
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

function stubs(): ApplicationActivityContract &
  ApprovalActivityContract &
  NoticeActivityContract &
  PaymentActivityContract {
  const seen =
    <T>(name: string, answer: (input: Record<string, unknown>) => T) =>
    (input: unknown): Promise<T> => {
      calls.push({ name, input: input as Record<string, unknown> });
      return Promise.resolve(answer(input as Record<string, unknown>));
    };
  const none = () => undefined;
  return {
    recordEligibility: seen('recordEligibility', none),
    updateApplicationStatus: seen('updateApplicationStatus', none),
    openTask: seen('openTask', none),
    recordDecision: seen('recordDecision', none),
    reserveBudget: seen('reserveBudget', () => ({ reservationId: 'r-1', envelopeId: 'e-1' })),
    createDisbursement: seen('createDisbursement', () => ({ disbursementId: 'd-1' })),
    sendNotification: seen('sendNotification', () => 'sent' as const),
    resolveDelegates: seen('resolveDelegates', (i) => ({ assigneeIds: i.approverIds as string[], delegations: [] })),
    recordAction: seen('recordAction', none),
    reassignTask: seen('reassignTask', none),
    closeOpenTasks: seen('closeOpenTasks', none),
    addWatchers: seen('addWatchers', none),
    recordResubmission: seen('recordResubmission', none),
    planDeadline: seen('planDeadline', (i): DeadlinePlan => {
      const sla = i.sla as LevelSla;
      return {
        remindAt: sla.remindBefore ? inSeconds(1) : null,
        dueAt: inSeconds(sla.due.seconds ?? 2),
        provisionalYears: [],
      };
    }),
    openPublicNotice: seen('openPublicNotice', () => ({
      openedAt: inSeconds(0),
      closesAt: inSeconds(1),
      provisionalYears: [],
    })),
    recordObjection: seen('recordObjection', () => ({ objectionId: 'o-1', lodgedAt: inSeconds(0) })),
    recordObjectionReview: seen('recordObjectionReview', none),
    closePublicNotice: seen('closePublicNotice', none),
    releaseBudget: seen('releaseBudget', () => ({ released: true })),
    payDisbursement: seen('payDisbursement', () => ({ outcome: 'paid' as const, bankPaymentId: 'b-1' })),
  };
}

beforeAll(async () => {
  const env = testEnvironment();
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // another test file of this worker process installed it already
  }
  const native = await NativeConnection.connect({ address: env.temporalAddress });
  worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowBundle: { codePath: env.workflowBundlePath },
    activities: stubs(),
    dataConverter: { failureConverterPath: FAILURE_CONVERTER_PATH },
  });
  running = worker.run().finally(() => native.close());
  connection = await Connection.connect({ address: env.temporalAddress });
  client = new Client({ connection, dataConverter: { failureConverterPath: FAILURE_CONVERTER_PATH } });
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await connection?.close();
});

beforeEach(() => {
  calls = [];
});

const level = (n: number, sla?: LevelSla): RouteLevel => ({
  level: n,
  name: `level${n}`,
  title: `Level ${n}`,
  orgUnitId: `org-${n}`,
  orgUnitName: `Union ${n}`,
  approverIds: [`approver-${n}`],
  ...(sla ? { sla } : {}),
});

function input(route: RouteLevel[]): ApplicationWorkflowInput {
  return {
    applicationId: randomUUID(),
    programCode: 'hardship-aid',
    applicantUserId: 'applicant-1',
    orgUnitId: 'org-1',
    category: ELIGIBLE_HARDSHIP.category,
    requestedAmountFen: ELIGIBLE_HARDSHIP.requestedAmountFen,
    facts: { ...ELIGIBLE_HARDSHIP.facts, submittedOn: '2026-12-07', verified: {} },
    standard: {
      standardId: 'std-1',
      policyVersion: 'hardship-aid/2026.1',
      validFrom: '2026-01-01',
      ...EXAMPLE_STANDARDS['hardship-aid'],
    },
    route,
    budgetYear: 2026,
    submittedAt: new Date().toISOString(),
  };
}

async function run(route: RouteLevel[]) {
  const args = input(route);
  const handle = await client.workflow.start<typeof applicationWorkflow>('applicationWorkflow', {
    taskQueue,
    workflowId: `application-${args.applicationId}`,
    args: [args],
  });
  return { handle, args };
}

/** Polls until `check` holds (the stubs record calls as the worker runs them). */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 200));
}

const verbs = () =>
  calls.filter((c) => c.name === 'recordAction').map((c) => (c.input.action as { verb: string }).verb);
const notified = (event: string) =>
  calls.filter((c) => c.name === 'sendNotification' && c.input.event === event).map((c) => c.input.recipientUserId);

describe('deadlines, with stubbed activities', () => {
  it('reminds before the deadline, then auto-approves under the system user and goes on to the next level', async () => {
    const { handle } = await run([
      level(1, { due: { seconds: 3 }, remindBefore: { seconds: 2 }, onDue: 'auto_approve' }),
      level(2),
    ]);
    await until(() => calls.some((c) => c.name === 'openTask' && c.input.level === 2));
    await until(() => notified('deadline_reminder').length > 0);
    const view = await handle.query(statusQuery);
    expect(view.decisions[0]).toMatchObject({ level: 1, actorId: SYSTEM_ACTOR_ID, decision: 'approve' });
    expect(verbs()).toEqual(['reminder', 'auto_approve']);
    expect(notified('deadline_reminder')).toEqual(['approver-1']);
    await handle.executeUpdate(decideUpdate, {
      args: [{ actorId: 'approver-2', actorName: 'approver-2', decision: 'approve', level: 2 }],
    });
    const outcome: ApplicationOutcome = await handle.result();
    expect(outcome).toMatchObject({ status: 'approved', grantedAmountFen: 500_000 });
    expect(calls.filter((c) => c.name === 'payDisbursement')).toHaveLength(1);
  });

  it('escalates an overdue task: the group is replaced, the task reassigned, the new approver told', async () => {
    const { handle } = await run([level(1, { due: { seconds: 1 }, onDue: 'escalate', escalateToIds: ['boss'] })]);
    // The escalation's writes come one after another (trail, task, notification): wait for the last.
    await until(() => notified('task_assigned').includes('boss'));
    expect((await handle.query(statusQuery)).currentApproverIds).toEqual(['boss']);
    expect(verbs()).toEqual(['escalate']);
    expect(calls.find((c) => c.name === 'reassignTask')?.input).toMatchObject({ level: 1, assigneeIds: ['boss'] });
    expect(notified('task_assigned')).toEqual(['approver-1', 'boss']);
    // The escalated approver decides; the one it was taken from no longer can.
    await expect(
      handle.executeUpdate(decideUpdate, { args: [{ actorId: 'approver-1', actorName: 'a', decision: 'approve' }] }),
    ).rejects.toMatchObject({ cause: { type: 'NOT_APPROVER_OF_CURRENT_LEVEL' } });
    await handle.executeUpdate(decideUpdate, { args: [{ actorId: 'boss', actorName: 'boss', decision: 'reject' }] });
    expect(await handle.result()).toMatchObject({ status: 'rejected' });
  });

  it('auto-rejects when the deadline passes, and ends the case', async () => {
    const { handle } = await run([level(1, { due: { seconds: 1 }, onDue: 'auto_reject' })]);
    const outcome: ApplicationOutcome = await handle.result();
    expect(outcome).toMatchObject({ status: 'rejected', grantedAmountFen: 0 });
    expect(verbs()).toEqual(['auto_reject']);
    expect(calls.some((c) => c.name === 'reserveBudget')).toBe(false);
  });

  it('returns to the applicant when the deadline passes with onDue return', async () => {
    const { handle } = await run([level(1, { due: { seconds: 1 }, onDue: 'return' })]);
    await until(() => notified('returned').length > 0);
    expect((await handle.query(statusQuery)).status).toBe('returned');
    expect(verbs()).toEqual(['return']);
    expect(calls.find((c) => c.name === 'closeOpenTasks')?.input).toMatchObject({ reason: 'returned' });
    expect(notified('returned')).toEqual(['applicant-1']);
    await handle.terminate('test over');
  });

  it('reminds again on the due date with onDue remind: an overdue reminder, and the task stays put', async () => {
    const { handle } = await run([level(1, { due: { seconds: 1 }, onDue: 'remind' })]);
    await until(() => notified('urged').length > 0);
    expect(verbs()).toEqual(['reminder']);
    expect(calls.find((c) => c.name === 'recordAction')?.input.action).toMatchObject({
      verb: 'reminder',
      actorId: SYSTEM_ACTOR_ID,
      details: { overdue: true },
    });
    expect(notified('urged')).toEqual(['approver-1']);
    expect((await handle.query(statusQuery)).currentApproverIds).toEqual(['approver-1']);
    await handle.executeUpdate(decideUpdate, {
      args: [{ actorId: 'approver-1', actorName: 'a', decision: 'approve' }],
    });
    expect(await handle.result()).toMatchObject({ status: 'approved' });
  });
});
