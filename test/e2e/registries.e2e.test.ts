import { randomUUID } from 'node:crypto';
import { maskName } from '../../libs/common/src';
import { DEMO_MODEL_WORKERS } from '../../scripts/lib/seed-campaigns';
import { httpClient } from '../support/http-client';
import type { ErrorBody } from '../support/http-client';
import { startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * The registries over HTTP: household files (一户一档: 建档, yearly re-verification, 退档), the model-worker registry and
 * medical mutual-aid enrolments. The seeded template already holds applicant1's household file HF-DEMO-000001 (East),
 * applicant2's enrolment for this year (West) and applicant3's model-worker entry (West). The usage reports of
 * grassroots-union subsidies are in test/e2e/usage-reports.e2e.test.ts.
 */

let stack: TestStack;
const client = httpClient(() => stack.baseUrl!);
const year = new Date().getUTCFullYear();
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startTestStack({ http: true });
});

afterAll(async () => {
  await stack?.stop();
});

interface FileView {
  id: string;
  fileNo: string;
  headUsername: string;
  headName: string;
  tier: string;
  status: string;
  filedOn: string;
  verifiedOn: string;
  closedOn: string | null;
  closedReason: string | null;
  facts: { perCapitaMonthlyIncome: number | null; reasons: string[]; policyVersion: string | null };
  events: Array<{ kind: string; tier: string | null; note: string | null }>;
  closed?: boolean;
  message?: string;
}

async function call<T = ErrorBody>(user: string, method: string, path: string, body?: unknown) {
  const token = await client.login(user);
  return client.request<T>(method, path, { token, body });
}

const DEEP = { householdSize: 3, annualIncome: 24_000 }; // 666.67 CNY a month each <= 低保 800

