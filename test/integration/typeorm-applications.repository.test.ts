import { randomUUID } from 'node:crypto';
import { TypeOrmApplicationsRepository } from '../../libs/applications/src/typeorm-applications.repository';
import { TypeOrmInboxRepository } from '../../libs/applications/src/typeorm-inbox.repository';
import type { OpenTask } from '../../libs/applications/src/applications.repository';
import type { DecisionRecord } from '@aidflow/workflows/types';
import { insertApplications, newApplication, openRepositoryTestDatabase, seededIds } from '../support/repositories';
import type { RepositoryTestDatabase, SeededIds } from '../support/repositories';

let t: RepositoryTestDatabase;
let ids: SeededIds;
let applications: TypeOrmApplicationsRepository;
let inbox: TypeOrmInboxRepository;

beforeAll(async () => {
  t = await openRepositoryTestDatabase();
  ids = await seededIds(t.dataSource);
  applications = new TypeOrmApplicationsRepository(t.dataSource);
  inbox = new TypeOrmInboxRepository(t.dataSource);
});

afterAll(async () => {
  await t?.close();
});

async function rowsWithKey(applicantUserId: string, key: string): Promise<number> {
  const [row] = await t.sql<{ n: number }>(
    'SELECT count(*)::int AS n FROM applications WHERE applicant_user_id = $1 AND idempotency_key = $2',
    [applicantUserId, key],
  );
  return row.n;
}

function levelOneTask(applicationId: string, assigneeIds = [ids.users['approver-g-east-1']]): OpenTask {
  return { applicationId, level: 1, levelName: 'grassroots', orgUnitId: ids.units['G-EAST-1'], assigneeIds };
}

function levelTwoTask(applicationId: string): OpenTask {
  return {
    applicationId,
    level: 2,
    levelName: 'district',
    orgUnitId: ids.units['D-EAST'],
    assigneeIds: [ids.users['approver-d-east']],
  };
}

function approval(level: number, actor: string, overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    level,
    levelName: level === 1 ? 'grassroots' : 'district',
    orgUnitId: level === 1 ? ids.units['G-EAST-1'] : ids.units['D-EAST'],
    actorId: ids.users[actor],
    actorName: actor,
    decision: 'approve',
    comment: `approved by ${actor}`,
    decidedAt: '2026-03-01T08:00:00.000Z',
    ...overrides,
  };
}

describe('TypeOrmApplicationsRepository.insert', () => {
  it('stores a new application and returns the stored row with amounts as numbers', async () => {
    const application = newApplication(ids, { requestedAmountFen: 345_600, nationalId: '110101199003074514' });

    const stored = await applications.insert(application);

    expect(stored).toMatchObject({
      id: application.id,
      idempotencyKey: application.idempotencyKey,
      requestedAmountFen: 345_600,
      grantedAmountFen: null,
      status: 'submitted',
      currentLevel: null,
      workflowId: `application-${application.id}`,
    });
    expect(stored.nationalId).toBeUndefined();
    expect((await applications.findById(application.id, { withSensitive: true }))?.nationalId).toBe(
      '110101199003074514',
    );
  });

  it('returns the first row when the same applicant inserts the same idempotency key twice', async () => {
    const key = `same-key-${randomUUID()}`;
    const first = newApplication(ids, { idempotencyKey: key, requestHash: 'first-body' });
    const second = newApplication(ids, { idempotencyKey: key, requestHash: 'second-body', requestedAmountFen: 1_000 });

    const storedFirst = await applications.insert(first);
    const storedSecond = await applications.insert(second);

    expect(storedFirst.id).toBe(first.id);
    expect(storedSecond.id).toBe(first.id);
    expect(storedSecond.requestHash).toBe('first-body');
    expect(storedSecond.requestedAmountFen).toBe(first.requestedAmountFen);
    expect(await applications.findById(second.id)).toBeNull();
    expect(await rowsWithKey(ids.users['applicant1'], key)).toBe(1);
  });

  it('returns one and the same row to 10 concurrent inserts with the same idempotency key', async () => {
    const key = `racing-key-${randomUUID()}`;
    const attempts = Array.from({ length: 10 }, (_, i) =>
      newApplication(ids, { idempotencyKey: key, requestHash: `body-${i}` }),
    );

    const stored = await Promise.all(attempts.map((a) => applications.insert(a)));

    const winners = new Set(stored.map((s) => s.id));
    expect(winners.size).toBe(1);
    expect(attempts.map((a) => a.id)).toContain([...winners][0]);
    expect(await rowsWithKey(ids.users['applicant1'], key)).toBe(1);
  });

  it('keeps the same idempotency key of two different applicants apart', async () => {
    const key = `shared-key-${randomUUID()}`;
    const mine = await applications.insert(newApplication(ids, { idempotencyKey: key }));
    const theirs = await applications.insert(
      newApplication(ids, {
        idempotencyKey: key,
        applicantUserId: ids.users['applicant2'],
        orgUnitId: ids.units['G-WEST-1'],
      }),
    );

    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.applicantUserId).toBe(ids.users['applicant2']);
    expect(await applications.findByIdempotencyKey(ids.users['applicant1'], key)).toMatchObject({ id: mine.id });
  });
});

