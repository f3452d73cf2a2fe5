import { randomUUID } from 'node:crypto';
import { httpClient } from '../support/http-client';
import type { ErrorBody } from '../support/http-client';
import { startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * The usage reports of grassroots-union subsidies over HTTP (POST and GET /applications/:id/usage-report): one report
 * of an approved union subsidy, by the officer who applied, within the granted amount, on record in the ledger, read by
 * the case's branch and auditors; cases that are not approved union subsidies are refused. The cases are inserted
 * directly (the report reads only their program, status and granted amount), so no workflow runs.
 */

let stack: TestStack;
const client = httpClient(() => stack.baseUrl!);
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  stack = await startTestStack({ http: true });
});

afterAll(async () => {
  await stack?.stop();
});

async function call<T = ErrorBody>(user: string, method: string, path: string, body?: unknown) {
  const token = await client.login(user);
  return client.request<T>(method, path, { token, body });
}

describe('usage reports of grassroots-union subsidies', () => {
  interface Report {
    id: string;
    applicationId: string;
    items: Array<{ purpose: string; amount: number }>;
    total: number;
    note: string | null;
  }

  /** A case as the lead's program wiring would leave it, inserted directly: the report only reads these columns. */
  async function insertCase(program: string, status: string, grantedFen: number | null): Promise<string> {
    const id = randomUUID();
    const inserted = await stack.sql(
      `INSERT INTO applications (id, program_id, program_code, applicant_user_id, org_unit_id, idempotency_key,
         request_hash, category, requested_amount_fen, granted_amount_fen, facts, standard_id, policy_version, status,
         workflow_id, budget_year)
       SELECT $1::uuid, p.id, p.code, u.id, u.org_unit_id, $6, $6, 'subsidy', 500000, $4, '{}'::jsonb, s.id,
              s.policy_version, $3, 'application-' || $6, $5
       FROM programs p
       JOIN LATERAL (SELECT id, policy_version FROM program_standards WHERE program_id = p.id
                     ORDER BY valid_from DESC LIMIT 1) s ON true
       JOIN users u ON u.username = 'approver-g-east-1'
       WHERE p.code = $2 RETURNING id`,
      [id, program, status, grantedFen, year, id],
    );
    if (inserted.length !== 1) throw new Error(`The template has no program ${program} with a standard`);
    return id;
  }

  it('takes one report of an approved union subsidy from the officer who applied, within the granted amount', async () => {
    const approved = await insertCase('union-subsidy', 'approved', 500_000);
    const items = [
      { purpose: '职工书屋图书 library books', amount: 3_000 },
      { purpose: '文体活动 sports day', amount: 1_500.5 },
    ];
    expect((await call('approver-g-west-1', 'POST', `/applications/${approved}/usage-report`, { items })).status).toBe(
      403,
    );
    const over = await call('approver-g-east-1', 'POST', `/applications/${approved}/usage-report`, {
      items: [...items, { purpose: 'more', amount: 600 }],
    });
    expect(over.status).toBe(422);
    expect(over.body.message).toContain('5100.50 CNY');
    expect(over.body.message).toContain('5000.00 CNY');
    const bad = await call('approver-g-east-1', 'POST', `/applications/${approved}/usage-report`, {
      items: [{ purpose: 'books', amount: -1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('amount');
    const empty = await call('approver-g-east-1', 'POST', `/applications/${approved}/usage-report`, { items: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('items');

    const res = await call<Report>('approver-g-east-1', 'POST', `/applications/${approved}/usage-report`, {
      items,
      note: '年度使用情况',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ applicationId: approved, total: 4_500.5, items, note: '年度使用情况' });
    const [{ count }] = await stack.sql<{ count: string }>(
      `SELECT count(*) FROM ledger_entries WHERE application_id = $1 AND payload->>'verb' = 'usage_report'`,
      [approved],
    );
    expect(Number(count)).toBe(1);

    const twice = await call('admin1', 'POST', `/applications/${approved}/usage-report`, { items });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('USAGE_REPORT_EXISTS');

    const read = await call<Report>('auditor1', 'GET', `/applications/${approved}/usage-report`);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(res.body.id);
    expect((await call('approver-d-east', 'GET', `/applications/${approved}/usage-report`)).status).toBe(200);
    expect((await call('approver-g-west-1', 'GET', `/applications/${approved}/usage-report`)).status).toBe(403);
  });

  it('refuses cases that are not approved union subsidies with 422 naming the status or program', async () => {
    const items = [{ purpose: 'books', amount: 100 }];
    const pending = await insertCase('union-subsidy', 'pending_approval', null);
    const notYet = await call('approver-g-east-1', 'POST', `/applications/${pending}/usage-report`, { items });
    expect(notYet.status).toBe(422);
    expect(notYet.body.message).toContain('pending_approval');
    expect((await call('approver-g-east-1', 'GET', `/applications/${pending}/usage-report`)).status).toBe(404);

    const hardship = await insertCase('hardship-aid', 'approved', 500_000);
    const other = await call('admin1', 'POST', `/applications/${hardship}/usage-report`, { items });
    expect(other.status).toBe(422);
    expect(other.body.message).toContain('hardship-aid');

    const missing = await call('admin1', 'POST', `/applications/${randomUUID()}/usage-report`, { items });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('APPLICATION_NOT_FOUND');
  });
});
