import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { ApplicationsRepository, ApplicationsService } from '../../libs/applications/src';
import type { SubmitHardshipCommand } from '../../libs/applications/src';
import { ApplicationException, ErrorCode } from '../../libs/common/src';
import { AbsenceService } from '../../libs/org/src';
import { ProgramsService } from '../../libs/programs/src';
import { ApplicationWorkflowClient, applicationWorkflowId } from '../../libs/temporal/src';
import type { RouteLevel } from '../../workflows/policy';
import type { ApplicationWorkflowInput } from '../../workflows/types';
import { SYSTEM_ACTOR_ID } from '../../workflows/types';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';
import { ELIGIBLE_HARDSHIP, ELIGIBLE_HARDSHIP_FACTS_CNY } from '../support/hardship-commands';

const eligible = ELIGIBLE_HARDSHIP;

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

async function submit(command: SubmitHardshipCommand = eligible) {
  const { application } = await service.submitHardship(await stack.principal('applicant1'), command, `verbs-${++key}`);
  await waitForTask(application.id, 1);
  return application.id;
}

const as = (username: string) => stack.principal(username);

async function waitForTask(id: string, level: number, round = 1): Promise<string[]> {
  return eventually(async () => {
    const [row] = await stack.sql<{ assignee_ids: string[] }>(
      `SELECT assignee_ids FROM approval_tasks WHERE application_id = $1 AND level = $2 AND round = $3 AND status = 'open'`,
      [id, level, round],
    );
    return row?.assignee_ids;
  }, `open task at level ${level}, round ${round}`);
}

async function statusOf(id: string): Promise<string> {
  const [row] = await stack.sql<{ status: string }>('SELECT status FROM applications WHERE id = $1', [id]);
  return row.status;
}

async function userId(username: string): Promise<string> {
  return (await as(username)).userId;
}

async function refusal(promise: Promise<unknown>): Promise<ApplicationException> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ApplicationException);
  return error as ApplicationException;
}

/**
 * Actions taken by people. The engine may add its own (a deadline note when a level's deadline would fall in a year
 * the business calendar does not hold yet), depending on the date the tests run.
 */
const byPeople = <T extends { actorId: string }>(actions: T[]): T[] =>
  actions.filter((a) => a.actorId !== SYSTEM_ACTOR_ID);

async function approve(username: string, id: string) {
  return service.decide(await as(username), id, { decision: 'approve', comment: `ok (${username})` });
}

/** Stores an application and starts its workflow with a route the test shapes (modes, SLAs). */
async function startWithRoute(shape: (route: RouteLevel[]) => RouteLevel[]): Promise<string> {
  const applicant = await as('applicant1');
  const id = await submit();
  // Reuse the stored application and its real route, then run a second case with the shaped route.
  const client = stack.services.get(ApplicationWorkflowClient);
  const temporal = stack.services.get(Client);
  const original = await temporal.workflow.getHandle(applicationWorkflowId(id)).describe();
  expect(original.status.name).toBe('RUNNING');
  const program = await stack.services.get(ProgramsService).requireProgram('hardship-aid');
  const standard = await stack.services.get(ProgramsService).standardOn(program, '2026-06-01');
  const [{ route }] = await stack.sql<{ route: RouteLevel[] }>(
    `SELECT payload->'route' AS route FROM ledger_entries WHERE application_id = $1 AND kind = 'submitted'`,
    [id],
  );
  const newId = randomUUID();
  await stack.services.get(ApplicationsRepository).insert({
    id: newId,
    programId: program.id,
    programCode: program.code,
    applicantUserId: applicant.userId,
    orgUnitId: applicant.orgUnitId!,
    idempotencyKey: `shaped-${newId}`,
    requestHash: 'test',
    category: eligible.category,
    requestedAmountFen: eligible.requestedAmountFen,
    facts: eligible.facts,
    nationalId: null,
    standardId: standard.standardId,
    policyVersion: standard.policyVersion,
    status: 'submitted',
    workflowId: applicationWorkflowId(newId),
    budgetYear: 2026,
  });
  const input: ApplicationWorkflowInput = {
    applicationId: newId,
    programCode: program.code,
    applicantUserId: applicant.userId,
    orgUnitId: applicant.orgUnitId!,
    category: eligible.category,
    requestedAmountFen: eligible.requestedAmountFen,
    facts: eligible.facts,
    standard,
    route: shape(route),
    budgetYear: 2026,
    submittedAt: new Date().toISOString(),
  };
  await client.start(input);
  return newId;
}

