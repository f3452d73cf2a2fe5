import { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { httpClient } from '../support/http-client';
import type { ErrorBody } from '../support/http-client';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * The auditor console's API over HTTP on the real stack.
 * - 年度数据: two hardship cases filed in two districts, approved through their three levels and paid by the real
 *   workflow, then GET /audit/annual-figures rebuilds the year's figures from the ledger (cases, households, people,
 *   amounts by program, district and month), as JSON and as a CSV download. Bad years are refused by name.
 * - A running case's Temporal history, decoded through the payload codec (the stack encrypts payloads), and its ledger
 *   entries: personal data masked unless an auditor unmasks, and each unmasked view recorded in the export log.
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

async function file(applicant: string, householdSize: number, requestedAmount: number): Promise<string> {
  const created = await client.request<{ id: string }>('POST', '/applications', {
    token: await client.login(applicant),
    headers: { 'Idempotency-Key': `console-${applicant}-${householdSize}-${requestedAmount}` },
    body: {
      program: 'hardship-aid',
      category: 'living',
      requestedAmount,
      household: { householdSize, annualIncome: 24000, unavoidableCosts: 6000 },
    },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function approveLevels(id: string, approvers: string[]): Promise<void> {
  for (const [index, username] of approvers.entries()) {
    await eventually(
      async () => {
        const [row] = await stack.sql(
          `SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = $2 AND status = 'open'`,
          [id, index + 1],
        );
        return row ? true : undefined;
      },
      `level ${index + 1} of ${id}`,
    );
    const decided = await client.request<{ status: string }>('POST', `/applications/${id}/decisions`, {
      token: await client.login(username),
      body: { decision: 'approve', comment: '同意' },
    });
    expect(decided.status).toBe(200);
  }
}

async function fileAndPay(applicant: string, householdSize: number, requestedAmount: number, approvers: string[]) {
  const id = await file(applicant, householdSize, requestedAmount);
  await approveLevels(id, approvers);
  await eventually(async () => {
    const [row] = await stack.sql(
      `SELECT 1 FROM ledger_entries WHERE application_id = $1 AND kind = 'payment_recorded'`,
      [id],
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

interface HistoryView {
  source: string;
  unmasked: boolean;
  runs: Array<{ runId: string; events: Array<{ eventId: number; eventType: string; attributes: unknown }> }>;
}

describe('GET /audit/applications/:id/history', () => {
  let running = '';
  let approverName = '';

  beforeAll(async () => {
    running = await file('applicant1', 2, 2000);
    await approveLevels(running, ['approver-g-east-1']);
    [{ display_name: approverName }] = await stack.sql<{ display_name: string }>(
      `SELECT display_name FROM users WHERE username = 'approver-g-east-1'`,
    );
  });

  it('decodes every event of a running case through the payload codec, with names masked', async () => {
    const res = await as<HistoryView>('admin1', `/audit/applications/${running}/history`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'temporal', unmasked: false });
    const [run] = res.body.runs;
    expect(run.events[0].eventType).toContain('WORKFLOW_EXECUTION_STARTED');
    const text = JSON.stringify(run.events);
    // The workflow input, decrypted: the case's own id and facts are readable.
    expect(text).toContain(running);
    expect(text).toContain('"householdSize":2');
    expect(text).not.toContain('binary/encrypted');
    // ... which the server holds encrypted (encoding binary/encrypted), so the view really went through the codec.
    const raw = historyToJSON(
      await stack.services.get(Client).workflow.getHandle(`application-${running}`).fetchHistory(),
    );
    expect(raw).toContain(Buffer.from('binary/encrypted').toString('base64'));
    expect(raw).not.toContain('householdSize');
    // The level 1 decision's Update carries the approver's name: masked.
    expect(text).not.toContain(approverName);
    expect(text).toContain(`${Array.from(approverName)[0]}*`);
    expect(run.events.map((e) => e.eventType).some((t) => t.includes('UPDATE_ACCEPTED'))).toBe(true);
  });

  it('shows an auditor the names unmasked and records that view in the export log', async () => {
    const [{ n: before }] = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM export_log WHERE kind = 'history' AND unmasked`,
    );
    const res = await as<HistoryView>('auditor1', `/audit/applications/${running}/history?unmasked=true`);
    expect(res.status).toBe(200);
    expect(res.body.unmasked).toBe(true);
    expect(JSON.stringify(res.body.runs)).toContain(approverName);
    const logged = await stack.sql<{ filters: { applicationId: string } }>(
      `SELECT filters FROM export_log WHERE kind = 'history' AND unmasked ORDER BY created_at`,
    );
    expect(logged).toHaveLength(before + 1);
    expect(logged[logged.length - 1].filters.applicationId).toBe(running);
  });

  it("lists the case's ledger entries with both hash links, the decider's name masked unless unmasked", async () => {
    interface LedgerView {
      unmasked: boolean;
      entries: Array<{ caseSeq: number; kind: string; caseHash: string; globalHash: string | null; payload: unknown }>;
    }
    const masked = await as<LedgerView>('admin1', `/audit/applications/${running}/ledger`);
    expect(masked.status).toBe(200);
    const kinds = masked.body.entries.map((e) => e.kind);
    expect(kinds.slice(0, 2)).toEqual(['submitted', 'eligibility_assessed']);
    expect(kinds).toContain('decision');
    expect(masked.body.entries.map((e) => e.caseSeq)).toEqual(masked.body.entries.map((_, i) => i + 1));
    expect(masked.body.entries.every((e) => /^[0-9a-f]{64}$/.test(e.caseHash))).toBe(true);
    const decision = JSON.stringify(masked.body.entries.find((e) => e.kind === 'decision')!.payload);
    expect(decision).not.toContain(approverName);
    expect(decision).toContain(`${Array.from(approverName)[0]}*`);
    const open = await as<LedgerView>('auditor1', `/audit/applications/${running}/ledger?unmasked=true`);
    expect(JSON.stringify(open.body.entries)).toContain(approverName);
    const [{ n }] = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM export_log WHERE kind = 'ledger' AND unmasked AND filters ->> 'applicationId' = $1`,
      [running],
    );
    expect(n).toBe(1);
    const refused = await as<ErrorBody>('admin1', `/audit/applications/${running}/ledger?unmasked=true`);
    expect(refused.status).toBe(403);
  });

  it('refuses unmasking to administrators, the history to applicants, bad input by name and unknown cases', async () => {
    const admin = await as<ErrorBody>('admin1', `/audit/applications/${running}/history?unmasked=true`);
    expect({ status: admin.status, code: admin.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    const applicant = await as<ErrorBody>('applicant1', `/audit/applications/${running}/history`);
    expect(applicant.status).toBe(403);
    const bad = await as<ErrorBody>('auditor1', `/audit/applications/${running}/history?unmasked=maybe`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('unmasked must be true or false');
    const unknown = await as<ErrorBody>('auditor1', '/audit/applications/00000000-0000-4000-8000-000000000000/history');
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'APPLICATION_NOT_FOUND' });
  });
});
