import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../../scripts/lib/seed';
import { SYSTEM_ACTOR_ID } from '@aidflow/workflows/types';
import {
  application,
  cases,
  describeExpect,
  forbidden,
  ok,
  PDF,
  RELATION_LABEL,
  RELATIONS,
  ROLE_USERS,
  roleOf,
  SIDES,
  splitRoute,
  unauthenticated,
  upload,
} from '../support/access-table';
import type { Body, CaseEndpoint, Expect, RoleEndpoint, SideName } from '../support/access-table';
import { httpClient } from '../support/http-client';
import type { HttpResult } from '../support/http-client';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';
import { ACCOUNT_AND_AUDIT_ENDPOINTS } from './access-table/accounts-and-audit';
import { CASE_ACTION_ENDPOINTS } from './access-table/case-actions';
import { CASE_RECORD_ENDPOINTS } from './access-table/case-records';
import { PROGRAM_AND_REGISTRY_ENDPOINTS } from './access-table/programs-and-registries';

/**
 * Who may call what, over HTTP (API -> Temporal -> PostgreSQL), as tables: every endpoint of the API x every kind of
 * caller, and for the endpoints about one application also own x other branch of the org tree.
 *
 * Two shared cases are created in beforeAll: one in the East branch by applicant1, one in the West branch by
 * applicant2, both waiting at level 1 (grassroots), each with one PDF its owner attached. Rows that are refused change
 * nothing (the guard, the service or the workflow's Update validator refuses before anything is written), and so do
 * the reads, so they all run on the shared cases in any order. Every row that is expected to change a case (a 2xx on
 * a mutating endpoint) is marked `fresh`: it runs on a new case of the same branch, created for that row alone (and,
 * for resubmit, first returned to the applicant), so no row changes what another row sees. The rows outside cases
 * that change something are the approvers' own absence settings: `PUT /me/absence` sets a window in 2099 (so no
 * fresh case is delegated), `GET` then lists it and `DELETE` clears it, in that table order, and `POST /auth/logout`,
 * which revokes a token logged in for that row alone (`freshToken`). The rows that may change
 * programs, budgets, registries or campaigns send, for the callers allowed, a request refused after authorisation (a
 * standard missing its parameters, an envelope or household file that exists, an unknown envelope, an invalid
 * campaign), so they change nothing either. The last tests check that the shared cases are exactly as set up and that
 * refusals are on record in `rejected_attempts`.
 *
 * The rows are in test/e2e/access-table/ (about one application: case-actions, case-records; by role:
 * accounts-and-audit, programs-and-registries); the callers, expected answers and fixtures in
 * test/support/access-table.ts.
 */

let stack: TestStack;
const client = httpClient(() => stack.baseUrl!);

/** Endpoints about one application: the rows run for the East case and for the West case. */
const CASE_ENDPOINTS: CaseEndpoint[] = [...CASE_ACTION_ENDPOINTS, ...CASE_RECORD_ENDPOINTS];

/** Endpoints that are not about one application: by role. */
const ROLE_ENDPOINTS: RoleEndpoint[] = [...ACCOUNT_AND_AUDIT_ENDPOINTS, ...PROGRAM_AND_REGISTRY_ENDPOINTS];

/** A token of its own, not the client's cached one (for rows that revoke the token they send). */
async function freshLogin(username: string): Promise<string> {
  const res = await client.request<{ accessToken: string }>('POST', '/auth/login', {
    body: { username, password: DEMO_PASSWORD },
  });
  expect(res.status).toBe(200);
  return res.body.accessToken;
}

function assertAnswer(res: HttpResult<unknown>, expected: Expect): void {
  expect({ status: res.status, code: res.status >= 400 ? (res.body as Body | null)?.code : undefined }).toEqual({
    status: expected.status,
    code: expected.code,
  });
}

// --- Cases ------------------------------------------------------------------------------------------------------

async function waitForOpenTask(id: string): Promise<void> {
  await eventually(async () => {
    const rows = await stack.sql(`SELECT 1 FROM approval_tasks WHERE application_id = $1 AND status = 'open'`, [id]);
    return rows.length > 0 ? true : undefined;
  }, `the open task of ${id}`);
}