describe('approval verbs (each a Temporal Update with a validator, recorded with actor, time and comment)', () => {
  it('returns to the applicant, who resubmits changed facts; every level decides again', async () => {
    const id = await submit();
    await approve('approver-g-east-1', id);
    await waitForTask(id, 2);
    const returned = await service.returnCase(await as('approver-d-east'), id, { comment: '请补充收入证明' });
    expect(returned.application.status).toBe('returned');
    expect(returned.tasks.find((t) => t.level === 2)?.status).toBe('cancelled');
    const mail = await stack.mail.waitFor(
      (m) => m.to.includes('applicant1@aidflow.local') && m.subject.includes('退回'),
    );
    expect(mail.text).toContain('请补充收入证明');

    // Nobody else may resubmit, and approvers cannot decide a returned case.
    expect((await refusal(approve('approver-d-east', id))).code).toBe(ErrorCode.LevelNotActive);
    const resubmitted = await service.resubmit(await as('applicant1'), id, {
      category: eligible.category,
      facts: ELIGIBLE_HARDSHIP_FACTS_CNY,
      requestedAmountFen: 400_000,
      comment: '已补充',
    });
    expect(resubmitted.application.requestedAmountFen).toBe(400_000);
    expect(resubmitted.application.grantedAmountFen).toBe(400_000);
    expect(resubmitted.application).toMatchObject({ status: 'pending_approval', currentLevel: 1 });
    await waitForTask(id, 1, 2);
    await approve('approver-g-east-1', id);
    await waitForTask(id, 2, 2);
    await approve('approver-d-east', id);
    const final = await approve('approver-city', id);
    expect(final.application.status).toBe('approved');
    expect(final.decisions.map((d) => [d.level, d.round, d.decision])).toEqual([
      [1, 1, 'approve'],
      [1, 2, 'approve'],
      [2, 2, 'approve'],
      [3, 1, 'approve'],
    ]);
    expect(byPeople(final.actions).map((a) => [a.verb, a.actorName])).toEqual([
      ['return', expect.any(String)],
      ['resubmit', expect.any(String)],
    ]);
    expect(byPeople(final.actions)[0].comment).toBe('请补充收入证明');
    const [reserved] = await stack.sql<{ amount_fen: string }>(
      'SELECT amount_fen FROM budget_reservations WHERE application_id = $1',
      [id],
    );
    expect(reserved.amount_fen).toBe('400000');
  });

  it('returns to an earlier level, which decides again', async () => {
    const id = await submit();
    await approve('approver-g-east-1', id);
    await waitForTask(id, 2);
    const back = await service.returnCase(await as('approver-d-east'), id, { comment: '请基层再核实', toLevel: 1 });
    expect(back.application.status).toBe('pending_approval');
    expect(back.application.currentLevel).toBe(1); // answered once level 1 is open again (change 4)
    expect(await waitForTask(id, 1, 2)).toEqual([await userId('approver-g-east-1')]);
    const bad = await refusal(service.returnCase(await as('approver-g-east-1'), id, { comment: 'x', toLevel: 3 }));
    expect(bad.code).toBe(ErrorCode.ActionInvalid);
    expect(bad.message).toContain('toLevel must be 0 (the applicant) or an earlier level');
  });

  it('lets the applicant withdraw while the case is open, closing the task and telling the approver', async () => {
    const id = await submit();
    expect((await refusal(service.withdraw(await as('approver-g-east-1'), id))).code).toBe(ErrorCode.Forbidden);
    const withdrawn = await service.withdraw(await as('applicant1'), id, '已获得其他帮助');
    expect(withdrawn.application.status).toBe('withdrawn');
    expect(withdrawn.tasks.every((t) => t.status !== 'open')).toBe(true);
    await stack.mail.waitFor((m) => m.to.includes('approver-g-east-1@aidflow.local') && m.subject.includes('撤回'));
    expect((await refusal(service.withdraw(await as('applicant1'), id))).code).toBe(ErrorCode.ApplicationClosed);
    expect((await refusal(approve('approver-g-east-1', id))).code).toBe(ErrorCode.ApplicationClosed);
  });

  it('transfers a task to another approver of the branch; the record keeps both', async () => {
    const id = await submit();
    const outsider = await refusal(service.transfer(await as('approver-g-east-1'), id, { to: 'approver-g-west-1' }));
    expect(outsider.code).toBe(ErrorCode.ActionInvalid);
    const moved = await service.transfer(await as('approver-g-east-1'), id, { to: 'approver-d-east', comment: '出差' });
    const task = moved.tasks.find((t) => t.level === 1)!;
    expect(task.assigneeIds).toEqual([await userId('approver-d-east')]);
    expect(task.assignment.join(' ')).toContain('transferred by');
    expect(byPeople(moved.actions)[0]).toMatchObject({
      verb: 'transfer',
      actorId: await userId('approver-g-east-1'),
      comment: '出差',
      details: { fromUserId: await userId('approver-g-east-1'), toUserId: await userId('approver-d-east') },
    });
    // The original approver can no longer decide; the new one can.
    expect((await refusal(approve('approver-g-east-1', id))).code).toBe(ErrorCode.NotApproverOfCurrentLevel);
    const after = await approve('approver-d-east', id);
    expect(after.decisions[0]).toMatchObject({ level: 1, actorId: await userId('approver-d-east') });
  });

  it('adds an approver before (前加签) and after (后加签) the current one at the same level', async () => {
    const id = await submit();
    await service.addApprover(await as('approver-g-east-1'), id, { username: 'approver-d-east', position: 'before' });
    expect(await waitForTask(id, 1)).toEqual([await userId('approver-d-east')]);
    expect((await refusal(approve('approver-g-east-1', id))).code).toBe(ErrorCode.NotApproverOfCurrentLevel);
    await approve('approver-d-east', id);
    // Back to the original approver, still level 1.
    expect(
      await eventually(async () => {
        const ids = await waitForTask(id, 1);
        return ids[0] === (await userId('approver-g-east-1')) ? ids : undefined;
      }, 'task back with the original approver'),
    ).toEqual([await userId('approver-g-east-1')]);
    await service.addApprover(await as('approver-g-east-1'), id, { username: 'approver-city', position: 'after' });
    await approve('approver-g-east-1', id);
    expect(await waitForTask(id, 1)).toEqual([await userId('approver-city')]);
    await approve('approver-city', id);
    expect(await waitForTask(id, 2)).toEqual([await userId('approver-d-east')]);
    const details = await service.get(await as('auditor1'), id);
    expect(details.decisions.filter((d) => d.level === 1).map((d) => d.actorId)).toEqual([
      await userId('approver-d-east'),
      await userId('approver-g-east-1'),
      await userId('approver-city'),
    ]);
    expect(byPeople(details.actions).map((a) => [a.verb, a.details.position])).toEqual([
      ['add_approver', 'before'],
      ['add_approver', 'after'],
    ]);
  });

  it('copies a case (抄送): read access and a notification', async () => {
    const id = await submit();
    const outsider = await as('approver-g-west-1');
    expect((await refusal(service.get(outsider, id))).code).toBe(ErrorCode.Forbidden);
    await service.copy(await as('approver-g-east-1'), id, { usernames: ['approver-g-west-1'], comment: '请知悉' });
    await expect(service.get(outsider, id)).resolves.toMatchObject({ application: { id } });
    await stack.mail.waitFor((m) => m.to.includes('approver-g-west-1@aidflow.local') && m.subject.includes('抄送'));
    // Read access only: a copied approver does not decide.
    expect((await refusal(approve('approver-g-west-1', id))).code).toBe(ErrorCode.NotApproverOfCurrentLevel);
    // Read access does not let them widen access further.
    const onward = await refusal(service.copy(outsider, id, { usernames: ['approver-g-west-2'] }));
    expect(onward.code).toBe(ErrorCode.Forbidden);
    const unknown = await refusal(service.copy(await as('approver-g-east-1'), id, { usernames: ['nobody'] }));
    expect(unknown.message).toBe('No such user: nobody');
  });

  it('urges (催办) the current approvers at most once an hour, and takes comments', async () => {
    const id = await submit();
    await service.urge(await as('applicant1'), id, '家里急用');
    await stack.mail.waitFor((m) => m.to.includes('approver-g-east-1@aidflow.local') && m.subject.includes('催办'));
    const again = await refusal(service.urge(await as('applicant1'), id));
    expect(again.code).toBe(ErrorCode.UrgedTooRecently);
    expect(again.message).toMatch(/urge again after \d{4}-\d\d-\d\dT/);
    expect((await refusal(service.urge(await as('approver-g-east-1'), id))).code).toBe(ErrorCode.Forbidden);
    const commented = await service.comment(await as('approver-g-east-1'), id, '已约家访');
    expect(byPeople(commented.actions).map((a) => [a.verb, a.comment])).toEqual([
      ['urge', '家里急用'],
      ['comment', '已约家访'],
    ]);
    expect((await refusal(service.comment(await as('auditor1'), id, 'x'))).code).toBe(ErrorCode.Forbidden);
    // Refused attempts are on record for auditors.
    const attempts = await stack.sql<{ action: string; code: string }>(
      'SELECT action, code FROM rejected_attempts WHERE application_id = $1 ORDER BY created_at',
      [id],
    );
    expect(attempts.map((a) => a.code)).toEqual(
      expect.arrayContaining([ErrorCode.UrgedTooRecently, ErrorCode.Forbidden]),
    );
  });

  it('keeps deciding while the mail server is down: notifications to approvers never hold up a decision', async () => {
    stack.mail.failNext = 10_000;
    try {
      const id = await submit();
      await approve('approver-g-east-1', id);
      await waitForTask(id, 2);
      await approve('approver-d-east', id);
      await waitForTask(id, 3);
      const final = await approve('approver-city', id);
      expect(final.application.status).toBe('approved');
    } finally {
      stack.mail.failNext = 0;
    }
  });

  it('bulk-approves: each case succeeds or fails on its own', async () => {
    const a = await submit();
    const b = await submit();
    const results = await service.bulkDecide(await as('approver-g-east-1'), [
      { applicationId: a, decision: 'approve', comment: '同意' },
      { applicationId: b, decision: 'approve' },
      { applicationId: a, decision: 'approve' },
      { applicationId: randomUUID(), decision: 'approve' },
    ]);
    expect(results.map((r) => [r.ok, r.status ?? r.code])).toEqual([
      [true, 'pending_approval'],
      [true, 'pending_approval'],
      [false, ErrorCode.LevelAlreadyDecided],
      [false, ErrorCode.ApplicationNotFound],
    ]);
  });

  it('needs every approver of an all-of level (会签); any one decides an any-of level (或签)', async () => {
    const city = await userId('approver-city');
    const id = await startWithRoute((route) =>
      route.map((l) => (l.level === 1 ? { ...l, mode: 'all' as const, approverIds: [...l.approverIds, city] } : l)),
    );
    await waitForTask(id, 1);
    await approve('approver-city', id);
    expect(await waitForTask(id, 1)).toEqual([await userId('approver-g-east-1')]);
    expect(await statusOf(id)).toBe('pending_approval');
    await approve('approver-g-east-1', id);
    await waitForTask(id, 2);
  });

  it('reminds before a deadline and auto-approves when it passes, recorded under the system user', async () => {
    const id = await startWithRoute((route) =>
      route.map((l) =>
        l.level === 1
          ? { ...l, sla: { due: { seconds: 3 }, remindBefore: { seconds: 2 }, onDue: 'auto_approve' as const } }
          : l,
      ),
    );
    await stack.mail.waitFor(
      (m) =>
        m.to.includes('approver-g-east-1@aidflow.local') &&
        m.subject.includes('即将超时') &&
        m.text.includes(id.slice(0, 8)),
    );
    await waitForTask(id, 2);
    const details = await service.get(await as('auditor1'), id);
    expect(details.decisions[0]).toMatchObject({ level: 1, actorId: SYSTEM_ACTOR_ID, decision: 'approve' });
    expect(details.actions.map((a) => a.verb)).toEqual(['reminder', 'auto_approve']);
  });

  it('escalates an overdue task to the configured approvers', async () => {
    const district = await userId('approver-d-east');
    const id = await startWithRoute((route) =>
      route.map((l) =>
        l.level === 1
          ? { ...l, sla: { due: { seconds: 1 }, onDue: 'escalate' as const, escalateToIds: [district] } }
          : l,
      ),
    );
    expect(
      await eventually(async () => {
        const ids = await waitForTask(id, 1);
        return ids[0] === district ? ids : undefined;
      }, 'escalation'),
    ).toEqual([district]);
    const details = await service.get(await as('auditor1'), id);
    expect(details.actions.map((a) => a.verb)).toEqual(['escalate']);
    expect(details.tasks[0].assignment.join(' ')).toContain('escalated after the deadline');
  });

  it('reminds again when the deadline passes with onDue remind, and the task stays put', async () => {
    const id = await startWithRoute((route) =>
      route.map((l) => (l.level === 1 ? { ...l, sla: { due: { seconds: 1 }, onDue: 'remind' as const } } : l)),
    );
    await stack.mail.waitFor(
      (m) =>
        m.to.includes('approver-g-east-1@aidflow.local') &&
        m.subject.includes('催办') &&
        m.text.includes(id.slice(0, 8)),
    );
    const details = await service.get(await as('auditor1'), id);
    expect(details.actions.map((a) => [a.verb, a.actorId, a.details.overdue])).toEqual([
      ['reminder', SYSTEM_ACTOR_ID, true],
    ]);
    expect(await waitForTask(id, 1)).toEqual([await userId('approver-g-east-1')]);
  });

  it('auto-rejects, or returns to the applicant, when the deadline passes', async () => {
    const rejected = await startWithRoute((route) =>
      route.map((l) => (l.level === 1 ? { ...l, sla: { due: { seconds: 1 }, onDue: 'auto_reject' as const } } : l)),
    );
    const returned = await startWithRoute((route) =>
      route.map((l) => (l.level === 1 ? { ...l, sla: { due: { seconds: 1 }, onDue: 'return' as const } } : l)),
    );
    await eventually(async () => ((await statusOf(rejected)) === 'rejected' ? true : undefined), 'auto-reject');
    await eventually(async () => ((await statusOf(returned)) === 'returned' ? true : undefined), 'auto-return');
  });
});

