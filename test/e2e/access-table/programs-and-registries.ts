import { absentId, cases, forbidden, household, ok, roleOf, unauthenticated } from '../../support/access-table';
import type { RoleEndpoint, RoleUser } from '../../support/access-table';

/**
 * Rows of the access table (test/e2e/access-table.e2e.test.ts) not about one application, by role: programs and their
 * standards, the calendar, public notices, budgets and envelopes, the registries (household files, model workers,
 * medical enrolments) and campaigns. The rows that would change any of them are refused after authorisation for the
 * callers allowed, so they change nothing.
 */

const thisYear = new Date().getUTCFullYear();

/** The units of each approver's branch; the city approver, auditors and admins see every unit's registry entries. */
const BRANCH_UNITS: Partial<Record<string, readonly string[]>> = {
  'approver-g-east-1': ['G-EAST-1'],
  'approver-d-east': ['D-EAST', 'G-EAST-1', 'G-EAST-2'],
  'approver-g-west-1': ['G-WEST-1'],
  'approver-d-west': ['D-WEST', 'G-WEST-1', 'G-WEST-2'],
};
const seesUnit = (user: RoleUser, unit: string): boolean => {
  const units = user ? BRANCH_UNITS[user] : undefined;
  return units === undefined || units.includes(unit);
};

