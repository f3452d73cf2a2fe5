import { ApplicationsService } from '../../libs/applications/src';
import { PaymentReconciliationService } from '../../libs/budget/src';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';
import { ELIGIBLE_HARDSHIP } from '../support/hardship-commands';

let stack: TestStack;
let service: ApplicationsService;
let key = 0;

beforeAll(async () => {
  stack = await startTestStack();
  service = stack.services.get(ApplicationsService);
});

afterAll(async () => {
  await stack?.stop();
});

/** Submits an eligible case and approves it at all three levels; resolves once the case is `approved`. */
async function approveCase(): Promise<string> {
  const applicant = await stack.principal('applicant1');
  const { application } = await service.submitHardship(applicant, ELIGIBLE_HARDSHIP, `payments-${++key}`);
  for (const [level, approver] of [
    [1, 'approver-g-east-1'],
    [2, 'approver-d-east'],
    [3, 'approver-city'],
  ] as const) {
    await eventually(async () => {
      const rows = await stack.sql(
        `SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = $2 AND status = 'open'`,
        [application.id, level],
      );
      return rows.length ? true : undefined;
    }, `open task at level ${level}`);
    await service.decide(await stack.principal(approver), application.id, { decision: 'approve', comment: 'ok' });
  }
  await eventually(
    async () => {
      const [row] = await stack.sql<{ status: string }>('SELECT status FROM applications WHERE id = $1', [
        application.id,
      ]);
      return row?.status === 'approved' ? true : undefined;
    },
    'the case to be approved',
    30_000,
  );
  return application.id;
}

async function moneyOf(applicationId: string) {
  const [disbursement] = await stack.sql<{ id: string; status: string; bank_payment_id: string | null }>(
    'SELECT id, status, bank_payment_id FROM disbursements WHERE application_id = $1',
    [applicationId],
  );
  const [reservation] = await stack.sql<{ status: string }>(
    'SELECT status FROM budget_reservations WHERE application_id = $1',
    [applicationId],
  );
  const ledger = await stack.sql<{ kind: string }>(
    `SELECT kind FROM ledger_entries WHERE application_id = $1 AND kind = 'payment_recorded'`,
    [applicationId],
  );
  return { disbursement: disbursement, reservation: reservation, paymentEntries: ledger.length };
}

describe('payments: money moves exactly once', () => {
  it('pays an approved case once: one bank payment, disbursement paid, reservation committed, one ledger entry', async () => {
    const id = await approveCase();
    const { disbursement, reservation, paymentEntries } = await moneyOf(id);
    const payments = stack.bank.paymentsFor(disbursement.id);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ applicationId: id, amountFen: 500_000 });
    expect(disbursement).toMatchObject({ status: 'paid', bank_payment_id: payments[0].paymentId });
    expect(reservation.status).toBe('committed');
    expect(paymentEntries).toBe(1);
  });

  it('retries a bank answering 503 twice and still pays exactly once', async () => {
    stack.bank.failNext = 2;
    const id = await approveCase();
    const { disbursement } = await moneyOf(id);
    expect(stack.bank.requests.filter((r) => r.instructionId === disbursement.id).map((r) => r.status)).toEqual([
      503, 503, 200,
    ]);
    expect(stack.bank.paymentsFor(disbursement.id)).toHaveLength(1);
    expect(disbursement.status).toBe('paid');
  });

  it('pays exactly once when the bank pays but answers too late (the retry hits the idempotency key)', async () => {
    stack.bank.timeoutNext = 1;
    const id = await approveCase();
    const { disbursement, paymentEntries } = await moneyOf(id);
    const payments = stack.bank.paymentsFor(disbursement.id);
    expect(payments).toHaveLength(1);
    expect(stack.bank.requests.filter((r) => r.instructionId === disbursement.id).length).toBeGreaterThanOrEqual(1);
    expect(disbursement).toMatchObject({ status: 'paid', bank_payment_id: payments[0].paymentId });
    expect(paymentEntries).toBe(1);
  });

  it('pays exactly once when the bank processes the instruction twice and answers the replay', async () => {
    stack.bank.answerTwiceNext = 1;
    const id = await approveCase();
    const { disbursement } = await moneyOf(id);
    const payments = stack.bank.paymentsFor(disbursement.id);
    expect(payments).toHaveLength(1);
    expect(disbursement).toMatchObject({ status: 'paid', bank_payment_id: payments[0].paymentId });
  });

  it('records a permanent refusal on the disbursement and still approves the case', async () => {
    stack.bank.rejectNext = 1;
    const id = await approveCase();
    const { disbursement, reservation } = await moneyOf(id);
    expect(disbursement).toMatchObject({ status: 'payment_failed', bank_payment_id: null });
    expect(reservation.status).toBe('reserved');
    expect(stack.bank.paymentsFor(disbursement.id)).toEqual([]);
    const failed = await stack.sql(
      `SELECT 1 FROM ledger_entries WHERE application_id = $1 AND kind = 'payment_failed'`,
      [id],
    );
    expect(failed).toHaveLength(1);
  });

  it("reconciles clean against the bank, then flags a disbursement whose amount differs from the bank's", async () => {
    const reconciliation = stack.services.get(PaymentReconciliationService);
    const clean = await reconciliation.reconcile();
    expect(clean).toMatchObject({ clean: true, flagged: [], matched: 4 });

    const id = await approveCase();
    const { disbursement } = await moneyOf(id);
    await stack.sql('UPDATE disbursements SET amount_fen = amount_fen + 100 WHERE id = $1', [disbursement.id]);
    const report = await reconciliation.reconcile();
    expect(report.clean).toBe(false);
    expect(report.matched).toBe(4);
    expect(report.flagged).toEqual([
      expect.objectContaining({
        flag: 'amount_mismatch',
        disbursementId: disbursement.id,
        applicationId: id,
        recordedFen: 500_100,
        bankFen: 500_000,
      }),
    ]);
    const runs = await stack.sql<{ matched: number }>('SELECT matched FROM payment_reconciliations ORDER BY run_at');
    expect(runs.map((r) => r.matched)).toEqual([4, 4]);
  });
});
