import { ApplicationsService } from '../../libs/applications/src';
import { ELIGIBLE_HARDSHIP } from '../support/hardship-commands';
import { httpClient } from '../support/http-client';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * Budgets over HTTP: the report against the envelope rows as a case moves money (reserved, then paid), and the
 * administrators' envelope operations with their refusals.
 */

let stack: TestStack;
const client = httpClient(() => stack.baseUrl!);
const YEAR = new Date().getUTCFullYear();

beforeAll(async () => {
  stack = await startTestStack({ http: true });
});

afterAll(async () => {
  await stack?.stop();
});

interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

interface Figures {
  allocated: number;
  reserved: number;
  paid: number;
  remaining: number;
}

interface EnvelopeView extends Figures {
  id: string;
  program: string;
  programName: string;
  year: number;
  fundingSource: string;
  fundingSourceName: string;
}

interface Report {
  year: number;
  program: string | null;
  envelopes: EnvelopeView[];
  programs: Array<Figures & { program: string; programName: string }>;
  total: Figures;
}

interface Changes {
  envelope: EnvelopeView;
  changes: Array<{
    oldAllocated: number | null;
    newAllocated: number;
    reason: string;
    changedBy: { id: string; name: string };
    changedAt: string;
  }>;
}

async function as<T>(username: string, method: string, path: string, body?: unknown) {
  return client.request<T>(method, path, { token: await client.login(username), ...(body ? { body } : {}) });
}

/** The envelope rows of the year as PostgreSQL holds them, in CNY, by funding source. */
async function envelopeRows(): Promise<Record<string, Figures & { id: string }>> {
  const rows = await stack.sql<{
    id: string;
    funding_source: string;
    allocated_fen: string;
    reserved_fen: string;
    paid_fen: string;
  }>(
    `SELECT e.id, e.funding_source, e.allocated_fen, e.reserved_fen, e.paid_fen
     FROM budget_envelopes e JOIN programs p ON p.id = e.program_id WHERE p.code = 'hardship-aid' AND e.year = $1`,
    [YEAR],
  );
  return Object.fromEntries(
    rows.map((r) => {
      const [allocated, reserved, paid] = [r.allocated_fen, r.reserved_fen, r.paid_fen].map(Number);
      return [
        r.funding_source,
        {
          id: r.id,
          allocated: allocated / 100,
          reserved: reserved / 100,
          paid: paid / 100,
          remaining: (allocated - reserved - paid) / 100,
        },
      ];
    }),
  );
}

/** How many envelopes and allocation changes are stored: refusals change neither. */
async function storedCounts() {
  const [row] = await stack.sql<{ envelopes: number; changes: number }>(
    `SELECT (SELECT count(*)::int FROM budget_envelopes) AS envelopes,
            (SELECT count(*)::int FROM budget_envelope_changes) AS changes`,
  );
  return row;
}

let keys = 0;
/**
 * Submits an eligible 5,000 CNY case for `applicant`, approves it at every level over HTTP and waits until its
 * disbursement settled (paid, or refused by the bank: the reservation then stays reserved).
 */
async function approvedCase(applicant: string, approvers: string[], settled: 'paid' | 'payment_failed') {
  const service = stack.services.get(ApplicationsService);
  const { application } = await service.submitHardship(
    await stack.principal(applicant),
    ELIGIBLE_HARDSHIP,
    `budgets-e2e-${++keys}`,
  );
  for (const [index, approver] of approvers.entries()) {
    await eventually(
      async () => {
        const rows = await stack.sql(
          `SELECT 1 FROM approval_tasks WHERE application_id = $1 AND level = $2 AND status = 'open'`,
          [application.id, index + 1],
        );
        return rows.length ? true : undefined;
      },
      `open task at level ${index + 1}`,
    );
    const res = await as<ErrorBody>(approver, 'POST', `/applications/${application.id}/decisions`, {
      decision: 'approve',
      comment: '同意',
    });
    expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ status: 200, body: 'ok' });
  }
  await eventually(
    async () => {
      const [row] = await stack.sql<{ status: string }>(
        `SELECT d.status FROM disbursements d JOIN applications a ON a.id = d.application_id
         WHERE a.id = $1 AND a.status = 'approved'`,
        [application.id],
      );
      return row?.status === settled ? true : undefined;
    },
    `the case approved and its disbursement ${settled}`,
    30_000,
  );
  return application.id;
}

