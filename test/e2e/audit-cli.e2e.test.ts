import { spawn } from 'node:child_process';
import { Client } from '@temporalio/client';
import { ApplicationsService } from '../../libs/applications/src';
import { applicationWorkflowId } from '../../libs/temporal/src';
import { runAuditCli } from '../../scripts/audit';
import type { CliOutput } from '../../scripts/audit';
import { projectRoot } from '../../scripts/lib/project-root';
import { testEnvironment } from '../setup/test-env';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * The auditors' command line (`npm run audit`) against the real stack: a case submitted and approved through the
 * real services and worker, its history archived from the real Temporal dev server, replayed, re-derived, and the
 * ledger verified before and after someone tampers with it.
 */

let stack: TestStack;
let env: Record<string, string>;
let approvedId: string;

class Captured implements CliOutput {
  text = '';
  readonly isTTY = false;
  write(text: string): boolean {
    this.text += text;
    return true;
  }
}

async function audit(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Captured();
  const stderr = new Captured();
  const code = await runAuditCli(argv, { env, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The CLI as its own process (TypeScript through ts-node), as `npm run audit` runs the compiled one. */
function auditProcess(...argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'scripts/audit.ts', ...argv],
    { cwd: projectRoot(), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  stack = await startTestStack();
  // What the stack's apps run with, plus the test run's pre-built workflow bundle (as production sets it).
  env = { ...stack.env, WORKFLOW_BUNDLE_PATH: testEnvironment().workflowBundlePath };
  const service = stack.services.get(ApplicationsService);
  const { application } = await service.submitHardship(
    await stack.principal('applicant1'),
    {
      category: 'living',
      requestedAmountFen: 500_000,
      nationalId: '110101199003074514',
      facts: {
        householdSize: 3,
        annualIncomeFen: 2_400_000,
        unavoidableCostsFen: 600_000,
        accidentCostsFen: 0,
        medicalOutOfPocketFen: 0,
        studentCount: 0,
      },
    },
    'audit-cli-e2e-1',
  );
  approvedId = application.id;
  for (const [level, approver] of ['approver-g-east-1', 'approver-d-east', 'approver-city'].entries()) {
    await eventually(
      async () =>
        (
          await stack.sql(`SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = $2 AND status = 'open'`, [
            approvedId,
            level + 1,
          ])
        ).length
          ? true
          : undefined,
      `the level ${level + 1} task`,
    );
    await service.decide(await stack.principal(approver), approvedId, { decision: 'approve' });
  }
  // The workflow closes after the approval email; only a closed history is archived.
  await stack.services.get(Client).workflow.getHandle(applicationWorkflowId(approvedId)).result();
});

afterAll(async () => {
  await stack?.stop();
});

describe('npm run audit', () => {
  it('prints its usage with --help and exits 0', async () => {
    const res = await audit('--help');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Usage: npm run audit -- <command> \[options\]/);
    for (const command of ['verify', 'replay', 'archive', 'rederive <applicationId>', '--json']) {
      expect(res.stdout).toContain(command);
    }
  });

  it('refuses an unknown command with exit 2, naming it', async () => {
    const res = await audit('frobnicate');
    expect(res).toMatchObject({ code: 2, stdout: '' });
    expect(res.stderr).toContain('unknown command "frobnicate"');
    expect(res.stderr).toContain('verify, replay, archive, rederive');
  });

  it('refuses a bad date with exit 2, naming --from', async () => {
    const res = await audit('replay', '--from', 'yesterday');
    expect(res).toMatchObject({ code: 2, stdout: '' });
    expect(res.stderr).toContain('audit replay: --from must be an ISO 8601 date');
    expect(res.stderr).toContain('"yesterday"');
    const unknown = await audit('verify', '--to', '2026-01-01');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--to'");
  });

  it('verifies an intact ledger: exit 0, the JSON says intact, progress on stderr', async () => {
    const [{ n }] = await stack.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entries');
    const res = await audit('verify', '--json');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ checked: Number(n), ok: true, firstBroken: null });
    expect(res.stderr).toContain(`verify: ${n}/${n} (100%)`);

    const text = await audit('verify');
    expect(text.stdout).toContain(`Ledger intact: ${n} entries`);
  });

  it('archives the closed case once', async () => {
    const first = await audit('archive', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ archived: 1, notArchived: 0 });
    const [row] = await stack.sql<{ status: string }>('SELECT status FROM workflow_archive WHERE application_id = $1', [
      approvedId,
    ]);
    expect(row.status).toBe('COMPLETED');

    const again = await audit('archive');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Archived 0 closed workflow histories.');
  });

  it('replays the archived cases against the current workflow code, identical, with progress lines on stderr', async () => {
    const res = await audit('replay', '--json', '--program', 'hardship-aid');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ replayed: 1, identical: 1, nondeterministic: 0, failed: 0, reports: [] });
    // Not a terminal: plain lines, no carriage returns or escape sequences.
    expect(res.stderr).toMatch(/^replay: 1\/1 \(100%\) {2}\S+\/s {2}took \d+s$/m);
    expect(res.stderr).not.toContain('\r');

    const one = await audit('replay', '--application', approvedId);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('Replayed 1 archived case against the current workflow code: 1 identical');

    const none = await audit('replay', '--json', '--from', '2000-01-01', '--to', '2001-01-01');
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toMatchObject({ replayed: 0 });
  });

  it('re-derives a case: recorded against recomputed, all matching, exit 0', async () => {
    const res = await audit('rederive', approvedId);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^ {2}ok {8}eligibility\.tier +"deep"$/m);
    expect(res.stdout).toMatch(/All \d+ checks match\./);
    const json = await audit('rederive', approvedId, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ applicationId: approvedId, matches: true, problems: [] });

    const unknown = await audit('rederive', '00000000-0000-4000-8000-000000000000');
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('does not exist');

    // From the archived Temporal history instead: decoded with the payload keys, the same verdict.
    const fromHistory = await audit('rederive', approvedId, '--source', 'history', '--json');
    expect(fromHistory.code).toBe(0);
    const report = JSON.parse(fromHistory.stdout) as { matches: boolean; checks: Array<{ subject: string }> };
    expect(report.matches).toBe(true);
    expect(report.checks.map((c) => c.subject)).toContain('outcome.status');
    const badSource = await audit('rederive', approvedId, '--source', 'memory');
    expect(badSource.code).toBe(2);
    expect(badSource.stderr).toContain('--source must be "ledger" or "history"');
  });

  it('runs as a program, with the exit status of the command', async () => {
    const res = await auditProcess('verify', '--json');
    expect(res.stderr).not.toContain('Error');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: true });
    const bad = await auditProcess('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown command "frobnicate"');
  }, 60_000);

  it('reports a doctored archived history as non-deterministic, with the error: exit 1', async () => {
    // Someone edits the archived history: the first activity the workflow scheduled now has another type.
    const [row] = await stack.sql<{ history: { events: Array<Record<string, Record<string, unknown>>> } }>(
      'SELECT history FROM workflow_archive WHERE application_id = $1',
      [approvedId],
    );
    const scheduled = row.history.events.find((e) => e.activityTaskScheduledEventAttributes)!;
    scheduled.activityTaskScheduledEventAttributes.activityType = { name: 'somethingElse' };
    await stack.sql('UPDATE workflow_archive SET history = $2 WHERE application_id = $1', [
      approvedId,
      JSON.stringify(row.history),
    ]);

    const res = await audit('replay', '--json');
    expect(res.code).toBe(1);
    const summary = JSON.parse(res.stdout) as { reports: Array<Record<string, unknown>> };
    expect(summary).toMatchObject({ replayed: 1, identical: 0, nondeterministic: 1, failed: 0 });
    expect(summary.reports).toEqual([
      expect.objectContaining({
        applicationId: approvedId,
        workflowId: applicationWorkflowId(approvedId),
        outcome: 'nondeterministic',
        error: expect.stringMatching(/^DeterminismViolationError: .*'somethingElse'/) as unknown,
      }),
    ]);

    const text = await audit('replay', '--application', approvedId);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      '1 archived case against the current workflow code: 0 identical, 1 non-deterministic',
    );
    expect(text.stdout).toContain(`\n  ${approvedId}  non-deterministic, first diverging event `);
    expect(text.stdout).toMatch(/^ {4}DeterminismViolationError: .*'somethingElse'/m);
  });

  it('flags a re-derivation mismatch: exit 1', async () => {
    await stack.sql(`UPDATE applications SET facts = jsonb_set(facts, '{annualIncomeFen}', '900000') WHERE id = $1`, [
      approvedId,
    ]);
    const res = await audit('rederive', approvedId);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(
      /^ {2}MISMATCH {2}projection\.facts +recorded \{.*"annualIncomeFen":900000.*\}, recomputed \{/m,
    );
    expect(res.stdout).toMatch(/1 of \d+ checks do not match/);
  });

  it('names the first broken link when a ledger row was tampered with: exit 1', async () => {
    const [target] = await stack.sql<{ seq: string }>(
      `SELECT seq FROM ledger_entries WHERE application_id = $1 AND kind = 'decision' ORDER BY seq LIMIT 1`,
      [approvedId],
    );
    // Only the table owner can switch the guard off; the tamperer then edits a decision.
    await stack.sql('ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_no_update_delete');
    await stack.sql(`UPDATE ledger_entries SET payload = jsonb_set(payload, '{comment}', '"changed"') WHERE seq = $1`, [
      target.seq,
    ]);
    await stack.sql('ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_no_update_delete');

    const [before] = await stack.sql<{ n: string }>('SELECT count(*) AS n FROM ledger_entries WHERE seq < $1', [
      target.seq,
    ]);
    const res = await audit('verify');
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(
      `First broken link: seq ${target.seq}, application ${approvedId}, global chain: global_hash does not match the row content (the row was altered)`,
    );
    const json = await audit('verify', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      checked: Number(before.n),
      firstBroken: { seq: Number(target.seq), applicationId: approvedId, chain: 'global' },
    });
  });
});