describe('routing as data (per program and policy version), each rule recorded when it fires', () => {
  async function submitAs(username: string, command: SubmitHardshipCommand = eligible) {
    const { application } = await service.submitHardship(await as(username), command, `routing-${++key}`);
    return application.id;
  }

  async function submittedPayload(id: string) {
    const [row] = await stack.sql<{
      payload: { route: RouteLevel[]; routingNotes?: Array<{ rule: string; text: string }> };
    }>(`SELECT payload FROM ledger_entries WHERE application_id = $1 AND kind = 'submitted'`, [id]);
    return row.payload;
  }

  it('adds the leader sign-off above 8,000 CNY, and records the skip below it', async () => {
    const small = await submittedPayload(await submitAs('applicant1'));
    expect(small.route.map((l) => l.level)).toEqual([1, 2, 3]);
    expect(small.routingNotes?.map((n) => n.rule)).toEqual(['condition']);
    expect(small.routingNotes?.[0]?.text).toContain('Level 4 (分管领导 leader sign-off) skipped');
    const large = await submittedPayload(
      await submitAs('applicant1', {
        ...eligible,
        category: 'medical',
        requestedAmountFen: 1_000_000,
        facts: { ...eligible.facts, medicalOutOfPocketFen: 2_400_000 },
      }),
    );
    expect(large.route.map((l) => [l.level, l.approverIds])).toEqual([
      [1, [await userId('approver-g-east-1')]],
      [2, [await userId('approver-d-east')]],
      [3, [await userId('approver-city')]],
      [4, [await userId('leader-city')]],
    ]);
    expect(large.route[1].sla).toMatchObject({ onDue: 'escalate', escalateToIds: [await userId('approver-city')] });
  });

  it("never lets a relative approve (four-eyes): the applicant's spouse's level goes up the tree", async () => {
    const id = await submitAs('applicant3');
    const payload = await submittedPayload(id);
    expect(payload.route[0].approverIds).toEqual([await userId('approver-d-west')]);
    await waitForTask(id, 1);
    const details = await service.get(await as('auditor1'), id);
    expect(details.tasks[0].assignment[0]).toMatch(/may not approve \(the applicant or a relative\); passed up to/);
    // The district approver now holds levels 1 and 2 alone: the rules say `pass`, so level 2 is passed, recorded.
    expect(payload.route.map((l) => l.level)).toEqual([1, 3]);
    expect(payload.routingNotes!.map((n) => n.rule)).toEqual(['four-eyes', 'same-approver-pass', 'condition']);
  });

  it('gives a level nobody is configured for to the administrators, and says so on the task', async () => {
    await stack.sql(`UPDATE users SET approval_level = 5 WHERE username = 'approver-d-west'`);
    try {
      const id = await submitAs('applicant2');
      const payload = await submittedPayload(id);
      expect(payload.route[1].approverIds).toEqual([await userId('admin1')]);
      expect(payload.routingNotes!.map((n) => n.rule)).toEqual(['no-approver', 'condition']);
      await waitForTask(id, 1);
      await approve('approver-g-west-1', id);
      expect(await waitForTask(id, 2)).toEqual([await userId('admin1')]);
      const details = await service.get(await as('auditor1'), id);
      expect(details.tasks[1].assignment[0]).toMatch(
        /^No approver is configured for level 2 at .*; assigned to the administrators/,
      );
    } finally {
      await stack.sql(`UPDATE users SET approval_level = 2 WHERE username = 'approver-d-west'`);
    }
  });

  it('sends tasks arriving during an absence to the delegate; the record names both', async () => {
    const absences = stack.services.get(AbsenceService);
    const away = await as('approver-g-east-1');
    await absences.set(away, {
      delegateUsername: 'approver-d-east',
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 24 * 3600_000),
      reason: '出差',
    });
    try {
      const id = await submitAs('applicant1');
      expect(await waitForTask(id, 1)).toEqual([await userId('approver-d-east')]);
      const details = await service.get(await as('auditor1'), id);
      const note = details.tasks[0].assignment.join(' ');
      expect(note).toContain('is away until');
      expect(note).toContain('(出差); delegated to');
      expect(details.actions[0]).toMatchObject({
        verb: 'delegate',
        actorId: SYSTEM_ACTOR_ID,
        details: { fromUserId: away.userId, toUserId: await userId('approver-d-east') },
      });
      expect((await refusal(approve('approver-g-east-1', id))).code).toBe(ErrorCode.NotApproverOfCurrentLevel);
      await approve('approver-d-east', id);
    } finally {
      await absences.clear(away);
    }
    const bad = await absences
      .set(away, {
        delegateUsername: 'applicant1',
        startsAt: new Date(),
        endsAt: new Date(Date.now() + 3600_000),
      })
      .then(
        () => null,
        (err: unknown) => err as ApplicationException,
      );
    expect(bad?.message).toBe('applicant1 is not an approver and cannot take approval tasks');
  });
});