describe('budgets over HTTP', () => {
  it('reports allocated, reserved, paid and remaining per funding source as a case is reserved and another paid', async () => {
    const before = await as<Report>('admin1', 'GET', `/budgets?year=${YEAR}&program=hardship-aid`);
    expect(before.status).toBe(200);
    expect(
      before.body.envelopes.map((e) => [e.fundingSource, e.fundingSourceName, e.allocated, e.reserved, e.paid]),
    ).toEqual([
      ['central_special', '中央专项资金', 200_000, 0, 0],
      ['city_finance', '市财政', 134_960, 0, 0],
    ]);

    // The bank refuses the first payment for good: that case's money stays reserved. The second case is paid.
    stack.bank.rejectNext = 1;
    await approvedCase('applicant1', ['approver-g-east-1', 'approver-d-east', 'approver-city'], 'payment_failed');
    await approvedCase('applicant2', ['approver-g-west-1', 'approver-d-west', 'approver-city'], 'paid');

    const rows = await envelopeRows();
    expect(rows.central_special).toMatchObject({ reserved: 5000, paid: 5000, remaining: 190_000 });
    const report = await as<Report>('auditor1', 'GET', `/budgets?year=${YEAR}&program=hardship-aid`);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ year: YEAR, program: 'hardship-aid' });
    for (const envelope of report.body.envelopes) {
      const { id, ...figures } = rows[envelope.fundingSource];
      expect({ source: envelope.fundingSource, id: envelope.id, ...figures }).toEqual({
        source: envelope.fundingSource,
        id,
        allocated: envelope.allocated,
        reserved: envelope.reserved,
        paid: envelope.paid,
        remaining: envelope.remaining,
      });
    }
    expect(report.body.envelopes).toHaveLength(Object.keys(rows).length);
    const totals = { allocated: 334_960, reserved: 5000, paid: 5000, remaining: 324_960 };
    const [program] = await stack.sql<{ name: string }>(`SELECT name FROM programs WHERE code = 'hardship-aid'`);
    expect(report.body.programs).toEqual([{ program: 'hardship-aid', programName: program.name, ...totals }]);
    expect(report.body.total).toEqual(totals);

    // A city-level approver reads it too; without a program filter the grand total covers every program's envelopes.
    const all = await as<Report>('approver-city', 'GET', '/budgets');
    expect(all.status).toBe(200);
    expect(all.body.year).toBe(YEAR);
    const sum = (key: keyof Figures) => all.body.programs.reduce((s, p) => s + p[key], 0);
    expect(all.body.total).toEqual({
      allocated: sum('allocated'),
      reserved: sum('reserved'),
      paid: sum('paid'),
      remaining: sum('remaining'),
    });
    expect(all.body.programs).toContainEqual(expect.objectContaining({ program: 'hardship-aid', ...totals }));
  });

  it('refuses the report to applicants and to approvers below the city with 403, and an unknown program with 404', async () => {
    for (const username of ['applicant1', 'approver-d-east', 'approver-g-east-1']) {
      const res = await as<ErrorBody>(username, 'GET', '/budgets');
      expect({ username, status: res.status, code: res.body.code }).toEqual({
        username,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    const unknown = await as<ErrorBody>('admin1', 'GET', '/budgets?program=no-such-program');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('PROGRAM_NOT_FOUND');
    expect(unknown.body.message).toContain('no-such-program');
    const badYear = await as<ErrorBody>('admin1', 'GET', '/budgets?year=1999');
    expect(badYear.status).toBe(400);
    expect(badYear.body.message).toContain('year');
  });

  it('lets an administrator create an envelope, change its allocation with a reason, and shows every change', async () => {
    const created = await as<EnvelopeView>('admin1', 'POST', '/budgets/envelopes', {
      program: 'hardship-aid',
      year: YEAR,
      fundingSource: 'union_funds',
      allocated: 50_000.5,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      program: 'hardship-aid',
      year: YEAR,
      fundingSource: 'union_funds',
      fundingSourceName: '工会经费',
      allocated: 50_000.5,
      reserved: 0,
      paid: 0,
      remaining: 50_000.5,
    });
    const [row] = await stack.sql<{ allocated_fen: string }>(
      'SELECT allocated_fen FROM budget_envelopes WHERE id = $1',
      [created.body.id],
    );
    expect(Number(row.allocated_fen)).toBe(5_000_050);

    const changed = await as<EnvelopeView>('admin1', 'PATCH', `/budgets/envelopes/${created.body.id}`, {
      allocated: 80_000,
      reason: '工会经费追加拨款',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: created.body.id, allocated: 80_000, remaining: 80_000 });

    const report = await as<Report>('admin1', 'GET', `/budgets?year=${YEAR}&program=hardship-aid`);
    expect(report.body.envelopes.map((e) => e.fundingSource)).toEqual([
      'central_special',
      'city_finance',
      'union_funds',
    ]);
    expect(report.body.envelopes[2]).toMatchObject({ id: created.body.id, allocated: 80_000 });

    const changes = await as<Changes>('auditor1', 'GET', `/budgets/envelopes/${created.body.id}/changes`);
    expect(changes.status).toBe(200);
    const admin = await stack.principal('admin1');
    expect(changes.body.changes.map((c) => [c.oldAllocated, c.newAllocated, c.reason, c.changedBy.id])).toEqual([
      [null, 50_000.5, 'envelope created', admin.userId],
      [50_000.5, 80_000, '工会经费追加拨款', admin.userId],
    ]);
    const stored = await stack.sql<{ old_allocated_fen: string | null; new_allocated_fen: string; changed_by: string }>(
      'SELECT old_allocated_fen, new_allocated_fen, changed_by FROM budget_envelope_changes WHERE envelope_id = $1 ORDER BY changed_at',
      [created.body.id],
    );
    expect(stored).toEqual([
      { old_allocated_fen: null, new_allocated_fen: '5000050', changed_by: admin.userId },
      { old_allocated_fen: '5000050', new_allocated_fen: '8000000', changed_by: admin.userId },
    ]);
  });

  it('refuses a second envelope for the same program, year and source with 409 naming the existing one', async () => {
    const rows = await envelopeRows();
    const res = await as<ErrorBody>('admin1', 'POST', '/budgets/envelopes', {
      program: 'hardship-aid',
      year: YEAR,
      fundingSource: 'central_special',
      allocated: 1,
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('BUDGET_ENVELOPE_EXISTS');
    expect(res.body.message).toContain(rows.central_special.id);
    expect(res.body.message).toContain('central_special');
    expect((await envelopeRows()).central_special).toEqual(rows.central_special);
  });

  it('refuses to set an allocation below what is already reserved + paid with 422 naming that amount', async () => {
    const rows = await envelopeRows();
    const { id } = rows.central_special;
    const committed = rows.central_special.reserved + rows.central_special.paid;
    expect(committed).toBe(10_000);
    const res = await as<ErrorBody>('admin1', 'PATCH', `/budgets/envelopes/${id}`, {
      allocated: 9_999.99,
      reason: '压减预算',
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('ALLOCATION_BELOW_COMMITTED');
    expect(res.body.message).toContain('reserved + paid: 10000 CNY');
    expect((await envelopeRows()).central_special).toEqual(rows.central_special);
    expect(await stack.sql('SELECT 1 FROM budget_envelope_changes WHERE envelope_id = $1', [id])).toEqual([]);

    // Down to exactly what is committed is allowed: nothing remains.
    const exact = await as<EnvelopeView>('admin1', 'PATCH', `/budgets/envelopes/${id}`, {
      allocated: 10_000,
      reason: '压减预算',
    });
    expect(exact.status).toBe(200);
    expect(exact.body).toMatchObject({ allocated: 10_000, reserved: 5000, paid: 5000, remaining: 0 });
  });

  it('refuses malformed envelopes with 400 naming the field and the allowed funding sources', async () => {
    const before = await storedCounts();
    const base = { program: 'hardship-aid', year: YEAR + 1, fundingSource: 'donations', allocated: 1000 };
    const source = await as<ErrorBody>('admin1', 'POST', '/budgets/envelopes', { ...base, fundingSource: 'lottery' });
    expect(source.status).toBe(400);
    expect(source.body.message).toContain(
      'fundingSource must be one of central_special, city_finance, union_funds, donations',
    );
    for (const [field, body] of [
      ['year', { ...base, year: 1999 }],
      ['year', { ...base, year: 2101 }],
      ['allocated', { ...base, allocated: -1 }],
      ['allocated', { ...base, allocated: 10.005 }],
    ] as const) {
      const res = await as<ErrorBody>('admin1', 'POST', '/budgets/envelopes', body);
      expect({ field, status: res.status, named: res.body.message.includes(field) }).toEqual({
        field,
        status: 400,
        named: true,
      });
    }
    const program = await as<ErrorBody>('admin1', 'POST', '/budgets/envelopes', {
      ...base,
      program: 'no-such-program',
    });
    expect(program.status).toBe(404);
    expect(program.body).toMatchObject({ code: 'PROGRAM_NOT_FOUND' });
    expect(program.body.message).toContain('no-such-program');
    const reason = await as<ErrorBody>(
      'admin1',
      'PATCH',
      `/budgets/envelopes/${(await envelopeRows()).city_finance.id}`,
      {
        allocated: 1000,
      },
    );
    expect(reason.status).toBe(400);
    expect(reason.body.message).toContain('reason');
    expect(await storedCounts()).toEqual(before);
  });

  it('lets only administrators change envelopes (403 for applicants and auditors) and only admins and auditors read changes', async () => {
    const before = await storedCounts();
    const { id } = (await envelopeRows()).city_finance;
    const create = await as<ErrorBody>('applicant1', 'POST', '/budgets/envelopes', {
      program: 'hardship-aid',
      year: YEAR + 1,
      fundingSource: 'donations',
      allocated: 1000,
    });
    expect({ status: create.status, code: create.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    for (const username of ['applicant1', 'auditor1', 'approver-city']) {
      const res = await as<ErrorBody>(username, 'PATCH', `/budgets/envelopes/${id}`, { allocated: 1, reason: 'x' });
      expect({ username, status: res.status }).toEqual({ username, status: 403 });
    }
    const changes = await as<ErrorBody>('applicant1', 'GET', `/budgets/envelopes/${id}/changes`);
    expect(changes.status).toBe(403);
    const missing = await as<ErrorBody>(
      'admin1',
      'GET',
      '/budgets/envelopes/00000000-0000-4000-8000-000000000000/changes',
    );
    expect(missing.status).toBe(404);
    expect((await envelopeRows()).city_finance.allocated).toBe(134_960);
    expect(await storedCounts()).toEqual(before);
  });
});
