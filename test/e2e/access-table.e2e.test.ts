import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../../scripts/lib/seed';
import { SYSTEM_ACTOR_ID } from '../../workflows/types';
import { httpClient } from '../support/http-client';
import type { HttpResult } from '../support/http-client';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

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
 */

let stack: TestStack;
const client = httpClient(() => stack.baseUrl!);

type Relation =
  | 'owner'
  | 'otherApplicant'
  | 'grassroots'
  | 'district'
  | 'city'
  | 'otherGrassroots'
  | 'otherDistrict'
  | 'auditor'
  | 'admin'
  | 'anonymous';

const RELATIONS: readonly Relation[] = [
  'owner',
  'otherApplicant',
  'grassroots',
  'district',
  'city',
  'otherGrassroots',
  'otherDistrict',
  'auditor',
  'admin',
  'anonymous',
];

const RELATION_LABEL: Record<Relation, string> = {
  owner: 'applicant, owner',
  otherApplicant: 'applicant, not the owner',
  grassroots: 'own branch, grassroots, current level',
  district: 'own branch, district',
  city: 'city, above every branch',
  otherGrassroots: 'other branch, grassroots',
  otherDistrict: 'other branch, district',
  auditor: 'auditor',
  admin: 'admin',
  anonymous: 'no token',
};

type SideName = 'East' | 'West';

/** Who is who for the case of each branch. */
const SIDES: Record<SideName, Record<Relation, string | null>> = {
  East: {
    owner: 'applicant1',
    otherApplicant: 'applicant2',
    grassroots: 'approver-g-east-1',
    district: 'approver-d-east',
    city: 'approver-city',
    otherGrassroots: 'approver-g-west-1',
    otherDistrict: 'approver-d-west',
    auditor: 'auditor1',
    admin: 'admin1',
    anonymous: null,
  },
  West: {
    owner: 'applicant2',
    otherApplicant: 'applicant1',
    grassroots: 'approver-g-west-1',
    district: 'approver-d-west',
    city: 'approver-city',
    otherGrassroots: 'approver-g-east-1',
    otherDistrict: 'approver-d-east',
    auditor: 'auditor1',
    admin: 'admin1',
    anonymous: null,
  },
};

type Body = Record<string, unknown>;

interface Expect {
  status: number;
  /** The error code of a refusal. */
  code?: string;
  /** Runs on a new case of the branch (waiting at level 1, or first returned to the applicant). */
  fresh?: 'pending' | 'returned';
  /** Bulk decisions answer 200 and refuse per item: the expected item result. */
  item?: { ok: true } | { ok: false; code: string };
}

const ok: Expect = { status: 200 };
const fresh: Expect = { status: 200, fresh: 'pending' };
const forbidden: Expect = { status: 403, code: 'FORBIDDEN' };
/** Approvers, and administrators (who decide only the levels routing gave them), not holding this level. */
const notApprover: Expect = { status: 403, code: 'NOT_APPROVER_OF_CURRENT_LEVEL' };
const unauthenticated: Expect = { status: 401, code: 'UNAUTHENTICATED' };
/** The shared cases are not in a public notice (the test seeds have no notice window). */
const notInNotice: Expect = { status: 409, code: 'NOT_IN_PUBLIC_NOTICE' };
/** Without a notice a case names no objection reviewers: only administrators pass the workflow's reviewer check. */
const notReviewer: Expect = { status: 403, code: 'NOT_OBJECTION_REVIEWER' };
/** A hardship case has no usage report (only union subsidies have one). */
const noUsageReport: Expect = { status: 404, code: 'NOT_FOUND' };
const usageReportInvalid: Expect = { status: 422, code: 'USAGE_REPORT_INVALID' };

interface SharedCase {
  id: string;
  /** The owner's in-app "received" notice of the case. */
  noticeId: string;
  /** A PDF the owner attached in beforeAll. */
  attachmentId: string;
}

const cases = {} as Record<SideName, SharedCase>;

interface CaseEndpoint {
  /** Method and path as the controllers declare them. */
  route: string;
  /** Changes a case, the trail or anything else on record (auditors get 403 on all of these). */
  mutating: boolean;
  /** The path to call; default: the route's path with :id = the case. */
  path?: (target: SharedCase & { side: SideName }) => string;
  body?: (side: SideName) => unknown;
  /** A file upload instead of a JSON body. */
  upload?: boolean;
  expect: Record<Relation, Expect>;
}

