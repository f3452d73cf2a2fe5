import { SYSTEM_ACTOR_ID } from '@aidflow/workflows/types';
import type { ErrorBody, HttpClient } from './http-client';
import { eventually } from './test-stack';
import type { TestStack } from './test-stack';

/**
 * What the approval-verb e2e suite (test/e2e/approval-verbs.e2e.test.ts) reads of a case over HTTP, and how it files
 * cases, runs verbs that must succeed or be refused, waits for a level's open task and for the mail a verb sends.
 */

export interface TaskView {
  level: number;
  round: number;
  status: string;
  assigneeIds: string[];
  assignment: string[];
}

export interface ActionView {
  verb: string;
  actorId: string;
  actorName: string;
  level: number | null;
  comment: string | null;
  details: Record<string, unknown>;
  occurredAt: string;
}

export interface CaseView {
  id: string;
  status: string;
  currentLevel: number | null;
  requestedAmount: number;
  grantedAmount: number | null;
  decisions: Array<{ level: number; round: number | null; decision: string; actorName: string }>;
  tasks: TaskView[];
  actions: ActionView[];
}

export const household = { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 };
export const application = { program: 'hardship-aid', category: 'living', requestedAmount: 5000, household };

/**
 * The case without the system user's actions: whether a level gets a deadline reminder or a "No deadline" note depends
 * on the date of the run, not on the verbs under test.
 */
export const byPeople = (c: CaseView): CaseView => ({
  ...c,
  actions: c.actions.filter((a) => a.actorId !== SYSTEM_ACTOR_ID),
});

/** `stack` is read on each call, so the helpers can be made before the stack is started (in beforeAll). */
export function approvalVerbRequests(stack: () => TestStack, client: HttpClient) {
  async function as<T = CaseView>(username: string, method: string, path: string, body?: unknown) {
    return client.request<T>(method, path, { token: await client.login(username), ...(body ? { body } : {}) });
  }

  /** Runs a verb that must succeed and returns the case as the API answers it. */
  async function verb(username: string, id: string, path: string, body: unknown): Promise<CaseView> {
    const res = await as(username, 'POST', `/applications/${id}/${path}`, body);
    expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ status: 200, body: 'ok' });
    return byPeople(res.body);
  }

  /** Runs a verb that must be refused; returns the error body. */
  async function refused(username: string, id: string, path: string, body: unknown, status: number, code: string) {
    const res = await as<ErrorBody>(username, 'POST', `/applications/${id}/${path}`, body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    return res.body;
  }

  let keys = 0;
  async function create(username = 'applicant1'): Promise<string> {
    const res = await client.request<{ id: string }>('POST', '/applications', {
      token: await client.login(username),
      body: application,
      headers: { 'Idempotency-Key': `verbs-e2e-${++keys}` },
    });
    expect(res.status).toBe(201);
    await openTask(res.body.id, 1);
    return res.body.id;
  }

  /** Waits for the open task of a level (and round) and returns the usernames it is assigned to. */
  async function openTask(id: string, level: number, round = 1): Promise<string[]> {
    return eventually(async () => {
      const [row] = await stack().sql<{ usernames: string[] }>(
        `SELECT array(SELECT username FROM users WHERE id = ANY (t.assignee_ids) ORDER BY username) AS usernames
           FROM approval_tasks t WHERE application_id = $1 AND level = $2 AND round = $3 AND status = 'open'`,
        [id, level, round],
      );
      return row?.usernames;
    }, `open task of ${id} at level ${level}, round ${round}`);
  }

  /** Waits until the level's open task sits with `username`. */
  async function taskWith(id: string, level: number, username: string, round = 1): Promise<void> {
    await eventually(
      async () => ((await openTask(id, level, round)).includes(username) ? true : undefined),
      `level ${level} task with ${username}`,
    );
  }

  async function view(id: string, username = 'auditor1'): Promise<CaseView> {
    const res = await as(username, 'GET', `/applications/${id}`);
    expect(res.status).toBe(200);
    return byPeople(res.body);
  }

  const mailTo = (username: string, subjectPart: string, id: string) =>
    stack().mail.waitFor(
      (m) =>
        m.to.includes(`${username}@aidflow.local`) &&
        m.subject.includes(subjectPart) &&
        m.subject.includes(id.slice(0, 8)),
    );

  const approve = (username: string, id: string, comment = `同意 (${username})`) =>
    verb(username, id, 'decisions', { decision: 'approve', comment });

  return { as, verb, refused, create, openTask, taskWith, view, mailTo, approve };
}
