import { startFaultStack } from '../support/fault-stack';
import type { FaultStack } from '../support/fault-stack';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../libs/temporal/src/data-converter';
import { expectInvariantsHold, faultCases } from '../support/fault-cases';
import { eventually } from '../support/test-stack';

/**
 * RELIABILITY.md F-1, F-2 and F-10 on the real stack: the worker process is SIGKILLed or SIGTERMed for real (a child
 * process on its own Temporal dev server and PostgreSQL) while a case waits for an approver, inside the payment
 * activity, and while an approver's decision (a Temporal Update) arrives; a build whose workflow code throws at level 2
 * is deployed, then the fixed one. After each: the case goes on, nothing is
 * done twice (one decision per level, one bank payment), and no workflow task failed.
 */

let stack: FaultStack;

beforeAll(async () => {
  stack = await startFaultStack();
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

afterEach(() => {
  // Never a 500: whatever the fault, the API answers 2xx, a 4xx naming why, or a retryable 503.
  expect(stack.apiErrors).toEqual([]);
});

jest.setTimeout(180_000);

const { submit, waitForLevel, decide, decideRetrying, waitForStatus, assertDoneOnce } = faultCases(() => stack);

describe('F-1: the worker is SIGKILLed', () => {
  it('while a case waits for an approver: a new worker picks it up and it completes', async () => {
    const id = await submit();
    await waitForLevel(id, 1);

    await stack.stopWorker('SIGKILL');
    await stack.startWorker();
    for (const level of [1, 2, 3]) {
      await waitForLevel(id, level);
      expect((await decideRetrying(id, level)).last.status).toBe(200);
    }

    await waitForStatus(id, 'approved');
    await assertDoneOnce(id);
  });

  it('inside the payment activity: it runs again on the new worker and the bank pays once', async () => {
    const id = await submit();
    for (const level of [1, 2]) {
      await waitForLevel(id, level);
      expect((await decideRetrying(id, level)).last.status).toBe(200);
    }
    await waitForLevel(id, 3);
    // The bank takes the instruction and answers late: the worker is killed while it waits for the answer.
    stack.bank.timeoutDelayMs = 5_000;
    stack.bank.timeoutNext = 1;
    const before = stack.bank.payments.length;
    expect((await decideRetrying(id, 3)).last.status).toBe(200);
    await eventually(
      () => Promise.resolve(stack.bank.payments.length > before ? true : undefined),
      'the payment instruction at the bank',
      30_000,
    );
    await stack.stopWorker('SIGKILL');
    await stack.startWorker();

    await eventually(
      async () => {
        const [d] = await stack.sql<{ status: string }>(`SELECT status FROM disbursements WHERE application_id = $1`, [
          id,
        ]);
        return d?.status === 'paid' ? true : undefined;
      },
      'the disbursement paid after the retried activity',
      90_000,
    );
    const [disbursement] = await stack.sql<{ id: string }>(`SELECT id FROM disbursements WHERE application_id = $1`, [
      id,
    ]);
    expect(stack.bank.paymentsFor(disbursement.id)).toHaveLength(1);
    // The killed worker's request was never answered; the retry's was (the bank's replay of the first payment).
    expect(stack.bank.requests.filter((r) => r.instructionId === disbursement.id)).toEqual([
      { instructionId: disbursement.id, status: 200 },
    ]);
    await waitForStatus(id, 'approved');
    await assertDoneOnce(id);
  });

  it('when a decision arrives with no worker: 503 in seconds, and the retry with the same key decides once', async () => {
    const id = await submit();
    await waitForLevel(id, 1);
    await stack.stopWorker('SIGKILL');

    const during = await decide(id, 1, `decision-${id}`);
    expect(during.status).toBe(503);
    expect(during.body.code).toBe('WORKFLOW_UNAVAILABLE');

    await stack.startWorker();
    const retried = await eventually(
      async () => {
        const res = await decide(id, 1, `decision-${id}`);
        return res.status === 503 ? undefined : res;
      },
      'the retried decision',
      60_000,
    );
    expect(retried.status).toBe(200);
    await waitForLevel(id, 2);
    const again = await decide(id, 1, `decision-${id}`);
    expect(again.status).toBe(200); // the same Update: answered as the first time, nothing decided again
    await assertDoneOnce(id);
    const [l1] = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM decisions WHERE application_id = $1 AND level = 1`,
      [id],
    );
    expect(l1.n).toBe(1);
  });
});

describe('F-2: the worker is stopped for a deploy (SIGTERM)', () => {
  it('lets the in-flight payment finish or retry, and the case completes on the next worker', async () => {
    const id = await submit();
    for (const level of [1, 2]) {
      await waitForLevel(id, level);
      expect((await decideRetrying(id, level)).last.status).toBe(200);
    }
    await waitForLevel(id, 3);
    stack.bank.timeoutDelayMs = 3_000;
    stack.bank.timeoutNext = 1;
    const before = stack.bank.payments.length;
    expect((await decideRetrying(id, 3)).last.status).toBe(200);
    await eventually(
      () => Promise.resolve(stack.bank.payments.length > before ? true : undefined),
      'the payment instruction at the bank',
      30_000,
    );

    const drained = await stack.stopWorker('SIGTERM');
    await stack.startWorker();

    await waitForStatus(id, 'approved');
    const [disbursement] = await stack.sql<{ id: string; status: string }>(
      `SELECT id, status FROM disbursements WHERE application_id = $1`,
      [id],
    );
    expect(disbursement.status).toBe('paid');
    expect(stack.bank.paymentsFor(disbursement.id)).toHaveLength(1);
    await assertDoneOnce(id);
    process.stderr.write(`[F-2] the worker drained and exited ${drained} ms after SIGTERM\n`);
  });
});

describe('F-10: a bug that throws inside workflow code', () => {
  it('retries the workflow task (the case does not fail) until fixed code continues it', async () => {
    const buggy = join(mkdtempSync(join(tmpdir(), 'aidflow-f10-')), 'buggy-bundle.js');
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      workflowInterceptorModules: [require.resolve('./level-2-bug-interceptor')],
      failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: { trace: () => {}, debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, log: () => {} },
    });
    writeFileSync(buggy, code);
    const id = await submit();
    await waitForLevel(id, 1);
    await stack.stopWorker('SIGTERM');
    await stack.startWorker({ WORKFLOW_BUNDLE_PATH: buggy });

    // Level 1 is approved; opening level 2 throws in the broken build: the answer cannot come (503, retryable).
    const during = await decide(id, 1, `f10-${id}`);
    expect(during.status).toBe(503);
    const connection = await Connection.connect({ address: stack.env.TEMPORAL_ADDRESS });
    try {
      const handle = new Client({ connection }).workflow.getHandle(`application-${id}`);
      // The failure is in the history, or (a task the Update made, which the server keeps out of the history when it
      // fails) in the pending workflow task's attempt count: either way the task is being retried.
      await eventually(
        async () => {
          const { events } = await handle.fetchHistory();
          if (events?.some((e) => e.workflowTaskFailedEventAttributes)) return true;
          return ((await handle.describe()).raw.pendingWorkflowTask?.attempt ?? 0) > 1 ? true : undefined;
        },
        'a failed, retried workflow task',
        30_000,
      );
      expect((await handle.describe()).status.name).toBe('RUNNING');

      // The fix is deployed: the same history continues on the good code, and the decision's retry is answered.
      await stack.stopWorker('SIGKILL');
      await stack.startWorker();
      expect((await decideRetrying(id, 1, `f10-${id}`)).last.status).toBe(200);
      await waitForLevel(id, 2);
      for (const level of [2, 3]) {
        await waitForLevel(id, level);
        expect((await decideRetrying(id, level)).last.status).toBe(200);
      }
      await waitForStatus(id, 'approved');
      // The projection says approved a moment before the run completes (the applicant's notice goes out last).
      await eventually(
        async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined),
        'the workflow to complete',
        90_000,
      );
    } finally {
      await connection.close();
    }
    await assertDoneOnce(id);
  });
});

describe('after the faults', () => {
  it('holds every invariant (I1-I5) over every case of the run, as npm run audit -- invariants checks them', async () => {
    await expectInvariantsHold(stack, 'F-1, F-2');
  });
});