let caseKeys = 0;
async function createCase(side: SideName, state: 'pending' | 'returned' = 'pending'): Promise<string> {
  const owner = SIDES[side].owner!;
  const created = await client.request<{ id: string }>('POST', '/applications', {
    token: await client.login(owner),
    body: application,
    headers: { 'Idempotency-Key': `access-case-${side}-${++caseKeys}` },
  });
  expect(created.status).toBe(201);
  const id = created.body.id;
  await waitForOpenTask(id);
  if (state === 'returned') {
    const returned = await client.request<{ status: string }>('POST', `/applications/${id}/return`, {
      token: await client.login(SIDES[side].grassroots!),
      body: { comment: '请补充收入证明' },
    });
    expect(returned.body.status).toBe('returned');
  }
  return id;
}

beforeAll(async () => {
  stack = await startTestStack({ http: true });
  for (const side of ['East', 'West'] as const) {
    const id = await createCase(side);
    const noticeId = await eventually(async () => {
      const [row] = await stack.sql<{ id: string }>(
        `SELECT n.id FROM notifications n JOIN users u ON u.id = n.recipient_user_id
          WHERE n.application_id = $1 AND n.channel = 'in_app' AND u.username = $2`,
        [id, SIDES[side].owner],
      );
      return row?.id;
    }, `the ${side} owner's in-app notice`);
    const attached = await client.request<{ id: string }>('POST', `/applications/${id}/attachments`, {
      token: await client.login(SIDES[side].owner!),
      ...upload,
    });
    expect(attached.status).toBe(201);
    cases[side] = { id, noticeId, attachmentId: attached.body.id };
  }
});

afterAll(async () => {
  await stack?.stop();
});

// --- Tables -----------------------------------------------------------------------------------------------------

const caseRows = (['East', 'West'] as const).flatMap((side) =>
  CASE_ENDPOINTS.flatMap((endpoint) =>
    RELATIONS.map((relation) => {
      const user = SIDES[side][relation];
      const expected = endpoint.expect[relation];
      return {
        title: `${side} case: ${user ?? 'anonymous'} (${RELATION_LABEL[relation]}) ${endpoint.route} → ${describeExpect(expected)}`,
        side,
        user,
        endpoint,
        expected,
      };
    }),
  ),
);

describe('access to the endpoints about one application, by role and branch', () => {
  it.each(caseRows)('$title', async ({ side, user, endpoint, expected }) => {
    const id = expected.fresh ? await createCase(side, expected.fresh) : cases[side].id;
    const target = { ...cases[side], id, side };
    const { method, template } = splitRoute(endpoint.route);
    const path = endpoint.path ? endpoint.path(target) : template.replace(':id', id);
    const body =
      endpoint.route === 'POST /tasks/bulk-decisions'
        ? { items: [{ applicationId: id, decision: 'approve', comment: '同意' }] }
        : endpoint.body?.(side);
    const token = user ? await client.login(user) : undefined;
    const res = await client.request<unknown>(method, path, {
      token,
      ...(endpoint.upload ? upload : body !== undefined ? { body } : {}),
    });
    assertAnswer(res, expected);
    if (expected.item) {
      expect(res.body).toMatchObject({
        succeeded: expected.item.ok ? 1 : 0,
        failed: expected.item.ok ? 0 : 1,
        results: [{ applicationId: id, ...expected.item }],
      });
    } else if (res.status < 300 && path.includes('/attachments')) {
      // A stored attachment, the list of them, or the file itself.
      if (method === 'POST') expect(res.body).toMatchObject({ name: 'proof.pdf', contentType: 'application/pdf' });
      else if (path.endsWith('/attachments'))
        expect(res.body).toEqual([expect.objectContaining({ name: 'proof.pdf' })]);
      else expect(res.body).toBe(PDF.toString('latin1'));
    } else if (res.status < 300 && !path.startsWith('/me/')) {
      // Application views carry `id`; time travel and re-derivation carry `applicationId`.
      const answer = res.body as Body;
      expect(answer.id ?? answer.applicationId).toBe(id);
    }
  });
});

const roleRows = ROLE_ENDPOINTS.flatMap((endpoint) =>
  ROLE_USERS.map((user) => {
    const role = roleOf(user);
    const expected = (user !== null ? endpoint.byUser?.[user] : undefined) ?? endpoint.expect[role];
    return {
      title: `${user ?? 'anonymous'} (${role}) ${endpoint.route} → ${describeExpect(expected)}`,
      user,
      endpoint,
      expected,
    };
  }),
);

