import { randomUUID } from 'node:crypto';

/**
 * The access table's vocabulary (test/e2e/access-table.e2e.test.ts and its rows under test/e2e/access-table/): the
 * kinds of caller and who plays each for the East and the West case, the expected answers, the shapes of a row (an
 * endpoint about one application, or one not about an application, by role), the shared cases the runner creates in
 * beforeAll, and the request fixtures the rows send.
 */

export type Relation =
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

export const RELATIONS: readonly Relation[] = [
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

export const RELATION_LABEL: Record<Relation, string> = {
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

export type SideName = 'East' | 'West';

/** Who is who for the case of each branch. */
export const SIDES: Record<SideName, Record<Relation, string | null>> = {
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

export type Body = Record<string, unknown>;

export interface Expect {
  status: number;
  /** The error code of a refusal. */
  code?: string;
  /** Runs on a new case of the branch (waiting at level 1, or first returned to the applicant). */
  fresh?: 'pending' | 'returned';
  /** Bulk decisions answer 200 and refuse per item: the expected item result. */
  item?: { ok: true } | { ok: false; code: string };
}

export const ok: Expect = { status: 200 };
export const fresh: Expect = { status: 200, fresh: 'pending' };
export const forbidden: Expect = { status: 403, code: 'FORBIDDEN' };
export const unauthenticated: Expect = { status: 401, code: 'UNAUTHENTICATED' };

export interface SharedCase {
  id: string;
  /** The owner's in-app "received" notice of the case. */
  noticeId: string;
  /** A PDF the owner attached in beforeAll. */
  attachmentId: string;
}

/** The two shared cases, filled in by the runner's beforeAll (the rows read them when they run). */
export const cases = {} as Record<SideName, SharedCase>;

export interface CaseEndpoint {
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
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const upload = { raw: { contentType: 'application/pdf', bytes: PDF }, headers: { 'X-File-Name': 'proof.pdf' } };

export const household = { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 };
export const application = { program: 'hardship-aid', category: 'living', requestedAmount: 5000, household };

/** No envelope, campaign or user has this id. */
export const absentId = randomUUID();

/** The callers of the rows not about one application, and their roles. */
export type RoleUser = string | null;
export const ROLE_USERS: readonly RoleUser[] = [
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
export type Role = 'applicant' | 'approver' | 'auditor' | 'admin' | 'anonymous';
export const roleOf = (user: RoleUser): Role =>
  user === null
    ? 'anonymous'
    : user.startsWith('applicant')
      ? 'applicant'
      : user.startsWith('approver')
        ? 'approver'
        : user === 'auditor1'
          ? 'auditor'
          : 'admin';

export interface RoleEndpoint {
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

export const splitRoute = (route: string): { method: string; template: string } => {
  const [method, template] = route.split(' ');
  return { method, template: template.split('?')[0] };
};

export const describeExpect = (e: Expect): string =>
  `${e.status}${e.code ? ` ${e.code}` : ''}${e.item ? ` (item: ${e.item.ok ? 'ok' : e.item.code})` : ''}${
    e.fresh ? ` [fresh ${e.fresh} case]` : ''
  }`;
