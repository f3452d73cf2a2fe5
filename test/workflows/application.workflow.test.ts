import { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { ApplicationsService } from '../../libs/applications/src';
import type { SubmitHardshipCommand } from '../../libs/applications/src';
import { decodeApplicationHistory } from '../../libs/audit-review/src/history-rederivation';
import { ApplicationException, ErrorCode } from '../../libs/common/src';
import { applicationWorkflowId, buildDataConverter } from '../../libs/temporal/src';
import { testEnvironment } from '../setup/test-env';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';
import { ELIGIBLE_HARDSHIP } from '../support/hardship-commands';

const eligible = ELIGIBLE_HARDSHIP;

let stack: TestStack;
let service: ApplicationsService;
let key = 0;
const nextKey = (): string => `wf-test-${++key}`;

beforeAll(async () => {
  stack = await startTestStack();
  service = stack.services.get(ApplicationsService);
});

afterAll(async () => {
  await stack?.stop();
});

async function submit(command: SubmitHardshipCommand = eligible, idempotencyKey = nextKey()) {
  const applicant = await stack.principal('applicant1');
  return service.submitHardship(applicant, command, idempotencyKey);
}

async function decide(username: string, id: string, decision: 'approve' | 'reject', extra: { level?: number } = {}) {
  return service.decide(await stack.principal(username), id, {
    decision,
    comment: `${decision} by ${username}`,
    ...extra,
  });
}

async function statusOf(id: string): Promise<string> {
  const [row] = await stack.sql<{ status: string }>('SELECT status FROM applications WHERE id = $1', [id]);
  return row.status;
}

async function waitForTask(id: string, level: number): Promise<void> {
  await eventually(async () => {
    const rows = await stack.sql(
      'SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = $2 AND status = $3',
      [id, level, 'open'],
    );
    return rows.length ? true : undefined;
  }, `open task at level ${level}`);
}

/** Update events in the workflow history: a refused attempt must add none. */
async function updateEvents(id: string): Promise<string[]> {
  const client = stack.services.get(Client);
  const history = await client.workflow.getHandle(applicationWorkflowId(id)).fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    if (e.workflowExecutionUpdateAcceptedEventAttributes) return ['accepted'];
    if (e.workflowExecutionUpdateCompletedEventAttributes) return ['completed'];
    if (e.workflowExecutionUpdateAdmittedEventAttributes) return ['admitted'];
    return [];
  });
}

async function expectRefusal(promise: Promise<unknown>, code: ErrorCode): Promise<ApplicationException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApplicationException);
  expect((error as ApplicationException).code).toBe(code);
  return error as ApplicationException;
}

