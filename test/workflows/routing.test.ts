import { ApplicationsService } from '../../libs/applications/src';
import type { ApplicationException } from '../../libs/common/src';
import { ErrorCode } from '../../libs/common/src';
import { AbsenceService } from '../../libs/org/src';
import { SYSTEM_ACTOR_ID } from '@aidflow/workflows/types';
import { eligible, refusal, serviceCases } from '../support/service-cases';
import { startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * Routing as data on a real Temporal dev server, through the real services: the route a case gets at submission (per
 * program and policy version), each rule recorded when it fires: the leader sign-off above 8,000 CNY, four-eyes (no
 * relative approves), a level nobody is configured for going to the administrators, and tasks sent to the delegate
 * during an absence. The approval verbs are in test/workflows/approval-verbs.test.ts.
 */

let stack: TestStack;
let service: ApplicationsService;
const { as, waitForTask, userId, approve, submitAs, submittedPayload } = serviceCases(() => stack);

beforeAll(async () => {
  stack = await startTestStack();
  service = stack.services.get(ApplicationsService);
});

afterAll(async () => {
  await stack?.stop();
});

describe('routing as data (per program and policy version), each rule recorded when it fires', () => {
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
