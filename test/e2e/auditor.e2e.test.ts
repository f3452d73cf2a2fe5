import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationsService } from '../../libs/applications/src';
import { HistoryArchiver, ReplayService } from '../../libs/audit-review/src';
import { applicationWorkflowId } from '../../libs/temporal/src';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * What an auditor does, over HTTP against the real stack: verify the ledger chains, replay a case from the archive
 * after Temporal forgot it, re-derive its computations, look at it as it stood, export.
 */

let stack: TestStack;
let approvedId: string;
let submittedAt: Date;
let afterLevel1: Date;

async function http<T = Record<string, unknown>>(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T; text: string; contentType: string | null }> {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed as T, text, contentType: res.headers.get('content-type') };
}

async function login(username: string): Promise<string> {
  const res = await http<{ accessToken: string }>('POST', '/auth/login', undefined, {
    username,
    password: 'aidflow-demo',
  });
  return res.body.accessToken;
}

beforeAll(async () => {
  stack = await startTestStack({ http: true });
  const service = stack.services.get(ApplicationsService);
  const applicant = await stack.principal('applicant1');
  submittedAt = new Date();
  const { application } = await service.submitHardship(
    applicant,
    {
      category: 'medical',
      requestedAmountFen: 300_000,
      nationalId: '110101199003074514',
      facts: {
        householdSize: 2,
        annualIncomeFen: 1_800_000,
        unavoidableCostsFen: 0,
        accidentCostsFen: 0,
        medicalOutOfPocketFen: 800_000,
        studentCount: 0,
      },
    },
    'auditor-e2e-1',
  );
  approvedId = application.id;
  await eventually(
    async () =>
      (await stack.sql('SELECT 1 FROM approval_tasks WHERE application_id = $1', [approvedId])).length
        ? true
        : undefined,
    'task',
  );
  await service.decide(await stack.principal('approver-g-east-1'), approvedId, { decision: 'approve', comment: 'ok' });
  afterLevel1 = new Date();
  await new Promise((r) => setTimeout(r, 20));
  await service.decide(await stack.principal('approver-d-east'), approvedId, { decision: 'approve' });
  const final = await service.decide(await stack.principal('approver-city'), approvedId, { decision: 'approve' });
  expect(final.application.status).toBe('approved');
});

afterAll(async () => {
  await stack?.stop();
});