describe('application workflow on a real Temporal dev server', () => {
  it('is started with the assessment made at submission and records that one, assessing once', async () => {
    const submitted = await submit();
    await waitForTask(submitted.application.id, 1);
    const client = stack.services.get(Client);
    const history = await client.workflow.getHandle(applicationWorkflowId(submitted.application.id)).fetchHistory();
    const decoded = await decodeApplicationHistory(history, buildDataConverter(stack.config));
    expect(submitted.assessment).toBeDefined();
    expect(decoded.input.assessment).toEqual(JSON.parse(JSON.stringify(submitted.assessment)));
    const recorded = decoded.activities.filter((a) => a.type === 'recordEligibility');
    expect(recorded).toHaveLength(1);
    expect((recorded[0].input as { assessment: unknown }).assessment).toEqual(decoded.input.assessment);
  });

  it('approves through three levels, reserves the budget, pays the disbursement and emails the applicant', async () => {
    const { application } = await submit();
    await waitForTask(application.id, 1);
    await decide('approver-g-east-1', application.id, 'approve');
    await decide('approver-d-east', application.id, 'approve');
    const final = await decide('approver-city', application.id, 'approve');

    expect(final.application.status).toBe('approved');
    expect(final.decisions.map((d) => [d.level, d.decision])).toEqual([
      [1, 'approve'],
      [2, 'approve'],
      [3, 'approve'],
    ]);
    const [reservation] = await stack.sql<{ amount_fen: string; status: string }>(
      'SELECT amount_fen, status FROM budget_reservations WHERE application_id = $1',
      [application.id],
    );
    expect(reservation).toEqual({ amount_fen: '500000', status: 'committed' });
    const disbursements = await stack.sql<{ amount_fen: string; status: string }>(
      'SELECT amount_fen, status FROM disbursements WHERE application_id = $1',
      [application.id],
    );
    expect(disbursements).toEqual([{ amount_fen: '500000', status: 'paid' }]);
    const mail = await stack.mail.waitFor(
      (m) => m.to.includes('applicant1@aidflow.local') && m.subject.includes('已批准'),
    );
    expect(mail.text).toContain('5000.00');
    expect(mail.text).toContain(application.id);
    // Workflow change 1 (patch "receipt-notice"): the applicant heard first that the case was accepted.
    const receipt = await stack.mail.waitFor(
      (m) =>
        m.to.includes('applicant1@aidflow.local') && m.subject.includes('已受理') && m.text.includes(application.id),
    );
    expect(receipt.subject).toContain('Received');
    expect(receipt.text).toContain('5000.00');

    // The recorded (encrypted) history replays deterministically against the same bundle, with the keys.
    const client = stack.services.get(Client);
    const history = await client.workflow.getHandle(applicationWorkflowId(application.id)).fetchHistory();
    await expect(
      Worker.runReplayHistory(
        {
          workflowBundle: { codePath: testEnvironment().workflowBundlePath },
          dataConverter: buildDataConverter(stack.config),
        },
        history,
      ),
    ).resolves.toBeUndefined();
  });

  it('ends at the level that rejects, reserves nothing and emails the applicant the reason', async () => {
    const { application } = await submit();
    await waitForTask(application.id, 1);
    await decide('approver-g-east-1', application.id, 'approve');
    const after = await decide('approver-d-east', application.id, 'reject');

    expect(after.application.status).toBe('rejected');
    expect(after.application.outcomeReason).toContain('Rejected at level 2');
    expect(after.tasks.map((t) => t.level)).toEqual([1, 2]);
    expect(await stack.sql('SELECT 1 FROM budget_reservations WHERE application_id = $1', [application.id])).toEqual(
      [],
    );
    const mail = await stack.mail.waitFor(
      (m) => m.subject.includes('未通过') && m.text.includes(application.id.slice(0, 8)),
    );
    expect(mail.text).toContain('Rejected at level 2');
  });

  it('refuses an ineligible household with the reason and opens no task', async () => {
    const rich: SubmitHardshipCommand = { ...eligible, facts: { ...eligible.facts, annualIncomeFen: 12_000_000 } };
    const { application, assessment } = await submit(rich);
    expect(assessment?.eligible).toBe(false);

    await eventually(async () => ((await statusOf(application.id)) === 'refused' ? true : undefined), 'refusal');
    const [row] = await stack.sql<{ outcome_reason: string; tier: string | null }>(
      'SELECT outcome_reason, tier FROM applications WHERE id = $1',
      [application.id],
    );
    expect(row.outcome_reason).toBe('ineligible: the household meets none of the three hardship tiers');
    expect(row.tier).toBeNull();
    expect(await stack.sql('SELECT 1 FROM approval_tasks WHERE application_id = $1', [application.id])).toEqual([]);
    const mail = await stack.mail.waitFor(
      (m) => m.subject.includes('不符合条件') && m.text.includes(application.id.slice(0, 8)),
    );
    expect(mail.text).toContain('none of the three hardship tiers');
  });

  it('rejects a second decision on the same level with LEVEL_ALREADY_DECIDED and leaves history untouched', async () => {
    const { application } = await submit();
    await waitForTask(application.id, 1);
    await decide('approver-g-east-1', application.id, 'approve');
    expect(await updateEvents(application.id)).toEqual(['accepted', 'completed']);

    await expectRefusal(decide('approver-g-east-1', application.id, 'approve'), ErrorCode.LevelAlreadyDecided);
    await expectRefusal(
      decide('approver-d-east', application.id, 'approve', { level: 1 }),
      ErrorCode.LevelAlreadyDecided,
    );

    expect(await updateEvents(application.id)).toEqual(['accepted', 'completed']);
    const attempts = await stack.sql<{ code: string; action: string }>(
      'SELECT code, action FROM rejected_attempts WHERE application_id = $1 ORDER BY created_at',
      [application.id],
    );
    expect(attempts).toEqual([
      { code: 'LEVEL_ALREADY_DECIDED', action: 'decide:approve' },
      { code: 'LEVEL_ALREADY_DECIDED', action: 'decide:approve' },
    ]);
  });

  it('rejects an approver who is not an approver of the current level, without touching history', async () => {
    const { application } = await submit();
    await waitForTask(application.id, 1);

    // In the branch, but level 2 is not active yet.
    const early = await expectRefusal(
      decide('approver-d-east', application.id, 'approve'),
      ErrorCode.NotApproverOfCurrentLevel,
    );
    expect(early.message).toContain('level 1');
    await expectRefusal(decide('approver-d-east', application.id, 'approve', { level: 2 }), ErrorCode.LevelNotActive);
    // Another branch of the tree: refused before the workflow is asked.
    await expectRefusal(decide('approver-g-west-1', application.id, 'approve'), ErrorCode.Forbidden);

    expect(await updateEvents(application.id)).toEqual([]);
    expect(await statusOf(application.id)).toBe('pending_approval');
  });

  it('returns the same application for the same Idempotency-Key and starts one workflow', async () => {
    const idempotencyKey = nextKey();
    const first = await submit(eligible, idempotencyKey);
    const second = await submit(eligible, idempotencyKey);
    expect(second.application.id).toBe(first.application.id);
    expect(second.replayed).toBe(true);
    const rows = await stack.sql('SELECT id FROM applications WHERE idempotency_key = $1', [idempotencyKey]);
    expect(rows).toHaveLength(1);

    const changed = { ...eligible, requestedAmountFen: 600_000 };
    await expectRefusal(submit(changed, idempotencyKey), ErrorCode.IdempotencyKeyReused);
  });

  it('ends as budget_exhausted when the envelope cannot cover the amount, and releases nothing it did not take', async () => {
    await stack.sql(
      `UPDATE budget_envelopes SET reserved_fen = GREATEST(0, allocated_fen - paid_fen - 100000)
       WHERE program_id = (SELECT id FROM programs WHERE code = 'hardship-aid') AND year = $1`,
      [new Date().getUTCFullYear()],
    );
    try {
      const { application } = await submit();
      await waitForTask(application.id, 1);
      await decide('approver-g-east-1', application.id, 'approve');
      await decide('approver-d-east', application.id, 'approve');
      const final = await decide('approver-city', application.id, 'approve');
      expect(final.application.status).toBe('budget_exhausted');
      expect(final.application.outcomeReason).toContain('has 5000 CNY left');
      expect(await stack.sql('SELECT 1 FROM disbursements WHERE application_id = $1', [application.id])).toEqual([]);
    } finally {
      await stack.sql(`UPDATE budget_envelopes SET reserved_fen = 0`);
    }
  });
});