describe('household files (一户一档)', () => {
  let westFile: FileView;

  it('refuses filing by a wrong role (403), another branch (403), a level-2 approver (403) and bad input (400)', async () => {
    const applicant = await call('applicant1', 'POST', '/household-files', { username: 'applicant1', ...DEEP });
    expect(applicant.status).toBe(403);

    const otherBranch = await call('approver-g-east-1', 'POST', '/household-files', {
      username: 'applicant2',
      ...DEEP,
    });
    expect(otherBranch.status).toBe(403);
    expect(otherBranch.body.message).toContain('another branch');

    const district = await call('approver-d-west', 'POST', '/household-files', { username: 'applicant2', ...DEEP });
    expect(district.status).toBe(403);
    expect(district.body.message).toContain('level-1');

    const bad = await call('approver-g-west-1', 'POST', '/household-files', {
      username: 'applicant2',
      householdSize: 0,
      annualIncome: 24_000,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.message).toContain('householdSize');

    const notWorker = await call('approver-g-west-1', 'POST', '/household-files', {
      username: 'approver-g-west-2',
      ...DEEP,
    });
    expect(notWorker.status).toBe(400);
    expect(notWorker.body.message).toContain('username');
  });

  it('refuses a household that meets no tier with 422 naming the figures', async () => {
    const res = await call('approver-g-west-1', 'POST', '/household-files', {
      username: 'applicant2',
      householdSize: 2,
      annualIncome: 120_000,
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('NO_HARDSHIP_TIER');
    expect(res.body.message).toContain('5000.00 CNY'); // the per-capita monthly income
    expect(res.body.message).toContain('1600.00 CNY'); // 2 x 低保
  });

  it('files a household with the tier of today’s standard and refuses a second open file with 409', async () => {
    const res = await call<FileView>('approver-g-west-1', 'POST', '/household-files', {
      username: 'applicant2',
      ...DEEP,
      note: '入户走访',
    });
    expect(res.status).toBe(201);
    westFile = res.body;
    expect(westFile).toMatchObject({
      fileNo: `HF-${year}-000001`,
      headUsername: 'applicant2',
      tier: 'deep',
      status: 'open',
      filedOn: today,
      verifiedOn: today,
    });
    expect(westFile.facts.perCapitaMonthlyIncome).toBe(666.66);
    expect(westFile.facts.policyVersion).toMatch(/^hardship-aid\//);
    expect(westFile.events.map((e) => [e.kind, e.tier, e.note])).toEqual([['filed', 'deep', '入户走访']]);

    const again = await call('approver-g-west-1', 'POST', '/household-files', { username: 'applicant2', ...DEEP });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('HOUSEHOLD_FILE_EXISTS');
    expect(again.body.message).toContain(westFile.fileNo);

    const seeded = await call('admin1', 'POST', '/household-files', { username: 'applicant1', ...DEEP });
    expect(seeded.status).toBe(409);
    expect(seeded.body.message).toContain('HF-DEMO-000001');
  });

  it('lists files of the approver’s branch (all for auditors) with masked names, and shows one with its events', async () => {
    const west = await call<{ items: FileView[]; total: number }>('approver-g-west-1', 'GET', '/household-files');
    expect(west.status).toBe(200);
    expect(west.body.items.map((f) => f.fileNo)).toEqual([westFile.fileNo]);
    const [{ display_name }] = await stack.sql<{ display_name: string }>(
      `SELECT display_name FROM users WHERE username = 'applicant2'`,
    );
    expect(west.body.items[0].headName).not.toBe(display_name);
    expect(west.body.items[0].headName).toBe(`${Array.from(display_name)[0]}**`);

    const all = await call<{ items: FileView[]; total: number }>('auditor1', 'GET', '/household-files?status=open');
    expect(all.body.items.map((f) => f.fileNo).sort()).toEqual(['HF-DEMO-000001', westFile.fileNo].sort());
    expect((await call('applicant1', 'GET', '/household-files')).status).toBe(403);
    const badStatus = await call('auditor1', 'GET', '/household-files?status=gone');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.message).toContain('status');

    const own = await call<FileView>('applicant2', 'GET', `/household-files/${westFile.id}`);
    expect(own.status).toBe(200);
    expect(own.body.headName).toBe(display_name);
    expect((await call('approver-g-east-1', 'GET', `/household-files/${westFile.id}`)).status).toBe(403);
    expect((await call('applicant1', 'GET', `/household-files/${westFile.id}`)).status).toBe(403);
    expect((await call('auditor1', 'GET', `/household-files/${randomUUID()}`)).status).toBe(404);
  });

  it('re-verifies yearly: a new tier is recorded, and a household with no tier any more is closed as recovered', async () => {
    const foreign = await call('approver-g-east-1', 'POST', `/household-files/${westFile.id}/verification`, DEEP);
    expect(foreign.status).toBe(403);

    const relative = await call<FileView>('approver-g-west-1', 'POST', `/household-files/${westFile.id}/verification`, {
      householdSize: 3,
      annualIncome: 48_000,
    });
    expect(relative.status).toBe(200);
    expect(relative.body).toMatchObject({ tier: 'relative', status: 'open', closed: false });
    expect(relative.body.message).toContain('deep -> relative');

    const recovered = await call<FileView>(
      'approver-g-west-1',
      'POST',
      `/household-files/${westFile.id}/verification`,
      { householdSize: 3, annualIncome: 150_000 },
    );
    expect(recovered.status).toBe(200);
    expect(recovered.body).toMatchObject({
      status: 'closed',
      closedReason: 'recovered',
      closedOn: today,
      closed: true,
    });
    expect(recovered.body.message).toContain('退档');
    expect(recovered.body.events.map((e) => e.kind)).toEqual(['filed', 'retiered', 'closed']);

    const afterClose = await call('approver-g-west-1', 'POST', `/household-files/${westFile.id}/closure`, {
      reason: 'again',
    });
    expect(afterClose.status).toBe(409);
    expect(afterClose.body.code).toBe('HOUSEHOLD_FILE_CLOSED');
  });

  it('closes a file with a reason (退档) inside the branch only, and needs the reason', async () => {
    const [{ id }] = await stack.sql<{ id: string }>(`SELECT id FROM household_files WHERE file_no = 'HF-DEMO-000001'`);
    const noReason = await call('approver-g-east-1', 'POST', `/household-files/${id}/closure`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('reason');
    expect((await call('approver-g-west-1', 'POST', `/household-files/${id}/closure`, { reason: 'x' })).status).toBe(
      403,
    );
    expect((await call('auditor1', 'POST', `/household-files/${id}/closure`, { reason: 'x' })).status).toBe(403);

    const closed = await call<FileView>('approver-g-east-1', 'POST', `/household-files/${id}/closure`, {
      reason: '迁出本市 moved away',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedReason: '迁出本市 moved away', closedOn: today });
    expect(closed.body.events.at(-1)).toMatchObject({ kind: 'closed', note: '迁出本市 moved away' });
    const [{ count }] = await stack.sql<{ count: string }>(
      `SELECT count(*) FROM household_file_events WHERE file_id = $1 AND kind = 'closed'`,
      [id],
    );
    expect(Number(count)).toBe(1);
  });
});

describe('model-worker registry (劳模)', () => {
  interface Entry {
    id: string;
    name: string;
    honourLevel: string;
    workStatus: string;
    orgUnitCode: string;
    active: boolean;
    username: string | null;
  }
  const entry = {
    name: '李劳模',
    honourLevel: 'national',
    workStatus: 'working',
    orgUnitCode: 'G-WEST-1',
    awardedYear: 2015,
    username: 'applicant2',
  };
  let created: Entry;

  it('lets administrators add entries; refuses other roles (403), bad input (400), unknown units (422), a second entry per user (409)', async () => {
    expect((await call('approver-city', 'POST', '/model-workers', entry)).status).toBe(403);
    const bad = await call('admin1', 'POST', '/model-workers', { ...entry, honourLevel: 'galactic' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('honourLevel');
    const unit = await call('admin1', 'POST', '/model-workers', { ...entry, orgUnitCode: 'NOWHERE' });
    expect(unit.status).toBe(422);
    expect(unit.body.message).toContain('NOWHERE');

    const res = await call<Entry>('admin1', 'POST', '/model-workers', entry);
    expect(res.status).toBe(201);
    created = res.body;
    expect(created).toMatchObject({ name: '李劳模', honourLevel: 'national', orgUnitCode: 'G-WEST-1', active: true });

    const twice = await call('admin1', 'POST', '/model-workers', { ...entry, honourLevel: 'city' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('MODEL_WORKER_EXISTS');
  });

  it('lists the registry with names masked for every role: approvers their branch, auditors and admins all, applicants nothing', async () => {
    const west = await call<Entry[]>('approver-d-west', 'GET', '/model-workers');
    expect(west.status).toBe(200);
    // The demo registry also holds model workers without a user account (scripts/lib/seed-campaigns.ts).
    expect(
      west.body
        .map((e) => e.username)
        .filter((u) => u !== null)
        .sort(),
    ).toEqual(['applicant2', 'applicant3']);
    expect(west.body.every((e) => ['G-WEST-1', 'G-WEST-2', 'D-WEST'].includes(e.orgUnitCode))).toBe(true);
    expect(west.body.find((e) => e.id === created.id)?.name).toBe('李**');
    // G-EAST-1 holds exactly the seeded model workers without a user account, and none linked to a user.
    const eastRows = await stack.sql<{ id: string; name: string; user_id: string | null }>(
      `SELECT m.id, m.name, m.user_id FROM model_workers m JOIN org_units o ON o.id = m.org_unit_id
       WHERE o.code = 'G-EAST-1'`,
    );
    expect(eastRows.map((r) => r.name).sort()).toEqual(
      DEMO_MODEL_WORKERS.filter((w) => w[3] === 'G-EAST-1')
        .map((w) => w[0])
        .sort(),
    );
    expect(eastRows.filter((r) => r.user_id !== null)).toEqual([]);
    const east = await call<Entry[]>('approver-g-east-1', 'GET', '/model-workers');
    expect(east.status).toBe(200);
    expect(east.body.filter((e) => e.username !== null)).toEqual([]);
    expect(east.body.map((e) => e.id).sort()).toEqual(eastRows.map((r) => r.id).sort());
    expect(east.body.map((e) => e.name).sort()).toEqual(eastRows.map((r) => maskName(r.name)).sort());
    expect(east.body.map((e) => e.orgUnitCode)).toEqual(eastRows.map(() => 'G-EAST-1'));
    expect(east.body.find((e) => e.id === created.id)).toBeUndefined();

    // Auditors and administrators see every entry, with names masked in the list too.
    const fullNames = new Set((await stack.sql<{ name: string }>('SELECT name FROM model_workers')).map((r) => r.name));
    for (const user of ['auditor1', 'admin1']) {
      const all = await call<Entry[]>(user, 'GET', '/model-workers');
      expect(all.status).toBe(200);
      expect(all.body).toHaveLength(fullNames.size);
      expect(all.body.find((e) => e.id === created.id)?.name).toBe('李**');
      expect(all.body.filter((e) => fullNames.has(e.name))).toEqual([]);
    }
    expect((await call('applicant2', 'GET', '/model-workers')).status).toBe(403);
  });

  it('lets administrators change the work status or deactivate an entry', async () => {
    expect((await call('approver-g-west-1', 'PATCH', `/model-workers/${created.id}`, { active: false })).status).toBe(
      403,
    );
    const nothing = await call('admin1', 'PATCH', `/model-workers/${created.id}`, {});
    expect(nothing.status).toBe(400);
    expect(nothing.body.message).toContain('active or workStatus');
    const bad = await call('admin1', 'PATCH', `/model-workers/${created.id}`, { workStatus: 'sleeping' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('workStatus');
    expect((await call('admin1', 'PATCH', `/model-workers/${randomUUID()}`, { active: false })).status).toBe(404);

    const retired = await call<Entry>('admin1', 'PATCH', `/model-workers/${created.id}`, { workStatus: 'retired' });
    expect(retired.body).toMatchObject({ workStatus: 'retired', active: true });
    const off = await call<Entry>('admin1', 'PATCH', `/model-workers/${created.id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ workStatus: 'retired', active: false });
  });
});

describe('medical mutual-aid enrolments (职工医疗互助)', () => {
  interface Enrolment {
    id: string;
    username: string;
    memberName: string;
    coverageYear: number;
    coverageFrom: string;
    coverageTo: string;
    enrolledOn: string;
  }

  it('enrols a member for the whole coverage year through their union, once a year', async () => {
    const res = await call<Enrolment>('approver-g-east-1', 'POST', '/medical-enrolments', {
      username: 'applicant1',
      coverageYear: year,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: 'applicant1',
      coverageYear: year,
      coverageFrom: `${year}-01-01`,
      coverageTo: `${year}-12-31`,
      enrolledOn: today,
    });
    const again = await call('admin1', 'POST', '/medical-enrolments', { username: 'applicant1', coverageYear: year });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_ENROLLED');
    expect(again.body.message).toContain(res.body.id);
  });

  it('refuses another branch (403), a wrong role (403) and a malformed year (400)', async () => {
    const west = await call('approver-g-east-1', 'POST', '/medical-enrolments', {
      username: 'applicant2',
      coverageYear: year + 1,
    });
    expect(west.status).toBe(403);
    expect(
      (await call('applicant1', 'POST', '/medical-enrolments', { username: 'applicant1', coverageYear: year + 1 }))
        .status,
    ).toBe(403);
    const bad = await call('admin1', 'POST', '/medical-enrolments', { username: 'applicant1', coverageYear: 'next' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('coverageYear');
    const unknown = await call('admin1', 'POST', '/medical-enrolments', { username: 'nobody', coverageYear: year });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('nobody');
  });

  it('lists enrolments: members their own, approvers their branch (masked), filtered by username and year', async () => {
    const mine = await call<Enrolment[]>('applicant2', 'GET', '/medical-enrolments');
    expect(mine.body.map((e) => [e.username, e.coverageYear])).toEqual([['applicant2', year]]);
    expect((await call('applicant2', 'GET', '/medical-enrolments?username=applicant1')).status).toBe(403);

    const east = await call<Enrolment[]>('approver-d-east', 'GET', `/medical-enrolments?year=${year}`);
    expect(east.body.map((e) => e.username)).toEqual(['applicant1']);
    expect(east.body[0].memberName).toMatch(/^.\*+$/);
    const one = await call<Enrolment[]>('auditor1', 'GET', `/medical-enrolments?username=applicant2&year=${year}`);
    expect(one.body.map((e) => e.username)).toEqual(['applicant2']);
    expect((await call<Enrolment[]>('auditor1', 'GET', `/medical-enrolments?year=${year - 1}`)).body).toEqual([]);
    const bad = await call('auditor1', 'GET', '/medical-enrolments?year=soon');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('year');
  });
});