/** The runner runs these for every user of ROLE_USERS. */
export const PROGRAM_AND_REGISTRY_ENDPOINTS: RoleEndpoint[] = [
  {
    route: 'GET /programs',
    mutating: false,
    expect: { applicant: ok, approver: ok, auditor: ok, admin: ok, anonymous: unauthenticated },
    check: (body) => expect((body as Array<{ code: string }>).map((p) => p.code)).toContain('hardship-aid'),
  },
  {
    route: 'GET /programs/:code',
    mutating: false,
    path: () => '/programs/hardship-aid',
    expect: { applicant: ok, approver: ok, auditor: ok, admin: ok, anonymous: unauthenticated },
    check: (body) => {
      expect(body).toMatchObject({ code: 'hardship-aid' });
      expect((body as { standards: unknown[] }).standards.length).toBeGreaterThan(0);
    },
  },
  {
    // Nothing is stored: a preview is a read, for every signed-in user.
    route: 'POST /programs/:code/preview',
    mutating: false,
    path: () => '/programs/hardship-aid/preview',
    body: () => ({ category: 'living', requestedAmount: 5000, facts: household }),
    expect: { applicant: ok, approver: ok, auditor: ok, admin: ok, anonymous: unauthenticated },
    check: (body) => expect(body).toMatchObject({ program: { code: 'hardship-aid' }, category: 'living' }),
  },
  {
    route: 'GET /programs/:code/standards',
    mutating: false,
    path: () => '/programs/hardship-aid/standards',
    expect: { applicant: forbidden, approver: forbidden, auditor: ok, admin: ok, anonymous: unauthenticated },
    check: (body) => expect((body as unknown[]).length).toBeGreaterThan(0),
  },
  {
    // The administrator's version lacks every parameter the rules read: refused before anything is stored.
    route: 'POST /programs/:code/standards',
    mutating: true,
    path: () => '/programs/hardship-aid/standards',
    body: () => ({ policyVersion: 'hardship-aid/2099.access', validFrom: '2099-01-01', params: {} }),
    expect: {
      applicant: forbidden,
      approver: forbidden,
      auditor: forbidden,
      admin: { status: 422, code: 'STANDARD_INVALID' },
      anonymous: unauthenticated,
    },
  },
  {
    route: 'GET /calendar/status',
    mutating: false,
    expect: { applicant: forbidden, approver: forbidden, auditor: ok, admin: ok, anonymous: unauthenticated },
    check: (body) =>
      expect(body).toMatchObject({ health: expect.stringMatching(/^(ok|expiring|expired)$/) as unknown }),
  },
  {
    route: 'GET /calendar/years',
    mutating: false,
    expect: { applicant: ok, approver: ok, auditor: ok, admin: ok, anonymous: unauthenticated },
    check: (body) => expect((body as Array<{ year: number }>).map((y) => y.year)).toContain(2026),
  },
  {
    route: 'GET /calendar/years/:year',
    mutating: false,
    path: () => '/calendar/years/2026',
    expect: { applicant: ok, approver: ok, auditor: ok, admin: ok, anonymous: unauthenticated },
    check: (body) => expect(body).toEqual([expect.objectContaining({ year: 2026, kind: 'official' })]),
  },
  {
    route: 'GET /calendar/years/:year/provisional',
    mutating: false,
    path: () => '/calendar/years/2099/provisional',
    expect: { applicant: ok, approver: ok, auditor: ok, admin: ok, anonymous: unauthenticated },
    check: (body) => expect(body).toMatchObject({ year: 2099, kind: 'provisional', loadedAt: null }),
  },
  {
    // A make-up working day on a Monday: refused after authorisation, so nothing is stored.
    route: 'PUT /calendar/years/:year',
    mutating: true,
    path: () => '/calendar/years/2099',
    body: () => ({
      source: 'access-table test notice',
      holidays: [{ name: '元旦 New Year’s Day', from: '2099-01-01', to: '2099-01-01' }],
      makeUpWorkdays: ['2099-01-05'],
    }),
    expect: {
      applicant: forbidden,
      approver: forbidden,
      auditor: forbidden,
      admin: { status: 422, code: 'CALENDAR_INVALID' },
      anonymous: unauthenticated,
    },
  },
  {
    route: 'GET /public-notices',
    mutating: false,
    expect: { applicant: ok, approver: ok, auditor: ok, admin: ok, anonymous: unauthenticated },
    // The shared cases are not in a notice.
    check: (body) => {
      const listed = (body as Array<{ applicationId: string }>).map((n) => n.applicationId);
      expect(listed).not.toContain(cases.East.id);
      expect(listed).not.toContain(cases.West.id);
    },
  },
  {
    // Approvers read budgets only at the city level.
    route: 'GET /budgets',
    mutating: false,
    expect: { applicant: forbidden, approver: forbidden, auditor: ok, admin: ok, anonymous: unauthenticated },
    byUser: { 'approver-city': ok },
    check: (body) => {
      const report = body as { year: number; programs: Array<{ program: string }> };
      expect(report.year).toBe(thisYear);
      expect(report.programs.map((p) => p.program)).toContain('hardship-aid');
    },
  },
  {
    // The envelope exists (seeded): the administrator gets 409 and nothing is written.
    route: 'POST /budgets/envelopes',
    mutating: true,
    body: () => ({ program: 'hardship-aid', year: thisYear, fundingSource: 'central_special', allocated: 1 }),
    expect: {
      applicant: forbidden,
      approver: forbidden,
      auditor: forbidden,
      admin: { status: 409, code: 'BUDGET_ENVELOPE_EXISTS' },
      anonymous: unauthenticated,
    },
  },
  {
    // No envelope has reservations here (no case is approved), so no allocation is refused as below them: the
    // administrator's row names an unknown envelope (404) and nothing is written.
    route: 'PATCH /budgets/envelopes/:id',
    mutating: true,
    path: () => `/budgets/envelopes/${absentId}`,
    body: () => ({ allocated: 1, reason: '市财政追加拨款' }),
    expect: {
      applicant: forbidden,
      approver: forbidden,
      auditor: forbidden,
      admin: { status: 404, code: 'NOT_FOUND' },
      anonymous: unauthenticated,
    },
  },
  {
    route: 'GET /household-files',
    mutating: false,
    expect: { applicant: forbidden, approver: ok, auditor: ok, admin: ok, anonymous: unauthenticated },
    // The seeded file of applicant1 (East) is listed to the East branch, the city, auditors and admins; names masked.
    check: (body, user) => {
      const items = (body as { items: Array<{ headUsername: string; headName: string }> }).items;
      expect(items.some((f) => f.headUsername === 'applicant1')).toBe(seesUnit(user, 'G-EAST-1'));
      for (const f of items) expect(f.headName).toMatch(/^.\*+$/u);
    },
  },
  {
    // Filing is for the level-1 approver of the head's branch (East) and admins; applicant1 already heads an open
    // file, so they get 409 and nothing is written.
    route: 'POST /household-files',
    mutating: true,
    body: () => ({ username: 'applicant1', ...household }),
    expect: {
      applicant: forbidden,
      approver: forbidden,
      auditor: forbidden,
      admin: { status: 409, code: 'HOUSEHOLD_FILE_EXISTS' },
      anonymous: unauthenticated,
    },
    byUser: { 'approver-g-east-1': { status: 409, code: 'HOUSEHOLD_FILE_EXISTS' } },
  },
  {
    route: 'GET /model-workers',
    mutating: false,
    expect: { applicant: forbidden, approver: ok, auditor: ok, admin: ok, anonymous: unauthenticated },
    // Approvers see their branch's entries only (both grassroots unions of the shared cases have some); names masked.
    check: (body, user) => {
      const entries = body as Array<{ orgUnitCode: string; name: string }>;
      for (const e of entries) {
        expect(seesUnit(user, e.orgUnitCode)).toBe(true);
        expect(e.name).toMatch(/^.\*+$/u);
      }
      const units = new Set(entries.map((e) => e.orgUnitCode));
      expect(units.has('G-EAST-1')).toBe(seesUnit(user, 'G-EAST-1'));
      expect(units.has('G-WEST-1')).toBe(seesUnit(user, 'G-WEST-1'));
    },
  },
  {
    route: 'GET /medical-enrolments',
    mutating: false,
    expect: { applicant: ok, approver: ok, auditor: ok, admin: ok, anonymous: unauthenticated },
    // Applicants see their own (applicant2, West, is enrolled); approvers their branch; the others all.
    check: (body, user) => {
      const members = (body as Array<{ username: string }>).map((e) => e.username);
      if (roleOf(user) === 'applicant') expect(members.every((m) => m === user)).toBe(true);
      const seen = roleOf(user) === 'applicant' ? user === 'applicant2' : seesUnit(user, 'G-WEST-1');
      expect(members.includes('applicant2')).toBe(seen);
    },
  },
  {
    route: 'GET /campaigns',
    mutating: false,
    expect: { applicant: forbidden, approver: ok, auditor: ok, admin: ok, anonymous: unauthenticated },
    check: (body) => expect(Array.isArray(body)).toBe(true),
  },
  {
    route: 'GET /campaigns/:id',
    mutating: false,
    path: () => `/campaigns/${absentId}`,
    expect: {
      applicant: forbidden,
      approver: { status: 404, code: 'CAMPAIGN_NOT_FOUND' },
      auditor: { status: 404, code: 'CAMPAIGN_NOT_FOUND' },
      admin: { status: 404, code: 'CAMPAIGN_NOT_FOUND' },
      anonymous: unauthenticated,
    },
  },
  {
    // The administrator's campaign is invalid (no fields): refused before anything is written.
    route: 'POST /campaigns',
    mutating: true,
    body: () => ({}),
    expect: {
      applicant: forbidden,
      approver: forbidden,
      auditor: forbidden,
      admin: { status: 400, code: 'VALIDATION_FAILED' },
      anonymous: unauthenticated,
    },
  },
];
