import { httpClient } from '../support/http-client';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * The approver inbox over HTTP (API -> PostgreSQL projection kept by the real workflow): 待我审批 with the deadline on
 * the business calendar and the filters, 我已审批, 抄送我, the tab counts, the branch filter's choices, and the user
 * picker of transfer / 加签 / copy. Refusals name what is wrong.
 */

let stack: TestStack;
const client = httpClient(() => stack.baseUrl!);

interface ErrorBody {
  code: string;
  message: string;
}
interface InboxRow {
  applicationId: string;
  program: string;
  status: string;
  requestedAmount: number;
  applicant: string | null;
  orgUnitName: string;
  [key: string]: unknown;
}
interface TaskRow extends InboxRow {
  taskId: string;
  level: number;
  round: number;
  dueAt: string | null;
  workingDaysLeft: number | null;
  overdue: boolean;
}
interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
interface Counts {
  todo: number;
  decided: number;
  copied: number;
  mine: number;
}

async function as<T>(username: string, method: string, path: string, body?: unknown) {
  return client.request<T>(method, path, { token: await client.login(username), ...(body ? { body } : {}) });
}

let keys = 0;
async function file(requestedAmount: number): Promise<string> {
  const res = await client.request<{ id: string }>('POST', '/applications', {
    token: await client.login('applicant1'),
    headers: { 'Idempotency-Key': `inbox-e2e-${++keys}` },
    body: {
      program: 'hardship-aid',
      category: 'living',
      requestedAmount,
      household: { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 },
    },
  });
  expect(res.status).toBe(201);
  await eventually(async () => {
    const [row] = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM approval_tasks WHERE application_id = $1 AND level = 1 AND status = 'open'`,
      [res.body.id],
    );
    return row.n === 1 ? true : undefined;
  }, `level 1 task of ${res.body.id}`);
  return res.body.id;
}

const ids: { big: string; small: string } = { big: '', small: '' };

beforeAll(async () => {
  stack = await startTestStack({ http: true });
  ids.big = await file(5000);
  ids.small = await file(1200);
});

afterAll(async () => {
  await stack?.stop();
});

describe('待我审批 GET /tasks', () => {
  it('lists the open tasks with the working-day deadline, the masked applicant and no facts', async () => {
    const { status, body } = await as<TaskRow[]>('approver-g-east-1', 'GET', '/tasks');
    expect(status).toBe(200);
    const mine = body.filter((t) => t.applicationId === ids.big || t.applicationId === ids.small);
    expect(mine.map((t) => t.applicationId).sort()).toEqual([ids.big, ids.small].sort());
    for (const task of mine) {
      expect(task).toMatchObject({
        program: 'hardship-aid',
        status: 'pending_approval',
        level: 1,
        round: 1,
        overdue: false,
      });
      expect(task.applicant).toMatch(/\*/);
      expect(task.orgUnitName).toContain('东城第一机械厂工会');
      // The hardship route gives every level 3 working days.
      expect(typeof task.dueAt).toBe('string');
      expect(new Date(task.dueAt!).getTime()).toBeGreaterThan(Date.now());
      expect(task.workingDaysLeft).toBeGreaterThanOrEqual(0);
      expect(task.workingDaysLeft).toBeLessThanOrEqual(3);
      expect(task).not.toHaveProperty('facts');
    }
    // Soonest deadline first: the earlier case's task comes first.
    expect(mine.map((t) => t.applicationId)).toEqual([ids.big, ids.small]);
  });

  it('filters by amount, program, branch and overdue', async () => {
    const only = async (query: string) =>
      (await as<TaskRow[]>('approver-g-east-1', 'GET', `/tasks${query}`)).body
        .map((t) => t.applicationId)
        .filter((id) => id === ids.big || id === ids.small);
    expect(await only('?minAmount=4000')).toEqual([ids.big]);
    expect(await only('?maxAmount=1200')).toEqual([ids.small]);
    expect(await only('?program=tuition-grant')).toEqual([]);
    expect(await only('?overdue=true')).toEqual([]);
    expect(await only('?overdue=false')).toEqual([ids.big, ids.small]);

    const branches = await as<Array<{ id: string; name: string; kind: string }>>(
      'approver-d-east',
      'GET',
      '/tasks/branches',
    );
    expect(branches.status).toBe(200);
    expect(branches.body[0].kind).toBe('district');
    expect(branches.body[0].name).toContain('东城区总工会');
    const names = branches.body.map((b) => b.name).join('|');
    expect(names).toContain('东城第一机械厂工会');
    expect(names).not.toContain('西城');
    const east1 = branches.body.find((b) => b.name.includes('东城第一机械厂工会'))!;
    const east2 = branches.body.find((b) => b.name.includes('东城环卫所工会'))!;
    expect(await only(`?branch=${east1.id}`)).toEqual([ids.big, ids.small]);
    expect(await only(`?branch=${east2.id}`)).toEqual([]);
  });

  it('refuses bad filters by name, and callers who have no inbox', async () => {
    const bad = await as<ErrorBody>('approver-g-east-1', 'GET', '/tasks?minAmount=lots&overdue=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.message).toContain('minAmount');
    expect(bad.body.message).toContain('overdue');
    const branch = await as<ErrorBody>('approver-g-east-1', 'GET', '/tasks/decided?branch=east&pageSize=1000');
    expect(branch.status).toBe(400);
    expect(branch.body.message).toContain('branch must be the uuid of an org unit');
    expect(branch.body.message).toContain('pageSize must be an integer from 1 to 100');
    for (const path of ['/tasks', '/tasks/counts', '/tasks/decided', '/tasks/copied', '/tasks/branches']) {
      const res = await as<ErrorBody>('applicant1', 'GET', path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 403, code: 'FORBIDDEN' });
    }
  });
});

describe('我已审批, 抄送我 and the tab counts', () => {
  it('moves a decided case from 待我审批 to 我已审批, shows a copied case under 抄送我, and counts both', async () => {
    const before = await as<Counts>('approver-g-east-1', 'GET', '/tasks/counts');
    expect(before.status).toBe(200);
    const copiedBefore = (await as<Counts>('approver-g-west-1', 'GET', '/tasks/counts')).body.copied;

    const approved = await as<{ status: string }>('approver-g-east-1', 'POST', `/applications/${ids.big}/decisions`, {
      decision: 'approve',
      comment: '同意',
    });
    expect(approved.status).toBe(200);
    const copy = await as<{ status: string }>('approver-g-east-1', 'POST', `/applications/${ids.small}/copies`, {
      usernames: ['approver-g-west-1'],
      comment: '请知悉',
    });
    expect(copy.status).toBe(200);

    const decided = await as<Page<InboxRow & { verb: string; level: number }>>(
      'approver-g-east-1',
      'GET',
      '/tasks/decided?pageSize=5',
    );
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ page: 1, pageSize: 5 });
    expect(decided.body.items[0]).toMatchObject({ applicationId: ids.big, verb: 'approve', level: 1 });
    expect(decided.body.items.map((i) => i.applicationId)).not.toContain(ids.small);

    const todo = await as<TaskRow[]>('approver-g-east-1', 'GET', '/tasks');
    expect(todo.body.map((t) => t.applicationId)).not.toContain(ids.big);
    expect(todo.body.map((t) => t.applicationId)).toContain(ids.small);

    const copied = await as<Page<InboxRow & { copiedAt: string }>>('approver-g-west-1', 'GET', '/tasks/copied');
    expect(copied.status).toBe(200);
    expect(copied.body.items[0]).toMatchObject({ applicationId: ids.small, requestedAmount: 1200 });
    expect(copied.body.total).toBe(copiedBefore + 1);

    const after = await as<Counts>('approver-g-east-1', 'GET', '/tasks/counts');
    expect(after.body).toEqual({
      todo: before.body.todo - 1,
      decided: before.body.decided + 1,
      copied: before.body.copied,
      mine: before.body.mine,
    });
    expect((await as<Counts>('approver-g-west-1', 'GET', '/tasks/counts')).body.copied).toBe(copiedBefore + 1);
  });
});

describe('GET /applications/:id/candidates (the user picker of 转交, 加签, 抄送)', () => {
  it('offers the approvers of the case’s branch, never the applicant, the caller or who holds the task', async () => {
    const transfer = await as<Array<{ username: string; orgUnitName: string }>>(
      'approver-g-east-1',
      'GET',
      `/applications/${ids.small}/candidates?verb=transfer`,
    );
    expect(transfer.status).toBe(200);
    const names = transfer.body.map((c) => c.username);
    expect(names).toEqual(expect.arrayContaining(['approver-d-east', 'approver-city']));
    for (const never of ['approver-g-east-1', 'applicant1', 'approver-g-west-1', 'approver-d-west']) {
      expect(names).not.toContain(never);
    }
    // The district approver holds no task of this case yet, so the copy picker and the transfer picker agree on them.
    const copy = await as<Array<{ username: string }>>(
      'approver-d-east',
      'GET',
      `/applications/${ids.big}/candidates?verb=copy`,
    );
    expect(copy.status).toBe(200);
    expect(copy.body.map((c) => c.username)).toContain('approver-g-east-1');
    expect(copy.body.map((c) => c.username)).not.toContain('approver-d-east');
  });

  it('refuses an unknown verb by name and a case outside what the caller may see', async () => {
    const bad = await as<ErrorBody>('approver-g-east-1', 'GET', `/applications/${ids.small}/candidates?verb=delegate`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('verb must be one of transfer, add_approver, copy');
    const outside = await as<ErrorBody>('approver-g-west-2', 'GET', `/applications/${ids.small}/candidates?verb=copy`);
    expect({ status: outside.status, code: outside.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
  });
});