/** A minimal PDF (the upload checks the first bytes against the declared type). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const upload = { raw: { contentType: 'application/pdf', bytes: PDF }, headers: { 'X-File-Name': 'proof.pdf' } };

const household = { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 };
const application = { program: 'hardship-aid', category: 'living', requestedAmount: 5000, household };

/** Endpoints about one application: the rows run for the East case and for the West case. */
const CASE_ENDPOINTS: CaseEndpoint[] = [
  {
    route: 'GET /applications/:id',
    mutating: false,
    expect: {
      owner: ok,
      otherApplicant: forbidden,
      grassroots: ok,
      district: ok,
      city: ok,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: ok,
      admin: ok,
      anonymous: unauthenticated,
    },
  },
  {
    route: 'GET /applications/:id?asOf=',
    mutating: false,
    path: ({ id }) => `/applications/${id}?asOf=${encodeURIComponent(new Date().toISOString())}`,
    expect: {
      owner: ok,
      otherApplicant: forbidden,
      grassroots: ok,
      district: ok,
      city: ok,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: ok,
      admin: ok,
      anonymous: unauthenticated,
    },
  },
  {
    route: 'POST /applications/:id/decisions',
    mutating: true,
    body: () => ({ decision: 'approve', comment: '同意' }),
    expect: {
      owner: forbidden,
      otherApplicant: forbidden,
      grassroots: fresh,
      district: notApprover,
      city: notApprover,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: forbidden,
      admin: notApprover,
      anonymous: unauthenticated,
    },
  },
  {
    route: 'POST /applications/:id/return',
    mutating: true,
    body: () => ({ comment: '请补充收入证明' }),
    expect: {
      owner: forbidden,
      otherApplicant: forbidden,
      grassroots: fresh,
      district: notApprover,
      city: notApprover,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: forbidden,
      admin: notApprover,
      anonymous: unauthenticated,
    },
  },
  {
    route: 'POST /applications/:id/resubmit',
    mutating: true,
    body: () => ({ category: 'living', requestedAmount: 4000, household, comment: '已补充收入证明' }),
    expect: {
      // The shared case is not with the applicant: 409. On a case returned to them: 200.
      owner: { status: 409, code: 'NOT_RETURNED' },
      otherApplicant: forbidden,
      grassroots: forbidden,
      district: forbidden,
      city: forbidden,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: forbidden,
      admin: forbidden,
      anonymous: unauthenticated,
    },
  },
  {
    route: 'POST /applications/:id/resubmit (case returned to the applicant)',
    mutating: true,
    body: () => ({ category: 'living', requestedAmount: 4000, household, comment: '已补充收入证明' }),
    expect: {
      owner: { status: 200, fresh: 'returned' },
      otherApplicant: forbidden,
      grassroots: forbidden,
      district: forbidden,
      city: forbidden,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: forbidden,
      admin: forbidden,
      anonymous: unauthenticated,
    },
  },
  {
    route: 'POST /applications/:id/withdraw',
    mutating: true,
    body: () => ({ comment: '已获得其他帮助' }),
    expect: {
      owner: fresh,
      otherApplicant: forbidden,
      grassroots: forbidden,
      district: forbidden,
      city: forbidden,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: forbidden,
      admin: forbidden,
      anonymous: unauthenticated,
    },
  },
  {
    route: 'POST /applications/:id/transfer',
    mutating: true,
    body: (side) => ({ to: SIDES[side].district, comment: '出差，转交' }),
    expect: {
      owner: forbidden,
      otherApplicant: forbidden,
      grassroots: fresh,
      district: notApprover,
      city: notApprover,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: forbidden,
      admin: notApprover,
      anonymous: unauthenticated,
    },
  },
  {
    route: 'POST /applications/:id/approvers',
    mutating: true,
    body: (side) => ({ username: SIDES[side].district, position: 'before', comment: '请先核对' }),
    expect: {
      owner: forbidden,
      otherApplicant: forbidden,
      grassroots: fresh,
      district: notApprover,
      city: notApprover,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: forbidden,
      admin: notApprover,
      anonymous: unauthenticated,
    },
  },
  {
    route: 'POST /applications/:id/copies',
    mutating: true,
    body: () => ({ usernames: ['auditor1'], comment: '请知悉' }),
    expect: {
      owner: fresh,
      otherApplicant: forbidden,
      grassroots: fresh,
      district: fresh,
      city: fresh,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: forbidden,
      admin: forbidden,
      anonymous: unauthenticated,
    },
  },
  {
    route: 'POST /applications/:id/urge',
    mutating: true,
    body: () => ({ comment: '家里急用' }),
    expect: {
      owner: fresh,
      otherApplicant: forbidden,
      grassroots: forbidden,
      district: forbidden,
      city: forbidden,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: forbidden,
      admin: fresh,
      anonymous: unauthenticated,
    },
  },
  {
    route: 'POST /applications/:id/comments',
    mutating: true,
    body: () => ({ comment: '已约家访' }),
    expect: {
      owner: fresh,
      otherApplicant: forbidden,
      grassroots: fresh,
      district: fresh,
      city: fresh,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: forbidden,
      admin: fresh,
      anonymous: unauthenticated,
    },
  },
  {
    route: 'POST /applications/:id/attachments',
    mutating: true,
    upload: true,
    expect: {
      owner: { status: 201, fresh: 'pending' },
      otherApplicant: forbidden,
      grassroots: { status: 201, fresh: 'pending' },
      district: { status: 201, fresh: 'pending' },
      city: { status: 201, fresh: 'pending' },
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: forbidden,
      admin: { status: 201, fresh: 'pending' },
      anonymous: unauthenticated,
    },
  },
  {
    route: 'GET /applications/:id/attachments',
    mutating: false,
    expect: {
      owner: ok,
      otherApplicant: forbidden,
      grassroots: ok,
      district: ok,
      city: ok,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: ok,
      admin: ok,
      anonymous: unauthenticated,
    },
  },
  {
    route: 'GET /applications/:id/attachments/:attachmentId',
    mutating: false,
    path: ({ id, attachmentId }) => `/applications/${id}/attachments/${attachmentId}`,
    expect: {
      owner: ok,
      otherApplicant: forbidden,
      grassroots: ok,
      district: ok,
      city: ok,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: ok,
      admin: ok,
      anonymous: unauthenticated,
    },
  },
  {
    // Bulk decisions check the role for the request, then scope and level per item (200 with per-item results).
    route: 'POST /tasks/bulk-decisions',
    mutating: true,
    path: () => '/tasks/bulk-decisions',
    expect: {
      owner: forbidden,
      otherApplicant: forbidden,
      grassroots: { status: 200, fresh: 'pending', item: { ok: true } },
      district: { status: 200, item: { ok: false, code: 'NOT_APPROVER_OF_CURRENT_LEVEL' } },
      city: { status: 200, item: { ok: false, code: 'NOT_APPROVER_OF_CURRENT_LEVEL' } },
      otherGrassroots: { status: 200, item: { ok: false, code: 'FORBIDDEN' } },
      otherDistrict: { status: 200, item: { ok: false, code: 'FORBIDDEN' } },
      auditor: forbidden,
      admin: { status: 200, item: { ok: false, code: 'NOT_APPROVER_OF_CURRENT_LEVEL' } },
      anonymous: unauthenticated,
    },
  },
  {
    route: 'GET /audit/applications/:id/rederivation',
    mutating: false,
    expect: {
      owner: forbidden,
      otherApplicant: forbidden,
      grassroots: forbidden,
      district: forbidden,
      city: forbidden,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: ok,
      admin: ok,
      anonymous: unauthenticated,
    },
  },
  {
    // Allowed for auditors and admins; a running case has no archived history yet, hence 404.
    route: 'POST /audit/applications/:id/replay',
    mutating: false,
    expect: {
      owner: forbidden,
      otherApplicant: forbidden,
      grassroots: forbidden,
      district: forbidden,
      city: forbidden,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: { status: 404, code: 'NOT_FOUND' },
      admin: { status: 404, code: 'NOT_FOUND' },
      anonymous: unauthenticated,
    },
  },
  {
    // Objections are open to any signed-in user but auditors, whatever the branch (公示 is public). The service
    // refuses a case outside its notice before the workflow checks who objects, so the owner gets 409 too.
    route: 'POST /public-notices/:id/objections',
    mutating: true,
    path: ({ id }) => `/public-notices/${id}/objections`,
    body: () => ({ reason: '申请人家庭名下有商铺出租收入，未如实申报' }),
    expect: {
      owner: notInNotice,
      otherApplicant: notInNotice,
      grassroots: notInNotice,
      district: notInNotice,
      city: notInNotice,
      otherGrassroots: notInNotice,
      otherDistrict: notInNotice,
      auditor: forbidden,
      admin: notInNotice,
      anonymous: unauthenticated,
    },
  },
  {
    // Approvers and admins pass the route's guard; the workflow's validator then checks the reviewer (none is named
    // without a notice, so every approver is refused), and the administrator finds nothing under review.
    route: 'POST /applications/:id/objection-review',
    mutating: true,
    body: () => ({ outcome: 'dismiss', comment: '经核查，异议不成立' }),
    expect: {
      owner: forbidden,
      otherApplicant: forbidden,
      grassroots: notReviewer,
      district: notReviewer,
      city: notReviewer,
      otherGrassroots: notReviewer,
      otherDistrict: notReviewer,
      auditor: forbidden,
      admin: { status: 409, code: 'NO_OPEN_OBJECTION' },
      anonymous: unauthenticated,
    },
  },
  {
    // Its applicant, its branch's approvers, auditors and admins may read it; a hardship case has none (404).
    route: 'GET /applications/:id/usage-report',
    mutating: false,
    expect: {
      owner: noUsageReport,
      otherApplicant: forbidden,
      grassroots: noUsageReport,
      district: noUsageReport,
      city: noUsageReport,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: noUsageReport,
      admin: noUsageReport,
      anonymous: unauthenticated,
    },
  },
  {
    // Only whoever filed the case (or an admin) reports its usage; a hardship case is not a union subsidy (422).
    route: 'POST /applications/:id/usage-report',
    mutating: true,
    body: () => ({ items: [{ purpose: '职工书屋图书', amount: 100 }] }),
    expect: {
      owner: usageReportInvalid,
      otherApplicant: forbidden,
      grassroots: forbidden,
      district: forbidden,
      city: forbidden,
      otherGrassroots: forbidden,
      otherDistrict: forbidden,
      auditor: forbidden,
      admin: usageReportInvalid,
      anonymous: unauthenticated,
    },
  },
  {
    // The inbox is personal: the owner's notice of the case is nobody else's to read (404, not 403: no oracle).
    route: "POST /me/notifications/:id/read (the owner's notice)",
    mutating: false,
    path: ({ noticeId }) => `/me/notifications/${noticeId}/read`,
    expect: {
      owner: ok,
      otherApplicant: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      grassroots: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      district: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      city: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      otherGrassroots: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      otherDistrict: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      auditor: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      admin: { status: 404, code: 'NOTIFICATION_NOT_FOUND' },
      anonymous: unauthenticated,
    },
  },
];

