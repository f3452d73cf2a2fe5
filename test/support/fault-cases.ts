import type { FaultStack } from './fault-stack';
import { eventually } from './test-stack';

/** The hardship case the fault suite files over HTTP (applicant1's household, 5,000 CNY living relief). */
export const FAULT_APPLICATION = {
  program: 'hardship-aid',
  category: 'living',
  requestedAmount: 5000,
  household: { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 },
};

/** The approvers of the three levels of the demo org's East branch. */
export const APPROVERS = ['approver-g-east-1', 'approver-d-east', 'approver-city'] as const;

let key = 0;

/** What a fault test does to cases, over HTTP and SQL, as a careful client would. */
/** `stack` is read on each call, so the helpers can be made before the stack is started (in beforeAll). */
export function faultCases(stackOf: () => FaultStack) {
  const stack = (): FaultStack => stackOf();
  /** Files one case (201), with its own Idempotency-Key. */
  async function submit(): Promise<string> {
    const token = await stack().http.login('applicant1');
    const res = await stack().http.request<{ id: string }>('POST', '/applications', {
      token,
      body: FAULT_APPLICATION,
      headers: { 'Idempotency-Key': `fault-${++key}-${Date.now()}` },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function waitForLevel(id: string, level: number, timeoutMs = 60_000): Promise<void> {
    await eventually(
      async () => {
        const rows = await stack().sql(
          `SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = $2 AND status = 'open'`,
          [id, level],
        );
        return rows.length ? true : undefined;
      },
      `the open task at level ${level}`,
      timeoutMs,
    );
  }

  async function decide(id: string, level: number, idempotencyKey?: string) {
    return stack().http.request<{ status: string; code?: string }>('POST', `/applications/${id}/decisions`, {
      token: await stack().http.login(APPROVERS[level - 1]),
      body: { decision: 'approve', comment: `同意 (L${level})` },
      headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
    });
  }

  /**
   * One approval with an Idempotency-Key, retried with the same key while the API answers 503 (the engine cannot
   * answer yet, e.g. while a dead worker's sticky queue times out). Returns the last answer and every status seen.
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

  /** Approves every level in turn, retrying 503s. */
  async function approveAll(id: string): Promise<void> {
    for (const level of [1, 2, 3]) {
      await waitForLevel(id, level);
      expect((await decideRetrying(id, level)).last.status).toBe(200);
    }
  }

  async function statusOf(id: string): Promise<string> {
    const [row] = await stack().sql<{ status: string }>(`SELECT status FROM applications WHERE id = $1`, [id]);
    return row.status;
  }

  async function waitForStatus(id: string, status: string, timeoutMs = 90_000): Promise<void> {
    await eventually(async () => ((await statusOf(id)) === status ? true : undefined), `status ${status}`, timeoutMs);
  }

  /** What must hold for a case after a fault: one decision per level and round, at most one payment, no double ledger entry. */
  async function assertDoneOnce(id: string): Promise<void> {
    const decisions = await stack().sql<{ level: number; round: number; n: number }>(
      `SELECT level, round, count(*)::int AS n FROM decisions WHERE application_id = $1 GROUP BY level, round ORDER BY level`,
      [id],
    );
    expect(decisions.map((d) => d.n)).toEqual(decisions.map(() => 1));
    const [disbursements] = await stack().sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM disbursements WHERE application_id = $1`,
      [id],
    );
    expect(disbursements.n).toBeLessThanOrEqual(1);
    const [ledger] = await stack().sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT kind, dedupe_key FROM ledger_entries WHERE application_id = $1
         GROUP BY kind, dedupe_key HAVING count(*) > 1) d`,
      [id],
    );
    expect(ledger.n).toBe(0);
  }

  return { submit, waitForLevel, decide, decideRetrying, approveAll, statusOf, waitForStatus, assertDoneOnce };
}

/** Runs the invariant checker over a fault stack and asserts I1-I5 hold, printing its summary. */
export async function expectInvariantsHold(stack: FaultStack, label: string): Promise<void> {
  const report = await stack.invariants();
  const lines = report.invariants.map(
    (i) =>
      `${i.id} ${i.holds ? 'holds' : 'VIOLATED'}: ${i.checked} ${i.unit} checked, ${i.violations.length} violations, ` +
      `${i.warnings.length} warnings, ${i.skipped} skipped`,
  );
  process.stderr.write(`[invariants after ${label}] ${report.applications} applications\n  ${lines.join('\n  ')}\n`);
  expect(report.invariants.filter((i) => !i.holds).map((i) => ({ id: i.id, violations: i.violations }))).toEqual([]);
  expect(report.incomplete).toEqual([]);
  expect(report.holds).toBe(true);
}