describe('TypeOrmApplicationsRepository.openTask', () => {
  it('opens the task and moves the application to pending_approval at that level', async () => {
    const [app] = await insertApplications(t.dataSource, ids, 1);

    await applications.openTask(levelOneTask(app.id));

    const tasks = await applications.listTasks(app.id);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      applicationId: app.id,
      level: 1,
      levelName: 'grassroots',
      orgUnitId: ids.units['G-EAST-1'],
      assigneeIds: [ids.users['approver-g-east-1']],
      status: 'open',
      closedAt: null,
    });
    expect(tasks[0].openedAt).toBeInstanceOf(Date);
    expect(await applications.findById(app.id)).toMatchObject({ status: 'pending_approval', currentLevel: 1 });
  });

  it('keeps the first task when the same level is opened again', async () => {
    const [app] = await insertApplications(t.dataSource, ids, 1);
    await applications.openTask(levelOneTask(app.id));
    const [firstTask] = await applications.listTasks(app.id);

    await applications.openTask(levelOneTask(app.id, [ids.users['approver-g-east-2']]));

    const tasks = await applications.listTasks(app.id);
    expect(tasks).toEqual([firstTask]);
    expect(await applications.findById(app.id)).toMatchObject({ status: 'pending_approval', currentLevel: 1 });
  });

  it('moves the application to the next level when the next level task is opened', async () => {
    const [app] = await insertApplications(t.dataSource, ids, 1);
    await applications.openTask(levelOneTask(app.id));
    await applications.recordDecision(app.id, approval(1, 'approver-g-east-1'));

    await applications.openTask(levelTwoTask(app.id));

    const tasks = await applications.listTasks(app.id);
    expect(tasks.map((task) => [task.level, task.status])).toEqual([
      [1, 'completed'],
      [2, 'open'],
    ]);
    expect(await applications.findById(app.id)).toMatchObject({ status: 'pending_approval', currentLevel: 2 });
  });
});

