import { absentId, application, cases, forbidden, ok, SIDES, unauthenticated } from '../../support/access-table';
import type { RoleEndpoint } from '../../support/access-table';

/**
 * Rows of the access table (test/e2e/access-table.e2e.test.ts) not about one application, by role: the caller's own
 * session, submissions, tasks, inbox and absence; failed notifications, the audit's checks and exports, the payload
 * codec; disabling and enabling users; health and the API description.
 */

const codecPayloads = {
  payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: '' }],
};
let submissions = 0;

/** The runner runs these for every user of ROLE_USERS. */
export const ACCOUNT_AND_AUDIT_ENDPOINTS: RoleEndpoint[] = [
  {
    route: 'GET /auth/me',
    mutating: false,
    expect: { applicant: ok, approver: ok, auditor: ok, admin: ok, anonymous: unauthenticated },
    check: (body, user) => expect(body).toMatchObject({ username: user }),
  },
  {
    route: 'POST /auth/logout',
    // Ends the caller's own session only; nothing on record changes, so auditors may log out too.
    mutating: false,
    freshToken: true,
    expect: {
      applicant: { status: 204 },
      approver: { status: 204 },
      auditor: { status: 204 },
      admin: { status: 204 },
      anonymous: unauthenticated,
    },
  },
  {
    route: 'POST /applications',
    mutating: true,
    body: () => application,
    headers: () => ({ 'Idempotency-Key': `access-table-${++submissions}` }),
    expect: {
      applicant: { status: 201 },
      approver: forbidden,
      auditor: forbidden,
      admin: forbidden,
      anonymous: unauthenticated,
    },
    check: (body) => expect(body).toMatchObject({ status: 'submitted', program: 'hardship-aid' }),
  },
  {
    route: 'GET /tasks',
    mutating: false,
    expect: { applicant: forbidden, approver: ok, auditor: forbidden, admin: ok, anonymous: unauthenticated },
    // Only the current level's approver of the case's own branch has its task (administrators have the tasks of
    // levels routing gave them: none here).
    check: (body, user) => {
      const listed = new Set((body as Array<{ applicationId: string }>).map((t) => t.applicationId));
      expect(listed.has(cases.East.id)).toBe(user === SIDES.East.grassroots);
      expect(listed.has(cases.West.id)).toBe(user === SIDES.West.grassroots);
    },
  },
  {
    route: 'GET /me/notifications',
    mutating: false,
    path: () => '/me/notifications?limit=100',
    expect: { applicant: ok, approver: ok, auditor: ok, admin: ok, anonymous: unauthenticated },
    // Each inbox holds the caller's notices only.
    check: (body, user) => {
      const about = new Set((body as { items: Array<{ applicationId: string }> }).items.map((n) => n.applicationId));
      expect(about.has(cases.East.id)).toBe(user === SIDES.East.owner || user === SIDES.East.grassroots);
      expect(about.has(cases.West.id)).toBe(user === SIDES.West.owner || user === SIDES.West.grassroots);
    },
  },
  {
    // A window in the future: it must not send the fresh cases of the other rows to a delegate.
    route: 'PUT /me/absence',
    mutating: true,
    path: () => '/me/absence',
    body: (user) => ({
      delegate: user === 'approver-city' ? 'approver-d-east' : 'approver-city',
      from: '2099-01-05T00:00:00+08:00',
      until: '2099-01-09T00:00:00+08:00',
      reason: '出差',
    }),
    expect: { applicant: forbidden, approver: ok, auditor: forbidden, admin: forbidden, anonymous: unauthenticated },
  },
  {
    route: 'GET /me/absence',
    mutating: false,
    expect: { applicant: forbidden, approver: ok, auditor: forbidden, admin: forbidden, anonymous: unauthenticated },
    check: (body) => expect(body).toEqual([expect.objectContaining({ reason: '出差' })]),
  },
  {
    route: 'DELETE /me/absence',
    mutating: true,
    expect: { applicant: forbidden, approver: ok, auditor: forbidden, admin: forbidden, anonymous: unauthenticated },
    check: (body) => expect(body).toEqual({ cleared: 1 }),
  },
  {
    route: 'GET /notifications/failed',
    mutating: false,
    expect: { applicant: forbidden, approver: forbidden, auditor: ok, admin: ok, anonymous: unauthenticated },
  },
  {
    route: 'GET /audit/annual-figures',
    mutating: false,
    path: () => `/audit/annual-figures?year=${new Date().getUTCFullYear()}`,
    expect: { applicant: forbidden, approver: forbidden, auditor: ok, admin: ok, anonymous: unauthenticated },
  },
  {
    route: 'GET /org-units',
    mutating: false,
    expect: { applicant: ok, approver: ok, auditor: ok, admin: ok, anonymous: unauthenticated },
    check: (body) => expect((body as Array<{ kind: string }>)[0].kind).toBe('city'),
  },
  {
    route: 'GET /users',
    mutating: false,
    expect: { applicant: forbidden, approver: forbidden, auditor: forbidden, admin: ok, anonymous: unauthenticated },
    check: (body) => {
      const users = body as Array<Record<string, unknown>>;
      expect(users.map((u) => u.username)).toContain('approver-city');
      expect(users.every((u) => !('email' in u) && !('passwordHash' in u) && !('phone' in u))).toBe(true);
    },
  },
  {
    route: 'GET /tasks/counts',
    mutating: false,
    expect: { applicant: forbidden, approver: ok, auditor: forbidden, admin: ok, anonymous: unauthenticated },
  },
  {
    route: 'GET /tasks/decided',
    mutating: false,
    expect: { applicant: forbidden, approver: ok, auditor: forbidden, admin: ok, anonymous: unauthenticated },
  },
  {
    route: 'GET /tasks/copied',
    mutating: false,
    expect: { applicant: forbidden, approver: ok, auditor: forbidden, admin: ok, anonymous: unauthenticated },
  },
  {
    route: 'GET /tasks/branches',
    mutating: false,
    expect: { applicant: forbidden, approver: ok, auditor: forbidden, admin: ok, anonymous: unauthenticated },
  },
  {
    route: 'GET /audit/verify',
    mutating: false,
    expect: { applicant: forbidden, approver: forbidden, auditor: ok, admin: ok, anonymous: unauthenticated },
    check: (body) => expect(body).toMatchObject({ ok: true }),
  },
  {
    route: 'GET /budgets/reconciliation',
    mutating: false,
    expect: { applicant: forbidden, approver: forbidden, auditor: ok, admin: ok, anonymous: unauthenticated },
    check: (body) => expect(body).toMatchObject({ clean: true, flagged: [] }),
  },
  {
    route: 'GET /audit/export',
    mutating: false,
    path: () => '/audit/export?kind=cases&format=json',
    expect: { applicant: forbidden, approver: forbidden, auditor: ok, admin: ok, anonymous: unauthenticated },
  },
  {
    route: 'GET /audit/export?unmasked=true',
    mutating: false,
    path: () => '/audit/export?kind=cases&format=csv&unmasked=true',
    expect: { applicant: forbidden, approver: forbidden, auditor: ok, admin: forbidden, anonymous: unauthenticated },
  },
  {
    route: 'POST /codec/decode',
    mutating: false,
    body: () => codecPayloads,
    expect: { applicant: forbidden, approver: forbidden, auditor: ok, admin: ok, anonymous: unauthenticated },
  },
  {
    route: 'POST /codec/encode',
    mutating: true,
    body: () => codecPayloads,
    expect: { applicant: forbidden, approver: forbidden, auditor: forbidden, admin: ok, anonymous: unauthenticated },
  },
  {
    route: 'POST /users/:id/disable',
    mutating: true,
    path: () => `/users/${absentId}/disable`,
    expect: {
      applicant: forbidden,
      approver: forbidden,
      auditor: forbidden,
      admin: { status: 404, code: 'NOT_FOUND' },
      anonymous: unauthenticated,
    },
  },
  {
    route: 'POST /users/:id/enable',
    mutating: true,
    path: () => `/users/${absentId}/enable`,
    expect: {
      applicant: forbidden,
      approver: forbidden,
      auditor: forbidden,
      admin: { status: 404, code: 'NOT_FOUND' },
      anonymous: unauthenticated,
    },
  },
  {
    route: 'GET /health',
    mutating: false,
    expect: { applicant: ok, approver: ok, auditor: ok, admin: ok, anonymous: ok },
    check: (body) =>
      expect(body).toMatchObject({
        status: 'ok',
        database: 'up',
        calendar: { health: expect.stringMatching(/^(ok|expiring|expired)$/) as unknown },
      }),
  },
  {
    route: 'GET /docs/openapi.json',
    mutating: false,
    expect: { applicant: ok, approver: ok, auditor: ok, admin: ok, anonymous: ok },
  },
];
