import { randomUUID } from 'node:crypto';
import { ELIGIBLE_HARDSHIP_FACTS_CNY } from '../support/hardship-commands';
import { httpClient } from '../support/http-client';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * GET /applications over HTTP (API -> PostgreSQL, cases filed through the real workflow): "my applications" for
 * whoever filed, the whole list for auditors and administrators, filters by status and program, pages newest first,
 * and no facts or personal data in the list.
 */

let stack: TestStack;
const client = httpClient(() => stack.baseUrl!);

interface Summary {
  id: string;
  program: string;
  status: string;
  requestedAmount: number;
  [key: string]: unknown;
}
interface ListBody {
  items: Summary[];
  total: number;
  page: number;
  pageSize: number;
  code?: string;
  message?: string;
}

const ids: Record<string, string> = {};

async function file(username: string): Promise<string> {
  const token = await client.login(username);
  const { status, body } = await client.request<{ id: string }>('POST', '/applications', {
    token,
    headers: { 'idempotency-key': randomUUID() },
    body: {
      program: 'hardship-aid',
      category: 'living',
      requestedAmount: 5000,
      household: ELIGIBLE_HARDSHIP_FACTS_CNY,
      nationalId: '110101199003074514',
    },
  });
  expect(status).toBe(201);
  await eventually(async () => {
    const { body: view } = await client.request<{ status: string }>('GET', `/applications/${body.id}`, { token });
    return view.status === 'submitted' ? undefined : view;
  }, `case ${body.id} assessed`);
  return body.id;
}

async function list(username: string, query: string) {
  return client.request<ListBody>('GET', `/applications${query}`, { token: await client.login(username) });
}

beforeAll(async () => {
  stack = await startTestStack({ http: true });
  ids.applicant1 = await file('applicant1');
  ids.applicant2 = await file('applicant2');
});

afterAll(async () => {
  await stack?.stop();
});

describe('GET /applications?mine=true', () => {
  it('lists only the cases the caller filed, without facts or personal data', async () => {
    const { status, body } = await list('applicant1', '?mine=true');
    expect(status).toBe(200);
    expect(body.total).toBe(1);
    expect(body.items.map((i) => i.id)).toEqual([ids.applicant1]);
    expect(body.items[0]).toMatchObject({ program: 'hardship-aid', category: 'living', requestedAmount: 5000 });
    expect(body.items[0]).not.toHaveProperty('facts');
    expect(body.items[0]).not.toHaveProperty('nationalId');
    expect(JSON.stringify(body)).not.toContain('110101199003074514');
    const other = await list('applicant2', '?mine=true');
    expect(other.body.items.map((i) => i.id)).toEqual([ids.applicant2]);
  });

  it('filters by status and by program', async () => {
    const mine = await list('applicant1', '?mine=true');
    const current = mine.body.items[0].status;
    expect((await list('applicant1', `?mine=true&status=${current}`)).body.total).toBe(1);
    const other = current === 'rejected' ? 'withdrawn' : 'rejected';
    expect((await list('applicant1', `?mine=true&status=${other}`)).body).toMatchObject({ total: 0, items: [] });
    expect((await list('applicant1', '?mine=true&program=hardship-aid')).body.total).toBe(1);
    expect((await list('applicant1', '?mine=true&program=tuition-grant')).body.total).toBe(0);
  });

  it('gives an approver with no filed case an empty page', async () => {
    const { status, body } = await list('approver-g-east-1', '?mine=true');
    expect(status).toBe(200);
    expect(body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
  });
});

describe('GET /applications (every case)', () => {
  it('pages every case for auditors, newest first', async () => {
    const first = await list('auditor1', '?pageSize=1');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(first.body.items.map((i) => i.id)).toEqual([ids.applicant2]);
    const second = await list('auditor1', '?pageSize=1&page=2');
    expect(second.body.items.map((i) => i.id)).toEqual([ids.applicant1]);
    const past = await list('admin1', '?pageSize=1&page=3');
    expect(past.body).toMatchObject({ total: 2, items: [] });
  });

  it("searches every case by branch, submission dates and requested amount (the auditors' case search)", async () => {
    const units = await stack.sql<{ code: string; id: string }>(
      `SELECT code, id FROM org_units WHERE code IN ('D-EAST', 'D-WEST', 'G-EAST-2')`,
    );
    const unit = (code: string) => units.find((u) => u.code === code)!.id;
    const found = async (query: string) => (await list('auditor1', query)).body.items.map((i) => i.id);
    expect(await found(`?branch=${unit('D-EAST')}`)).toEqual([ids.applicant1]);
    expect(await found(`?branch=${unit('D-WEST')}`)).toEqual([ids.applicant2]);
    expect(await found(`?branch=${unit('G-EAST-2')}`)).toEqual([]);
    expect(await found('?minAmount=5000&maxAmount=5000')).toEqual([ids.applicant2, ids.applicant1]);
    expect(await found('?minAmount=5000.01')).toEqual([]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await found(`?from=${tomorrow}`)).toEqual([]);
    expect(await found(`?to=${tomorrow}&program=hardship-aid`)).toEqual([ids.applicant2, ids.applicant1]);
    const row = (await list('auditor1', `?branch=${unit('D-EAST')}`)).body.items[0];
    expect(row.orgUnitId).toEqual(expect.any(String));
    for (const [query, field] of [
      ['?branch=east', 'branch must be the uuid of an org unit'],
      ['?from=yesterday', 'from must be an ISO 8601 date'],
      ['?minAmount=-1', 'minAmount must be 0 or more'],
      ['?maxAmount=1.234', 'maxAmount must be an amount in CNY with at most 2 decimals'],
    ]) {
      const res = await list('auditor1', query);
      expect({ query, status: res.status, code: res.body.code }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(res.body.message).toContain(field);
    }
  });

  it('refuses applicants and approvers without mine=true with 403', async () => {
    for (const username of ['applicant1', 'approver-city']) {
      const { status, body } = await list(username, '');
      expect(status).toBe(403);
      expect(body.code).toBe('FORBIDDEN');
    }
  });

  it('answers 400 naming the query field that is wrong', async () => {
    const cases: Array<[string, string]> = [
      ['?mine=yes', 'mine'],
      ['?mine=true&pageSize=0', 'pageSize'],
      ['?mine=true&pageSize=101', 'pageSize'],
      ['?mine=true&page=0', 'page'],
      ['?mine=true&status=lost', 'status'],
      ['?mine=true&program=a%00b', 'program'],
    ];
    for (const [query, field] of cases) {
      const { status, body } = await list('applicant1', query);
      expect({ query, status }).toEqual({ query, status: 400 });
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.message).toContain(field);
    }
  });

  it('answers 401 without a token', async () => {
    const { status } = await client.request('GET', '/applications?mine=true');
    expect(status).toBe(401);
  });
});