describe('access to the endpoints not about one application, by role', () => {
  it.each(ROLE_USERS.filter((u): u is string => u !== null))(
    '%s POST /auth/login with the right password → 200, a wrong one → 401 INVALID_CREDENTIALS',
    async (username) => {
      const good = await client.request<Body>('POST', '/auth/login', {
        body: { username, password: 'aidflow-demo' },
      });
      expect(good.status).toBe(200);
      expect(typeof good.body.accessToken).toBe('string');
      expect(good.body.user).toMatchObject({ username });
      const bad = await client.request<Body>('POST', '/auth/login', { body: { username, password: 'wrong' } });
      assertAnswer(bad, { status: 401, code: 'INVALID_CREDENTIALS' });
    },
  );

  it.each(roleRows)('$title', async ({ user, endpoint, expected }) => {
    const { method, template } = splitRoute(endpoint.route);
    const token = user ? await (endpoint.freshToken ? freshLogin(user) : client.login(user)) : undefined;
    const body = endpoint.body?.(user);
    const res = await client.request<unknown>(method, endpoint.path ? endpoint.path(user) : template, {
      token,
      ...(body !== undefined ? { body } : {}),
      ...(endpoint.headers ? { headers: endpoint.headers(user) } : {}),
    });
    assertAnswer(res, expected);
    if (res.status < 300) endpoint.check?.(res.body, user);
  });
});

// --- Closed and unknown cases ----------------------------------------------------------------------------------

