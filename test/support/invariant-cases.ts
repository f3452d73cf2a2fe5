import { Client } from '@temporalio/client';
import type { InvariantId, InvariantResult, InvariantsReport } from '../../libs/audit-review/src';
import { applicationWorkflowId } from '../../libs/temporal/src';
import { runAuditCli } from '../../scripts/audit';
import type { CliOutput } from '../../scripts/audit';
import { APPROVERS, FAULT_APPLICATION } from './fault-cases';
import type { HttpClient } from './http-client';
import { eventually } from './test-stack';
import type { TestStack } from './test-stack';

/**
 * What the invariants e2e suite (test/e2e/invariants.e2e.test.ts) runs the checker with and drives cases by: the audit
 * command line with its output captured, the report's verdicts, hardship cases filed and decided over HTTP, a unique
 * constraint dropped (to break an invariant for real) and put back, and the result of a case's workflow. The cases are
 * the fault suite's (test/support/fault-cases.ts): applicant1's 5,000 CNY living relief, decided by the East branch.
 */

export class Captured implements CliOutput {
  text = '';
  readonly isTTY = false;
  write(text: string): boolean {
    this.text += text;
    return true;
  }
}

export const of = (report: InvariantsReport, id: InvariantId): InvariantResult =>
  report.invariants.find((i) => i.id === id)!;

export const verdicts = (report: InvariantsReport): Record<string, boolean> =>
  Object.fromEntries(report.invariants.map((i) => [i.id, i.holds]));

/** `stack` and `env` are read on each call, so the helpers can be made before the stack is started (in beforeAll). */
export function invariantCases(stack: () => TestStack, client: HttpClient, env: () => Record<string, string>) {
  async function audit(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = new Captured();
    const stderr = new Captured();
    const code = await runAuditCli(argv, { env: env(), stdout, stderr });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  /** `invariants --json` with the given options: exit status and the parsed report. */
  async function invariants(...argv: string[]): Promise<{ code: number; report: InvariantsReport; stderr: string }> {
    const res = await audit('invariants', '--json', ...argv);
    if (res.code > 1) throw new Error(`invariants exited ${res.code}: ${res.stderr}`);
    return { code: res.code, report: JSON.parse(res.stdout) as InvariantsReport, stderr: res.stderr };
  }

  let keys = 0;

  async function submit(): Promise<string> {
    const res = await client.request<{ id: string }>('POST', '/applications', {
      token: await client.login('applicant1'),
      body: FAULT_APPLICATION,
      headers: { 'Idempotency-Key': `invariants-e2e-${++keys}` },
    });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function waitForTask(id: string, level: number): Promise<void> {
    await eventually(
      async () =>
        (
          await stack().sql(
            `SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = $2 AND status = 'open'`,
            [id, level],
          )
        ).length
          ? true
          : undefined,
      `the open task at level ${level}`,
    );
  }

  async function decide(id: string, level: number, decision: 'approve' | 'reject'): Promise<void> {
    await waitForTask(id, level);
    const res = await client.request('POST', `/applications/${id}/decisions`, {
      token: await client.login(APPROVERS[level - 1]),
      body: { decision, comment: `${decision} at level ${level}` },
    });
    expect(res.status).toBe(200);
  }

  /** Drops the unique constraint of `table` on these columns (to break an invariant for real); returns its re-creation. */
  async function dropUnique(table: string, columns: string): Promise<() => Promise<void>> {
    const constraints = await stack().sql<{ conname: string; def: string }>(
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'u'`,
      [table],
    );
    const found = constraints.find((c) => c.def.endsWith(`(${columns})`));
    if (!found)
      throw new Error(`${table} has no unique constraint on (${columns}): ${constraints.map((c) => c.def).join('; ')}`);
    await stack().sql(`ALTER TABLE ${table} DROP CONSTRAINT ${found.conname}`);
    return async () => {
      await stack().sql(`ALTER TABLE ${table} ADD CONSTRAINT ${found.conname} ${found.def}`);
    };
  }

  const closed = (id: string) => stack().services.get(Client).workflow.getHandle(applicationWorkflowId(id)).result();

  return { audit, invariants, submit, waitForTask, decide, dropUnique, closed };
}
