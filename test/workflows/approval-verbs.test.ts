import { randomUUID } from 'node:crypto';
import { ApplicationsService } from '../../libs/applications/src';
import { ErrorCode } from '../../libs/common/src';
import { SYSTEM_ACTOR_ID } from '@aidflow/workflows/types';
import { ELIGIBLE_HARDSHIP_FACTS_CNY } from '../support/hardship-commands';
import { byPeople, eligible, refusal, serviceCases } from '../support/service-cases';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * The approval verbs on a real Temporal dev server, through the real services (no HTTP): each a Temporal Update with
 * a validator, recorded with actor, time and comment; bulk decisions; all-of and any-of levels; and what a level's
 * deadline does (remind, auto-approve, escalate, remind again, auto-reject, return). The HTTP side is in
 * test/e2e/approval-verbs.e2e.test.ts, routing in test/workflows/routing.test.ts, the helpers in
 * test/support/service-cases.ts.
 */

let stack: TestStack;
let service: ApplicationsService;
const { submit, as, waitForTask, statusOf, userId, approve, startWithRoute } = serviceCases(() => stack);

beforeAll(async () => {
  stack = await startTestStack();
  service = stack.services.get(ApplicationsService);
});

afterAll(async () => {
  await stack?.stop();
});

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