describe('closed, unknown and malformed cases', () => {
  let closed: string;
  const unknown = randomUUID();

  beforeAll(async () => {
    closed = await createCase('East');
    const withdrawn = await client.request<Body>('POST', `/applications/${closed}/withdraw`, {
      token: await client.login('applicant1'),
      body: {},
    });
    expect(withdrawn.body.status).toBe('withdrawn');
  });

  const closedRows: Array<[string, string, unknown, Expect]> = [
    ['applicant1', 'GET /applications/:id', undefined, ok],
    ['auditor1', 'GET /applications/:id', undefined, ok],
    ['applicant1', 'POST /applications/:id/withdraw', {}, { status: 409, code: 'APPLICATION_CLOSED' }],
    ['applicant1', 'POST /applications/:id/urge', {}, { status: 409, code: 'APPLICATION_CLOSED' }],
    [
      'applicant1',
      'POST /applications/:id/comments',
      { comment: '还在吗' },
      { status: 409, code: 'APPLICATION_CLOSED' },
    ],
    [
      'approver-g-east-1',
      'POST /applications/:id/decisions',
      { decision: 'approve' },
      { status: 409, code: 'APPLICATION_CLOSED' },
    ],
    [
      'approver-g-east-1',
      'POST /applications/:id/return',
      { comment: 'x' },
      { status: 409, code: 'APPLICATION_CLOSED' },
    ],
  ];
  it.each(
    closedRows.map(([user, route, body, expected]) => ({
      title: `withdrawn East case: ${user} ${route} → ${describeExpect(expected)}`,
      user,
      route,
      body,
      expected,
    })),
  )('$title', async ({ user, route, body, expected }) => {
    const { method, template } = splitRoute(route);
    const res = await client.request<Body>(method, template.replace(':id', closed), {
      token: await client.login(user),
      ...(body !== undefined ? { body } : {}),
    });
    assertAnswer(res, expected);
  });

  const notFound: Expect = { status: 404, code: 'APPLICATION_NOT_FOUND' };
  const unknownRows: Array<[string | null, string, unknown, Expect]> = [
    ['applicant1', 'GET /applications/:id', undefined, notFound],
    ['auditor1', 'GET /applications/:id', undefined, notFound],
    ['applicant1', 'POST /applications/:id/withdraw', {}, notFound],
    ['approver-g-east-1', 'POST /applications/:id/return', { comment: 'x' }, notFound],
    ['auditor1', 'GET /audit/applications/:id/rederivation', undefined, notFound],
    // The role is checked before the case is looked up.
    ['auditor1', 'POST /applications/:id/return', { comment: 'x' }, forbidden],
    [null, 'GET /applications/:id', undefined, unauthenticated],
  ];
  it.each(
    unknownRows.map(([user, route, body, expected]) => ({
      title: `unknown case: ${user ?? 'anonymous'} ${route} → ${describeExpect(expected)}`,
      user: user ?? 'anonymous',
      route,
      body,
      expected,
    })),
  )('$title', async ({ user, route, body, expected }) => {
    const { method, template } = splitRoute(route);
    const res = await client.request<Body>(method, template.replace(':id', unknown), {
      token: user === 'anonymous' ? undefined : await client.login(user),
      ...(body !== undefined ? { body } : {}),
    });
    assertAnswer(res, expected);
  });

  it('answers a malformed application id with 400 VALIDATION_FAILED', async () => {
    const res = await client.request<Body>('GET', '/applications/not-a-uuid', {
      token: await client.login('applicant1'),
    });
    assertAnswer(res, { status: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.message).toContain('uuid');
  });
});

// --- What the tables leave behind -------------------------------------------------------------------------------

describe('after the tables', () => {
  it('expects 403 for the auditor on every mutating endpoint (auditors read everything and change nothing)', () => {
    const mutating = [
      ...CASE_ENDPOINTS.filter((e) => e.mutating).map((e) => [e.route, e.expect.auditor] as const),
      ...ROLE_ENDPOINTS.filter((e) => e.mutating).map((e) => [e.route, e.expect.auditor] as const),
    ];
    expect(mutating.length).toBeGreaterThanOrEqual(16);
    for (const [route, expected] of mutating) expect({ route, ...expected }).toEqual({ route, ...forbidden });
  });

  it("left both shared cases as they were: level 1 open, no decision, no action but the setup's attachment", async () => {
    for (const side of ['East', 'West'] as const) {
      const res = await client.request<{
        status: string;
        currentLevel: number;
        decisions: unknown[];
        actions: Array<{ verb: string; actorId: string }>;
        tasks: Array<{ level: number; status: string }>;
      }>('GET', `/applications/${cases[side].id}`, { token: await client.login('auditor1') });
      expect(res.body).toMatchObject({ status: 'pending_approval', currentLevel: 1, decisions: [] });
      // System actions (deadline notes) depend on the date of the run; people's actions must be the setup's only.
      const byPeople = res.body.actions.filter((a) => a.actorId !== SYSTEM_ACTOR_ID).map((a) => a.verb);
      expect(byPeople).toEqual(['attach']);
      expect(res.body.tasks.map((t) => [t.level, t.status])).toEqual([[1, 'open']]);
    }
  });

  it('left programs, budgets, registries, campaigns and objections as seeded (allowed callers were refused later)', async () => {
    const [counts] = await stack.sql<Record<string, number>>(
      `SELECT (SELECT count(*) FROM program_standards WHERE policy_version = 'hardship-aid/2099.access')::int AS standards,
              (SELECT count(*) FROM budget_envelope_changes)::int AS "envelopeChanges",
              (SELECT count(*) FROM household_files)::int AS "householdFiles",
              (SELECT count(*) FROM campaigns)::int AS campaigns,
              (SELECT count(*) FROM objections)::int AS objections,
              (SELECT count(*) FROM subsidy_usage_reports)::int AS "usageReports"`,
    );
    expect(counts).toEqual({
      standards: 0,
      envelopeChanges: 0,
      householdFiles: 1,
      campaigns: 0,
      objections: 0,
      usageReports: 0,
    });
  });

  it('recorded the refused attempts on the shared cases in rejected_attempts, for auditors', async () => {
    const rows = await stack.sql<{ username: string; action: string; code: string }>(
      `SELECT u.username, r.action, r.code FROM rejected_attempts r JOIN users u ON u.id = r.actor_id
        WHERE r.application_id = $1`,
      [cases.East.id],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        // Outside the branch (the service's scope check).
        { username: 'approver-g-west-1', action: 'return', code: 'FORBIDDEN' },
        { username: 'applicant2', action: 'view', code: 'FORBIDDEN' },
        // Inside the branch but not at the current level (the workflow's Update validator).
        { username: 'approver-d-east', action: 'decide:approve', code: 'NOT_APPROVER_OF_CURRENT_LEVEL' },
        // Not the case's state (the validator again).
        { username: 'applicant1', action: 'resubmit', code: 'NOT_RETURNED' },
        // The wrong role altogether (the route's guard).
        { username: 'auditor1', action: 'POST /applications/:id/decisions', code: 'FORBIDDEN' },
        // Outside a public notice (the service), and not a reviewer of its objections (the validator).
        { username: 'approver-g-west-1', action: 'lodgeObjection', code: 'NOT_IN_PUBLIC_NOTICE' },
        { username: 'approver-city', action: 'reviewObjection', code: 'NOT_OBJECTION_REVIEWER' },
      ]),
    );
  });
});