describe('auditors', () => {
  it('verifies the ledger chains of every case', async () => {
    const auditor = await login('auditor1');
    const res = await http<{ ok: boolean; checked: number; firstBroken: unknown }>('GET', '/audit/verify', auditor);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.firstBroken).toBeNull();
    const kinds = await stack.sql<{ kind: string }>(
      'SELECT kind FROM ledger_entries WHERE application_id = $1 ORDER BY case_seq',
      [approvedId],
    );
    expect(kinds.map((k) => k.kind)).toEqual([
      'submitted',
      'eligibility_assessed',
      'task_opened',
      'decision',
      'task_opened',
      'decision',
      'task_opened',
      'decision',
      'budget_reserved',
      'disbursement_recorded',
      'payment_recorded',
      'status_changed',
    ]);
    expect(res.body.checked).toBeGreaterThanOrEqual(kinds.length);
  });

  it('refuses to let the application change or delete ledger rows', async () => {
    await expect(
      stack.sql('UPDATE ledger_entries SET kind = $1 WHERE application_id = $2', ['x', approvedId]),
    ).rejects.toThrow(/append-only/);
    await expect(stack.sql('DELETE FROM ledger_entries WHERE application_id = $1', [approvedId])).rejects.toThrow(
      /append-only/,
    );
  });

  it('re-derives tier, amount and routing from the pinned standard, all matching', async () => {
    const res = await http<{
      matches: boolean;
      checks: Array<{ subject: string; matches: boolean }>;
      problems: string[];
    }>('GET', `/audit/applications/${approvedId}/rederivation`, await login('auditor1'));
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([]);
    expect(res.body.matches).toBe(true);
    expect(res.body.checks.map((c) => c.subject)).toEqual(
      expect.arrayContaining([
        'eligibility.tier',
        'amount.grantedAmountFen',
        'routing.level1',
        'routing.decision3.byAssignee',
      ]),
    );
  });

  it('shows the case as it stood at a past time', async () => {
    const applicant = await login('applicant1');
    const before = await http<{ existed: boolean }>(
      'GET',
      `/applications/${approvedId}?asOf=${new Date(submittedAt.getTime() - 60_000).toISOString()}`,
      applicant,
    );
    expect(before.status).toBe(200);
    expect(before.body.existed).toBe(false);

    const mid = await http<{
      status: string;
      currentLevel: number;
      decisions: unknown[];
      standard: { policyVersion: string };
    }>('GET', `/applications/${approvedId}?asOf=${afterLevel1.toISOString()}`, applicant);
    expect(mid.body.status).toBe('pending_approval');
    expect(mid.body.currentLevel).toBe(2);
    expect(mid.body.decisions).toHaveLength(1);
    expect(mid.body.standard.policyVersion).toMatch(/^hardship-aid\//);

    const bad = await http<{ code: string; message: string }>(
      'GET',
      `/applications/${approvedId}?asOf=yesterday`,
      applicant,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('asOf must be an ISO 8601 timestamp');
    const foreign = await http(
      'GET',
      `/applications/${approvedId}?asOf=${afterLevel1.toISOString()}`,
      await login('applicant2'),
    );
    expect(foreign.status).toBe(403);
  });

  it('exports cases masked by default, unmasked only for auditors and logged', async () => {
    const auditor = await login('auditor1');
    const masked = await http('GET', '/audit/export?kind=cases&format=csv&program=hardship-aid', auditor);
    expect(masked.status).toBe(200);
    expect(masked.contentType).toContain('text/csv');
    const [header, ...lines] = masked.text.trim().split('\n');
    expect(header).toContain('nationalId');
    const row = lines.find((l) => l.startsWith(approvedId))!;
    expect(row).toContain('110***********4514');
    expect(row).not.toContain('110101199003074514');
    expect(row).toContain('王**');

    const unmasked = await http<Array<{ id: string; nationalId: string }>>(
      'GET',
      '/audit/export?format=json&unmasked=true',
      auditor,
    );
    expect(unmasked.status).toBe(200);
    expect(unmasked.body.find((r) => r.id === approvedId)?.nationalId).toBe('110101199003074514');
    const log = await stack.sql<{ unmasked: boolean; row_count: number }>(
      'SELECT unmasked, row_count FROM export_log ORDER BY created_at',
    );
    expect(log.map((l) => l.unmasked)).toEqual([false, true]);
    expect(log[1].row_count).toBeGreaterThanOrEqual(1);

    const adminUnmasked = await http<{ code: string }>('GET', '/audit/export?unmasked=true', await login('admin1'));
    expect(adminUnmasked.status).toBe(403);
    const approver = await http('GET', '/audit/export', await login('approver-city'));
    expect(approver.status).toBe(403);

    const ledger = await http<Array<{ kind: string; caseHash: string }>>(
      'GET',
      '/audit/export?kind=ledger&format=json',
      auditor,
    );
    expect(ledger.body.filter((e) => e.kind === 'decision').length).toBeGreaterThanOrEqual(3);
    expect(ledger.text).not.toContain('110101199003074514');
  });

  it('still replays a case from the archive after Temporal deleted its execution', async () => {
    const archiver = stack.services.get(HistoryArchiver);
    // The workflow closes right after its last email; the archiver (every 15 s in the worker) takes it then.
    await eventually(
      async () => ((await archiver.archiveApplication(approvedId)) === 'archived' ? true : undefined),
      'archive',
    );
    await expect(archiver.archivePending()).resolves.toBe(0);
    const [archived] = await stack.sql<{ status: string; event_count: number }>(
      'SELECT status, event_count FROM workflow_archive WHERE application_id = $1',
      [approvedId],
    );
    expect(archived).toMatchObject({ status: 'COMPLETED' });
    expect(archived.event_count).toBeGreaterThan(20);
    const client = stack.services.get(Client);
    const workflowId = applicationWorkflowId(approvedId);
    const { runId } = await client.workflow.getHandle(workflowId).describe();
    // The dev server deletes asynchronously (about 35 s here), hence the long wait.
    await client.workflowService.deleteWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId, runId },
    });
    await eventually(
      async () => {
        try {
          await client.workflow.getHandle(workflowId).describe();
          return undefined;
        } catch (err) {
          return err instanceof WorkflowNotFoundError ? true : undefined;
        }
      },
      'the execution to disappear from Temporal',
      90_000,
    );

    const res = await http<{ outcome: string; error: string | null }>(
      'POST',
      `/audit/applications/${approvedId}/replay`,
      await login('auditor1'),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'identical', error: null });
    const summary = await stack.services.get(ReplayService).replayPeriod({ program: 'hardship-aid' });
    expect(summary).toMatchObject({ replayed: 1, identical: 1, nondeterministic: 0, failed: 0 });

    // The archived history alone re-derives the case: its input and pinned standard against what it recorded.
    const fromHistory = await http<{ matches: boolean; checks: Array<{ subject: string; matches: boolean }> }>(
      'GET',
      `/audit/applications/${approvedId}/rederivation?source=history`,
      await login('auditor1'),
    );
    expect(fromHistory.status).toBe(200);
    expect(fromHistory.body.matches).toBe(true);
    expect(fromHistory.body.checks.map((c) => c.subject)).toEqual(
      expect.arrayContaining(['eligibility.tier', 'budget.reservedAmountFen', 'routing.level3', 'outcome.status']),
    );
    const badSource = await http<{ message: string }>(
      'GET',
      `/audit/applications/${approvedId}/rederivation?source=memory`,
      await login('auditor1'),
    );
    expect(badSource.status).toBe(400);
    expect(badSource.body.message).toBe('source must be "ledger" or "history"');
  }, 150_000);

  it('flags a doctored input when re-deriving', async () => {
    // Someone edits the stored facts and the pinned standard after the decision.
    await stack.sql(`UPDATE applications SET facts = jsonb_set(facts, '{annualIncomeFen}', '900000') WHERE id = $1`, [
      approvedId,
    ]);
    await stack.sql(
      `UPDATE program_standards SET params = jsonb_set(params, '{medicalReliefRate}', '0.9') WHERE id = (SELECT standard_id FROM applications WHERE id = $1)`,
      [approvedId],
    );
    const res = await http<{ matches: boolean; checks: Array<{ subject: string; matches: boolean }> }>(
      'GET',
      `/audit/applications/${approvedId}/rederivation`,
      await login('auditor1'),
    );
    expect(res.body.matches).toBe(false);
    const failed = res.body.checks.filter((c) => !c.matches).map((c) => c.subject);
    expect(failed).toEqual(expect.arrayContaining(['projection.facts', 'amount.capFen']));
  });

  it('reports the first broken link when a ledger row was tampered with', async () => {
    const [target] = await stack.sql<{ seq: string }>(
      `SELECT seq FROM ledger_entries WHERE application_id = $1 AND kind = 'decision' ORDER BY seq LIMIT 1`,
      [approvedId],
    );
    // Only the table owner can switch the guard off; the tamperer then edits a comment.
    await stack.sql('ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_no_update_delete');
    await stack.sql(`UPDATE ledger_entries SET payload = jsonb_set(payload, '{comment}', '"changed"') WHERE seq = $1`, [
      target.seq,
    ]);
    await stack.sql('ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_no_update_delete');

    const res = await http<{ ok: boolean; firstBroken: { seq: number; applicationId: string; problem: string } }>(
      'GET',
      '/audit/verify',
      await login('auditor1'),
    );
    expect(res.body.ok).toBe(false);
    expect(res.body.firstBroken).toMatchObject({ seq: Number(target.seq), applicationId: approvedId });
    expect(res.body.firstBroken.problem).toContain('altered');
  });
});