describe('TypeOrmApplicationsRepository.recordDecision', () => {
  it('records the decision and completes the task of its level', async () => {
    const [app] = await insertApplications(t.dataSource, ids, 1);
    await applications.openTask(levelOneTask(app.id));

    await applications.recordDecision(app.id, approval(1, 'approver-g-east-1'));

    const decisions = await applications.listDecisions(app.id);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      applicationId: app.id,
      level: 1,
      levelName: 'grassroots',
      orgUnitId: ids.units['G-EAST-1'],
      actorId: ids.users['approver-g-east-1'],
      actorName: 'approver-g-east-1',
      decision: 'approve',
      comment: 'approved by approver-g-east-1',
    });
    expect(decisions[0].decidedAt.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    const [task] = await applications.listTasks(app.id);
    expect(task).toMatchObject({ status: 'completed' });
    expect(task.closedAt?.toISOString()).toBe('2026-03-01T08:00:00.000Z');
  });

  it('changes nothing when a decision on the same level is recorded a second time', async () => {
    const [app] = await insertApplications(t.dataSource, ids, 1);
    await applications.openTask(levelOneTask(app.id));
    await applications.recordDecision(app.id, approval(1, 'approver-g-east-1'));
    const decisionsBefore = await applications.listDecisions(app.id);
    const tasksBefore = await applications.listTasks(app.id);

    await applications.recordDecision(
      app.id,
      approval(1, 'approver-g-east-1', {
        decision: 'reject',
        comment: 'changed my mind',
        decidedAt: '2026-03-02T09:00:00.000Z',
      }),
    );

    expect(await applications.listDecisions(app.id)).toEqual(decisionsBefore);
    expect(await applications.listTasks(app.id)).toEqual(tasksBefore);
    expect(decisionsBefore.map((d) => d.decision)).toEqual(['approve']);
  });

  it('completes only the task of the decided level', async () => {
    const [app] = await insertApplications(t.dataSource, ids, 1);
    await applications.openTask(levelOneTask(app.id));
    await applications.recordDecision(app.id, approval(1, 'approver-g-east-1'));
    await applications.openTask(levelTwoTask(app.id));

    await applications.recordDecision(
      app.id,
      approval(1, 'approver-g-east-1', { decidedAt: '2026-03-05T00:00:00.000Z' }),
    );

    const [levelOne, levelTwo] = await applications.listTasks(app.id);
    expect(levelOne.closedAt?.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(levelTwo).toMatchObject({ level: 2, status: 'open', closedAt: null });
  });
});

describe('TypeOrmInboxRepository.openTasks (待我审批)', () => {
  it('lists only the open tasks whose assignees contain the user', async () => {
    const levelOneApprover = ids.users['approver-g-east-1'];
    const otherApprover = ids.users['approver-g-east-2'];
    const [mine, shared, someoneElses, decided] = await insertApplications(t.dataSource, ids, 4, {
      requestedAmountFen: 432_100,
    });
    await applications.openTask(levelOneTask(mine.id, [levelOneApprover]));
    await applications.openTask(levelOneTask(shared.id, [otherApprover, levelOneApprover]));
    await applications.openTask(levelOneTask(someoneElses.id, [otherApprover]));
    await applications.openTask(levelOneTask(decided.id, [levelOneApprover]));
    await applications.recordDecision(decided.id, approval(1, 'approver-g-east-1'));
    const ofThisTest = new Set([mine.id, shared.id, someoneElses.id, decided.id]);

    const listed = (await inbox.openTasks(levelOneApprover, {})).filter((task) => ofThisTest.has(task.applicationId));
    const listedForOther = (await inbox.openTasks(otherApprover, {})).filter((task) =>
      ofThisTest.has(task.applicationId),
    );

    expect(listed.map((task) => task.applicationId).sort()).toEqual([mine.id, shared.id].sort());
    expect(listedForOther.map((task) => task.applicationId).sort()).toEqual([shared.id, someoneElses.id].sort());
    const listedMine = listed.find((task) => task.applicationId === mine.id);
    expect(listedMine).toMatchObject({
      level: 1,
      levelName: 'grassroots',
      orgUnitId: ids.units['G-EAST-1'],
      programCode: 'hardship-aid',
      category: 'living',
      requestedAmountFen: 432_100,
      grantedAmountFen: null,
      tier: null,
      applicantName: '王建国',
    });
    expect(listedMine!.taskId).toEqual(expect.any(String));
    expect(listedMine!.openedAt).toBeInstanceOf(Date);
  });

  it('lists nothing for a user who is no assignee of any open task', async () => {
    const [app] = await insertApplications(t.dataSource, ids, 1);
    await applications.openTask(levelOneTask(app.id));

    expect(await inbox.openTasks(ids.users['approver-city'], {})).toEqual([]);
  });
});
