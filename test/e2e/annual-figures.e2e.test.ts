import { httpClient } from '../support/http-client';
import type { ErrorBody } from '../support/http-client';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * 年度数据 over HTTP: two hardship cases filed in two districts, approved through their three levels and paid by the
 * real workflow, then GET /audit/annual-figures rebuilds the year's figures from the ledger (cases, households,
 * people, amounts by program, district and month), as JSON and as a CSV download. Bad years are refused by name.
 */

let stack: TestStack;
const client = httpClient(() => stack.baseUrl!);

interface Figures {
  year: number;
  totals: { cases: number; households: number; people: number; amount: number; campaignVisits: number };
  byProgram: Array<{ program: string; cases: number; households: number; amount: number }>;
  byDistrict: Array<{ name: string; cases: number; amount: number }>;
  byMonth: Array<{ month: number; cases: number; amount: number }>;
}

const cst = (part: 'year' | 'month'): number =>
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', [part]: 'numeric' }).format(new Date()));

async function as<T>(username: string, path: string) {
  return client.request<T>('GET', path, { token: await client.login(username) });
}

async function fileAndPay(applicant: string, householdSize: number, requestedAmount: number, approvers: string[]) {
  const created = await client.request<{ id: string }>('POST', '/applications', {
    token: await client.login(applicant),
    headers: { 'Idempotency-Key': `annual-${applicant}` },
    body: {
      program: 'hardship-aid',
      category: 'living',
      requestedAmount,
      household: { householdSize, annualIncome: 24000, unavoidableCosts: 6000 },
    },
  });
  expect(created.status).toBe(201);
  for (const [index, username] of approvers.entries()) {
    await eventually(
      async () => {
        const [row] = await stack.sql(
          `SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = $2 AND status = 'open'`,
          [created.body.id, index + 1],
        );
        return row ? true : undefined;
      },
      `level ${index + 1} of ${applicant}'s case`,
    );
    const decided = await client.request<{ status: string }>('POST', `/applications/${created.body.id}/decisions`, {
      token: await client.login(username),
      body: { decision: 'approve', comment: '同意' },
    });
    expect(decided.status).toBe(200);
  }
  await eventually(async () => {
    const [row] = await stack.sql(
      `SELECT 1 FROM ledger_entries WHERE application_id = $1 AND kind = 'payment_recorded'`,
      [created.body.id],
    );
    return row ? true : undefined;
  }, `${applicant}'s payment`);
}

let before: Figures;
let after: Figures;
const year = cst('year');

beforeAll(async () => {
  stack = await startTestStack({ http: true });
  before = (await as<Figures>('auditor1', `/audit/annual-figures?year=${year}`)).body;
  await fileAndPay('applicant1', 3, 5000, ['approver-g-east-1', 'approver-d-east', 'approver-city']);
  await fileAndPay('applicant2', 4, 3000, ['approver-g-west-1', 'approver-d-west', 'approver-city']);
  const res = await as<Figures>('auditor1', `/audit/annual-figures?year=${year}`);
  expect(res.status).toBe(200);
  after = res.body;
});

afterAll(async () => {
  await stack?.stop();
});

describe('GET /audit/annual-figures', () => {
  it('counts the paid cases, their households and people, and the amount paid', () => {
    expect(after.year).toBe(year);
    expect(after.totals.cases - before.totals.cases).toBe(2);
    expect(after.totals.households - before.totals.households).toBe(2);
    expect(after.totals.people - before.totals.people).toBe(3 + 4);
    expect(after.totals.amount - before.totals.amount).toBe(8000);
  });

  it('breaks the amount down by program, by district and by month', () => {
    const hardship = (f: Figures) => f.byProgram.find((p) => p.program === 'hardship-aid') ?? { cases: 0, amount: 0 };
    expect(hardship(after).cases - hardship(before).cases).toBe(2);
    expect(hardship(after).amount - hardship(before).amount).toBe(8000);
    const district = (f: Figures, name: string) => f.byDistrict.find((d) => d.name.includes(name))?.amount ?? 0;
    expect(district(after, '东城区总工会') - district(before, '东城区总工会')).toBe(5000);
    expect(district(after, '西城区总工会') - district(before, '西城区总工会')).toBe(3000);
    expect(after.byMonth.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const month = cst('month');
    expect(after.byMonth[month - 1].cases - before.byMonth[month - 1].cases).toBe(2);
    expect(after.byMonth.reduce((sum, m) => sum + m.amount, 0)).toBeCloseTo(after.totals.amount, 2);
  });

  it('answers a year with nothing paid with zeros', async () => {
    const empty = await as<Figures>('admin1', '/audit/annual-figures?year=2001');
    expect(empty.status).toBe(200);
    expect(empty.body.totals).toMatchObject({ cases: 0, households: 0, people: 0, amount: 0, campaignVisits: 0 });
  });

  it('downloads the same figures as one CSV table', async () => {
    const res = await fetch(`${stack.baseUrl}/audit/annual-figures?year=${year}&format=csv`, {
      headers: { authorization: `Bearer ${await client.login('auditor1')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain(`aidflow-annual-figures-${year}.csv`);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'section,key,name,cases,households,people,amount_cny,campaign_visits,campaign_recipients,campaign_amount_cny',
    );
    const total = lines[1].split(',');
    expect(total.slice(0, 2)).toEqual(['total', String(year)]);
    expect(Number(total[3])).toBe(after.totals.cases);
    expect(Number(total[6])).toBe(after.totals.amount);
    expect(lines.filter((l) => l.startsWith('month,'))).toHaveLength(12);
    expect(lines.some((l) => l.startsWith('program,hardship-aid,'))).toBe(true);
  });

  it('refuses a bad year or format by name, and callers who are not auditors or administrators', async () => {
    for (const query of ['year=abc', 'year=1999', 'year=2026.5', '']) {
      const res = await as<ErrorBody>('auditor1', `/audit/annual-figures?${query}`);
      expect({ query, status: res.status, code: res.body.code }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(res.body.message).toContain('year must be a whole year from 2000 to 2100');
    }
    const format = await as<ErrorBody>('auditor1', `/audit/annual-figures?year=${year}&format=xlsx`);
    expect(format.status).toBe(400);
    expect(format.body.message).toContain('format must be "json" or "csv"');
    for (const username of ['applicant1', 'approver-city']) {
      const res = await as<ErrorBody>(username, `/audit/annual-figures?year=${year}`);
      expect({ username, status: res.status }).toEqual({ username, status: 403 });
    }
  });
});