/** Endpoints that are not about one application: by role. */
type RoleUser = string | null;
const ROLE_USERS: readonly RoleUser[] = [
  'applicant1',
  'applicant2',
  'approver-g-east-1',
  'approver-d-east',
  'approver-city',
  'approver-g-west-1',
  'approver-d-west',
  'auditor1',
  'admin1',
  null,
];
type Role = 'applicant' | 'approver' | 'auditor' | 'admin' | 'anonymous';
const roleOf = (user: RoleUser): Role =>
  user === null
    ? 'anonymous'
    : user.startsWith('applicant')
      ? 'applicant'
      : user.startsWith('approver')
        ? 'approver'
        : user === 'auditor1'
          ? 'auditor'
          : 'admin';

interface RoleEndpoint {
  route: string;
  mutating: boolean;
  path?: (user: RoleUser) => string;
  body?: (user: RoleUser) => unknown;
  headers?: (user: RoleUser) => Record<string, string>;
  expect: Record<Role, Expect>;
  /** Where approvers differ by level or branch: the answer for a named user, over its role's. */
  byUser?: Partial<Record<string, Expect>>;
  /** Extra checks on a 2xx answer (scope: what the caller sees). */
  check?: (body: unknown, user: RoleUser) => void;
  /** Logs in anew for this row: the row revokes the token it sends, and the other rows keep the cached one. */
  freshToken?: true;
}

const codecPayloads = {
  payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: '' }],
};
let submissions = 0;
const thisYear = new Date().getUTCFullYear();
/** No envelope or campaign has this id. */
const absentId = randomUUID();

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

const ROLE_ENDPOINTS: RoleEndpoint[] = [
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

const splitRoute = (route: string): { method: string; template: string } => {
  const [method, template] = route.split(' ');
  return { method, template: template.split('?')[0] };
};

const describeExpect = (e: Expect): string =>
  `${e.status}${e.code ? ` ${e.code}` : ''}${e.item ? ` (item: ${e.item.ok ? 'ok' : e.item.code})` : ''}${
    e.fresh ? ` [fresh ${e.fresh} case]` : ''
  }`;

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
