import { startFaultStack } from '../support/fault-stack';
import type { FaultStack } from '../support/fault-stack';
import { eventually } from '../support/test-stack';

/**
 * RELIABILITY.md F-1 and F-2 on the real stack: the worker process is SIGKILLed or SIGTERMed for real (a child
 * process on its own Temporal dev server and PostgreSQL) while a case waits for an approver, inside the payment
 * activity, and while an approver's decision (a Temporal Update) arrives. After each: the case goes on, nothing is
 * done twice (one decision per level, one bank payment), and no workflow task failed.
 */

let stack: FaultStack;
let key = 0;

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

const application = {
  program: 'hardship-aid',
  category: 'living',
  requestedAmount: 5000,
  household: { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 },
};

async function submit(): Promise<string> {
  const token = await stack.http.login('applicant1');
  const res = await stack.http.request<{ id: string }>('POST', '/applications', {
    token,
    body: application,
    headers: { 'Idempotency-Key': `fault-${++key}-${Date.now()}` },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function waitForLevel(id: string, level: number): Promise<void> {
  await eventually(
    async () => {
      const rows = await stack.sql(
        `SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = $2 AND status = 'open'`,
        [id, level],
      );
      return rows.length ? true : undefined;
    },
    `the open task at level ${level}`,
    60_000,
  );
}

const APPROVERS = ['approver-g-east-1', 'approver-d-east', 'approver-city'] as const;

/**
 * One approval as a careful client sends it: with an Idempotency-Key, retried with the same key while the API answers
 * 503 (the engine cannot answer yet, e.g. while a dead worker's sticky queue times out). Returns every answer.
 */
async function decideRetrying(id: string, level: number, idempotencyKey = `approve-${id}-L${level}`) {
  const answers: number[] = [];
  const last = await eventually(
    async () => {
      const res = await decide(id, level, idempotencyKey);
      answers.push(res.status);
      return res.status === 503 ? undefined : res;
    },
    `an answer other than 503 to the decision at level ${level}`,
    60_000,
  );
  return { last, answers };
}

async function decide(id: string, level: number, idempotencyKey?: string) {
  return stack.http.request<{ status: string; code?: string }>('POST', `/applications/${id}/decisions`, {
    token: await stack.http.login(APPROVERS[level - 1]),
    body: { decision: 'approve', comment: `同意 (L${level})` },
    headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
  });
}

async function statusOf(id: string): Promise<string> {
  const [row] = await stack.sql<{ status: string }>(`SELECT status FROM applications WHERE id = $1`, [id]);
  return row.status;
}

async function waitForStatus(id: string, status: string, timeoutMs = 90_000): Promise<void> {
  await eventually(async () => ((await statusOf(id)) === status ? true : undefined), `status ${status}`, timeoutMs);
}

/** What must hold for a case after a fault: one decision per level and round, at most one payment, no failed task. */
async function assertDoneOnce(id: string): Promise<void> {
  const decisions = await stack.sql<{ level: number; round: number; n: number }>(
    `SELECT level, round, count(*)::int AS n FROM decisions WHERE application_id = $1 GROUP BY level, round ORDER BY level`,
    [id],
  );
  expect(decisions.map((d) => d.n)).toEqual(decisions.map(() => 1));
  const [disbursements] = await stack.sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM disbursements WHERE application_id = $1`,
    [id],
  );
  expect(disbursements.n).toBeLessThanOrEqual(1);
  const [ledger] = await stack.sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT kind, dedupe_key FROM ledger_entries WHERE application_id = $1
       GROUP BY kind, dedupe_key HAVING count(*) > 1) d`,
    [id],
  );
  expect(ledger.n).toBe(0);
}

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
