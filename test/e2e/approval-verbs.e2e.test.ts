import { randomUUID } from 'node:crypto';
import { approvalVerbRequests, household } from '../support/approval-verbs-http';
import { httpClient } from '../support/http-client';
import type { ErrorBody } from '../support/http-client';
import { startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * The approval verbs end to end: HTTP -> the API -> a Temporal Update with a validator -> the worker's activities ->
 * PostgreSQL -> email in the SMTP sink. One test per verb, each on its own case; the service-level edge cases are in
 * test/workflows/approval-verbs.test.ts, how OpenAPI describes the verbs in test/e2e/openapi-fuzz.e2e.test.ts, and the
 * requests and waits these tests share in test/support/approval-verbs-http.ts.
 *
 * The cases' trails are compared without the system user's actions: whether a level gets a deadline reminder (or, in
 * the last days of a year whose successor has no business calendar yet, a "No deadline" note) depends on the date
 * of the run, not on the verbs under test.
 */

let stack: TestStack;
const client = httpClient(() => stack.baseUrl!);
const { as, verb, refused, create, openTask, taskWith, view, mailTo, approve } = approvalVerbRequests(
  () => stack,
  client,
);

beforeAll(async () => {
  stack = await startTestStack({ http: true });
});

afterAll(async () => {
  await stack?.stop();
});

describe('approval verbs over HTTP, end to end', () => {
  it('退回 returns the case to the applicant with a comment; 重新提交 resubmits changed facts and every level decides again', async () => {
    const id = await create();
    await approve('approver-g-east-1', id);
    await openTask(id, 2);

    const returned = await verb('approver-d-east', id, 'return', { comment: '请补充收入证明' });
    expect(returned.status).toBe('returned');
    expect(returned.tasks.find((t) => t.level === 2)).toMatchObject({ status: 'cancelled' });
    const mail = await mailTo('applicant1', '[退回]', id);
    expect(mail.text).toContain('请补充收入证明');
    // With the applicant, nobody decides; only the applicant resubmits.
    await refused('approver-d-east', id, 'decisions', { decision: 'approve' }, 409, 'LEVEL_NOT_ACTIVE');
    await refused(
      'approver-g-east-1',
      id,
      'resubmit',
      { category: 'living', requestedAmount: 1, household },
      403,
      'FORBIDDEN',
    );

    const resubmitted = await verb('applicant1', id, 'resubmit', {
      category: 'living',
      requestedAmount: 4000,
      household,
      comment: '已补充收入证明',
    });
    expect(resubmitted).toMatchObject({ requestedAmount: 4000, grantedAmount: 4000 });
    await openTask(id, 1, 2);
    await approve('approver-g-east-1', id);
    await openTask(id, 2, 2);
    await approve('approver-d-east', id);
    const final = await approve('approver-city', id);
    expect(final.status).toBe('approved');
    expect(final.decisions.map((d) => [d.level, d.round, d.decision])).toEqual([
      [1, 1, 'approve'],
      [1, 2, 'approve'],
      [2, 2, 'approve'],
      [3, 1, 'approve'],
    ]);
    expect(final.actions.map((a) => [a.verb, a.comment])).toEqual([
      ['return', '请补充收入证明'],
      ['resubmit', '已补充收入证明'],
    ]);
    await mailTo('applicant1', '[已批准]', id);
  });

  it('退回 to an earlier level: that level decides again; a level that is not earlier is refused with 422', async () => {
    const id = await create();
    await approve('approver-g-east-1', id);
    await openTask(id, 2);
    const wrong = await refused(
      'approver-d-east',
      id,
      'return',
      { comment: '请基层再核实', toLevel: 3 },
      422,
      'ACTION_INVALID',
    );
    expect(wrong.message).toContain('toLevel must be 0 (the applicant) or an earlier level of this route (1), got 3');

    const back = await verb('approver-d-east', id, 'return', { comment: '请基层再核实', toLevel: 1 });
    expect(back.status).toBe('pending_approval');
    expect(await openTask(id, 1, 2)).toEqual(['approver-g-east-1']);
    const after = await view(id);
    expect(after.actions).toEqual([
      expect.objectContaining({ verb: 'return', level: 2, comment: '请基层再核实', details: { toLevel: 1 } }),
    ]);
    expect(after.tasks.map((t) => [t.level, t.round, t.status])).toEqual([
      [1, 1, 'completed'],
      [2, 1, 'cancelled'],
      [1, 2, 'open'],
    ]);
    await approve('approver-g-east-1', id);
    expect(await openTask(id, 2, 2)).toEqual(['approver-d-east']);
  });

  it('撤回 withdraws an open case: tasks close, the approver is told, later actions get 409', async () => {
    const id = await create();
    await refused('approver-g-east-1', id, 'withdraw', {}, 403, 'FORBIDDEN');
    const withdrawn = await verb('applicant1', id, 'withdraw', { comment: '已获得其他帮助' });
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.tasks.filter((t) => t.status === 'open')).toEqual([]);
    expect(withdrawn.actions).toEqual([expect.objectContaining({ verb: 'withdraw', comment: '已获得其他帮助' })]);
    await mailTo('approver-g-east-1', '[已撤回]', id);
    await refused('applicant1', id, 'withdraw', {}, 409, 'APPLICATION_CLOSED');
    await refused('approver-g-east-1', id, 'decisions', { decision: 'approve' }, 409, 'APPLICATION_CLOSED');
  });

  it('转交 transfers the task to another approver of the branch; the task says why it moved', async () => {
    const id = await create();
    const outside = await refused(
      'approver-g-east-1',
      id,
      'transfer',
      { to: 'approver-g-west-1' },
      422,
      'ACTION_INVALID',
    );
    expect(outside.message).toContain("approver-g-west-1 is not an approver of this case's branch");
    await refused('approver-g-east-1', id, 'transfer', { to: 'nobody' }, 422, 'ACTION_INVALID');

    const moved = await verb('approver-g-east-1', id, 'transfer', { to: 'approver-d-east', comment: '出差，转交' });
    expect(moved.tasks[0].assignment).toEqual(expect.arrayContaining(['transferred by 赵敏 to 吴刚']));
    expect(moved.actions).toEqual([
      expect.objectContaining({ verb: 'transfer', actorName: '赵敏', comment: '出差，转交' }),
    ]);
    expect(moved.actions[0].details).toMatchObject({ toUserName: '吴刚' });
    expect(await openTask(id, 1)).toEqual(['approver-d-east']);
    await mailTo('approver-d-east', '[待审批]', id);
    const tasks = await as<Array<{ applicationId: string; level: number }>>('approver-d-east', 'GET', '/tasks');
    expect(tasks.body).toEqual(expect.arrayContaining([expect.objectContaining({ applicationId: id, level: 1 })]));

    await refused('approver-g-east-1', id, 'decisions', { decision: 'approve' }, 403, 'NOT_APPROVER_OF_CURRENT_LEVEL');
    const decided = await approve('approver-d-east', id);
    expect(decided.decisions).toEqual([expect.objectContaining({ level: 1, actorName: '吴刚', decision: 'approve' })]);
  });

  it('加签 adds an approver before (前加签) and after (后加签) the current one at the same level', async () => {
    const id = await create();
    const before = await verb('approver-g-east-1', id, 'approvers', {
      username: 'approver-d-east',
      position: 'before',
      comment: '请区工会先核对',
    });
    expect(before.tasks[0].assignment).toEqual(expect.arrayContaining(['吴刚 added before 赵敏 by 赵敏']));
    expect(await openTask(id, 1)).toEqual(['approver-d-east']);
    await mailTo('approver-d-east', '[待审批]', id);
    await refused('approver-g-east-1', id, 'decisions', { decision: 'approve' }, 403, 'NOT_APPROVER_OF_CURRENT_LEVEL');
    await approve('approver-d-east', id);
    await taskWith(id, 1, 'approver-g-east-1');

    await verb('approver-g-east-1', id, 'approvers', { username: 'approver-city', position: 'after' });
    await approve('approver-g-east-1', id);
    await taskWith(id, 1, 'approver-city');
    await approve('approver-city', id);
    expect(await openTask(id, 2)).toEqual(['approver-d-east']);

    const after = await view(id);
    expect(after.decisions.filter((d) => d.level === 1).map((d) => d.actorName)).toEqual(['吴刚', '赵敏', '冯涛']);
    expect(after.actions.map((a) => [a.verb, a.details.position, a.details.userName])).toEqual([
      ['add_approver', 'before', '吴刚'],
      ['add_approver', 'after', '冯涛'],
    ]);
  });

  it('抄送 copies the case: the copied user gets a notice and may then read the case (but not decide it)', async () => {
    const id = await create();
    const before = await as<ErrorBody>('approver-g-west-1', 'GET', `/applications/${id}`);
    expect({ status: before.status, code: before.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });

    const copied = await verb('approver-g-east-1', id, 'copies', {
      usernames: ['approver-g-west-1'],
      comment: '请知悉',
    });
    expect(copied.actions).toEqual([expect.objectContaining({ verb: 'copy', comment: '请知悉' })]);
    await mailTo('approver-g-west-1', '[抄送]', id);
    const inbox = await as<{ items: Array<{ applicationId: string; event: string }> }>(
      'approver-g-west-1',
      'GET',
      '/me/notifications?limit=100',
    );
    expect(inbox.body.items.filter((n) => n.applicationId === id).map((n) => n.event)).toEqual(['copied']);

    expect((await view(id, 'approver-g-west-1')).id).toBe(id);
    await refused('approver-g-west-1', id, 'decisions', { decision: 'approve' }, 403, 'NOT_APPROVER_OF_CURRENT_LEVEL');

    const toApplicant = await refused(
      'approver-g-east-1',
      id,
      'copies',
      { usernames: ['applicant2'] },
      422,
      'ACTION_INVALID',
    );
    expect(toApplicant.message).toContain('cannot be copied to applicants (applicant2)');
    const unknown = await refused('approver-g-east-1', id, 'copies', { usernames: ['nobody'] }, 422, 'ACTION_INVALID');
    expect(unknown.message).toBe('No such user: nobody');
  });

  it('催办 urges the current approvers; a second urge within the hour is 429 URGED_TOO_RECENTLY', async () => {
    const id = await create();
    const urged = await verb('applicant1', id, 'urge', { comment: '家里急用' });
    expect(urged.actions).toEqual([expect.objectContaining({ verb: 'urge', comment: '家里急用' })]);
    const mail = await mailTo('approver-g-east-1', '[催办]', id);
    expect(mail.text).toContain(id.slice(0, 8));

    const again = await refused('applicant1', id, 'urge', {}, 429, 'URGED_TOO_RECENTLY');
    expect(again.message).toMatch(/urge again after \d{4}-\d\d-\d\dT\d\d:\d\d/);
    // The administrator's urge counts against the same hour.
    await refused('admin1', id, 'urge', {}, 429, 'URGED_TOO_RECENTLY');
    expect((await view(id)).actions.map((a) => a.verb)).toEqual(['urge']);
  });

  it('评论 adds a comment to the trail, visible to the applicant; an empty one is 400', async () => {
    const id = await create();
    await verb('approver-g-east-1', id, 'comments', { comment: '已约家访，周三上午' });
    await verb('applicant1', id, 'comments', { comment: '周三在家' });
    const empty = await refused('applicant1', id, 'comments', { comment: '' }, 400, 'VALIDATION_FAILED');
    expect(empty.message).toContain('comment must be 1 to 2000 characters');
    const seen = await view(id, 'applicant1');
    expect(seen.actions.map((a) => [a.verb, a.actorName, a.comment])).toEqual([
      ['comment', '赵敏', '已约家访，周三上午'],
      ['comment', '王建国', '周三在家'],
    ]);
    expect(seen.status).toBe('pending_approval');
  });

  it('bulk-approves: each item succeeds or fails on its own, answered as {succeeded, failed, results}', async () => {
    const a = await create();
    const b = await create();
    const west = await create('applicant2');
    const unknown = randomUUID();
    const res = await as<{
      succeeded: number;
      failed: number;
      results: Array<{ applicationId: string; ok: boolean; status?: string; code?: string; message?: string }>;
    }>('approver-g-east-1', 'POST', '/tasks/bulk-decisions', {
      items: [
        { applicationId: a, decision: 'approve', comment: '同意' },
        { applicationId: b, decision: 'approve' },
        { applicationId: a, decision: 'approve' },
        { applicationId: unknown, decision: 'approve' },
        { applicationId: west, decision: 'approve' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ succeeded: 2, failed: 3 });
    expect(res.body.results.map((r) => [r.applicationId, r.ok, r.status ?? r.code])).toEqual([
      [a, true, 'pending_approval'],
      [b, true, 'pending_approval'],
      [a, false, 'LEVEL_ALREADY_DECIDED'],
      [unknown, false, 'APPLICATION_NOT_FOUND'],
      [west, false, 'FORBIDDEN'],
    ]);
    expect(res.body.results[2].message).toContain('level 1');
    await openTask(a, 2);
    await openTask(b, 2);
    expect((await view(west)).decisions).toEqual([]);

    const badItem = await as<ErrorBody>('approver-g-east-1', 'POST', '/tasks/bulk-decisions', {
      items: [{ applicationId: 'not-a-uuid', decision: 'maybe' }],
    });
    expect(badItem.status).toBe(400);
    expect(badItem.body.code).toBe('VALIDATION_FAILED');
    expect(badItem.body.message).toContain('items.0.applicationId must be a uuid');
    expect(badItem.body.message).toContain('items.0.decision must be "approve" or "reject"');
    const none = await as<ErrorBody>('approver-g-east-1', 'POST', '/tasks/bulk-decisions', { items: [] });
    expect(none.body.message).toContain('items must hold at least one decision');
  });

  it('GET /applications/:id shows the trail of actions and, per task, why it sits with whom', async () => {
    const id = await create();
    await verb('applicant1', id, 'urge', { comment: '家里急用' });
    await verb('approver-g-east-1', id, 'transfer', { to: 'approver-d-east', comment: '出差' });
    await verb('approver-d-east', id, 'approvers', { username: 'approver-g-east-1', position: 'before' });
    await taskWith(id, 1, 'approver-g-east-1');

    const seen = await view(id, 'applicant1');
    expect(seen.actions.map((a) => [a.verb, a.actorName, a.level, a.comment])).toEqual([
      ['urge', '王建国', 1, '家里急用'],
      ['transfer', '赵敏', 1, '出差'],
      ['add_approver', '吴刚', 1, null],
    ]);
    for (const a of seen.actions) expect(Date.parse(a.occurredAt)).not.toBeNaN();
    const [task] = seen.tasks;
    expect(task).toMatchObject({ level: 1, round: 1, status: 'open' });
    // The routing reason (if any) first, then every move in order.
    expect(task.assignment.slice(-2)).toEqual(['transferred by 赵敏 to 吴刚', '赵敏 added before 吴刚 by 吴刚']);
    const [g1] = await stack.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'approver-g-east-1'`);
    expect(task.assigneeIds).toEqual([g1.id]);
  });

  it('rejects malformed verb requests with 400 VALIDATION_FAILED naming the field; nothing reaches the workflow', async () => {
    const id = await create();
    const cases: Array<[string, string, unknown, string]> = [
      ['approver-g-east-1', 'return', {}, 'comment must say what is missing'],
      ['approver-g-east-1', 'return', { comment: '请补充', toLevel: 'one' }, 'toLevel must be an integer'],
      [
        'approver-g-east-1',
        'approvers',
        { username: 'approver-d-east', position: 'middle' },
        'position must be "before" or "after"',
      ],
      ['approver-g-east-1', 'transfer', { comment: '出差' }, 'to must be'],
      ['approver-g-east-1', 'copies', { usernames: [] }, 'usernames must name at least one user'],
      ['approver-g-east-1', 'decisions', { decision: 'maybe' }, 'decision must be "approve" or "reject"'],
      ['applicant1', 'resubmit', { category: 'living', requestedAmount: 4000 }, 'household'],
      ['applicant1', 'withdraw', { reason: 'x' }, 'property reason should not exist'],
    ];
    for (const [user, path, body, message] of cases) {
      const error = await refused(user, id, path, body, 400, 'VALIDATION_FAILED');
      expect(`${path}: ${error.message}`).toContain(message);
    }
    const after = await view(id);
    expect(after).toMatchObject({ status: 'pending_approval', currentLevel: 1, decisions: [], actions: [] });
  });
});
