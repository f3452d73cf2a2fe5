import { httpClient } from '../support/http-client';
import { daysAgo, programCases, tuition, tuitionFacts, year } from '../support/program-cases';
import type { CaseView, ErrorBody, Rule } from '../support/program-cases';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * Every program of DOMAIN.md over HTTP, under the seeded standards: listed with its facts, previewed rule by rule, and
 * submitted with the registry facts the system looks up (applicant1's household is filed, applicant2 is enrolled in
 * medical mutual aid, applicant3 is a provincial model worker: scripts/lib/seed-programs.ts), granted or refused by its
 * rules; malformed bodies are refused. No double aid, excluded programs and standards changed by an administrator are
 * in test/e2e/program-standards.e2e.test.ts. Each rule's pass and fail with DOMAIN.md's examples is in the policy specs
 * (workflows/policy/programs/*.spec.ts); here the wiring is under test.
 */

let stack: TestStack;
const client = httpClient(() => stack.baseUrl!);
const { submit, settled } = programCases(client);

beforeAll(async () => {
  stack = await startTestStack({ http: true });
});

afterAll(async () => {
  await stack?.stop();
});

describe('GET /programs', () => {
  it('lists the seven programs with their facts, categories, documents and the standard in force', async () => {
    const token = await client.login('applicant1');
    const { status, body } = await client.request<
      Array<{
        code: string;
        categories: string[];
        facts: Array<{ name: string }>;
        documentsRequired: string[];
        standardInForce: { policyVersion: string } | null;
      }>
    >('GET', '/programs', { token });
    expect(status).toBe(200);
    expect(body.map((p) => p.code).sort()).toEqual(
      expect.arrayContaining([
        'condolence',
        'emergency-relief',
        'hardship-aid',
        'medical-mutual-aid',
        'model-worker-funds',
        'tuition-grant',
        'union-subsidy',
      ]),
    );
    const grant = body.find((p) => p.code === 'tuition-grant')!;
    expect(grant.categories).toEqual(['university', 'high_school']);
    expect(grant.facts.map((f) => f.name)).toContain('schoolType');
    expect(grant.documentsRequired.length).toBeGreaterThan(0);
    expect(grant.standardInForce?.policyVersion).toBe('tuition-grant/2026.1');
  });

  it('answers 404 PROGRAM_NOT_FOUND naming the programs there are', async () => {
    const token = await client.login('applicant1');
    const { status, body } = await client.request<ErrorBody>('GET', '/programs/lottery', { token });
    expect(status).toBe(404);
    expect(body.code).toBe('PROGRAM_NOT_FOUND');
    expect(body.message).toContain('tuition-grant');
  });
});

describe('POST /programs/:code/preview', () => {
  it('tells a filed family what a university student gets, rule by rule, storing nothing', async () => {
    const token = await client.login('applicant1');
    const before = await stack.sql<{ n: number }>('SELECT count(*)::int AS n FROM applications');
    const { status, body } = await client.request<{
      eligible: boolean;
      grantedAmount: number;
      tier: string;
      rules: Rule[];
      documentsRequired: string[];
      blockedBy: unknown;
    }>('POST', '/programs/tuition-grant/preview', { token, body: tuitionFacts('PREVIEW-1') });
    expect(status).toBe(200);
    expect(body).toMatchObject({ eligible: true, grantedAmount: 5000, tier: 'filed', blockedBy: null });
    expect(body.rules.every((r) => r.passed)).toBe(true);
    expect(body.rules.map((r) => r.detail).join(' ')).toContain('HF-DEMO-000001');
    const after = await stack.sql<{ n: number }>('SELECT count(*)::int AS n FROM applications');
    expect(after[0].n).toBe(before[0].n);
  });

  it('names the rule that fails: a military academy is excluded', async () => {
    const token = await client.login('applicant1');
    const body = tuitionFacts('PREVIEW-2');
    const { status, body: preview } = await client.request<{ eligible: boolean; rules: Rule[] }>(
      'POST',
      '/programs/tuition-grant/preview',
      { token, body: { ...body, facts: { ...body.facts, schoolType: 'military_academy' } } },
    );
    expect(status).toBe(200);
    expect(preview.eligible).toBe(false);
    const failed = preview.rules.filter((r) => !r.passed);
    expect(failed.map((r) => r.detail).join(' ')).toMatch(/military/i);
  });

  it('refuses a fact that is not the program’s, and a missing one, naming both', async () => {
    const token = await client.login('applicant1');
    const { status, body } = await client.request<ErrorBody>('POST', '/programs/tuition-grant/preview', {
      token,
      body: { category: 'university', requestedAmount: 5000, facts: { schoolYear: '2026', colour: 'red' } },
    });
    expect(status).toBe(400);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toContain('facts.colour is not a fact of this program');
    expect(body.message).toContain('facts.studentRef is required');
  });
});

describe('submitting to each program', () => {
  it('tuition grant: a filed family’s university student is granted 5,000 CNY, pinned to the standard row', async () => {
    const { status, body } = await submit('applicant1', tuition('S-UNI-1'));
    expect(status).toBe(201);
    const view = await settled(body.id, 'applicant1');
    expect(view.status).toBe('pending_approval');
    expect(view.eligibility).toMatchObject({ eligible: true, tier: 'filed', policyVersion: 'tuition-grant/2026.1' });
    const [row] = await stack.sql<{ standard_id: string; policy_version: string; granted: string }>(
      `SELECT standard_id, policy_version, eligibility->>'grantedAmountFen' AS granted FROM applications WHERE id = $1`,
      [body.id],
    );
    expect(row).toMatchObject({ standard_id: view.eligibility!.standardId, granted: '500000' });
  });

  it('model-worker funds: a provincial model worker’s festival payment is 1,500 CNY; a non-model worker is refused', async () => {
    const festival = { program: 'model-worker-funds', category: 'festival', requestedAmount: 3000, facts: {} };
    const ok = await submit('applicant3', festival);
    expect(ok.status).toBe(201);
    const view = await settled(ok.body.id, 'applicant3');
    expect(view.eligibility).toMatchObject({ eligible: true, tier: 'provincial' });
    const [row] = await stack.sql<{ granted: string }>(
      `SELECT eligibility->>'grantedAmountFen' AS granted FROM applications WHERE id = $1`,
      [ok.body.id],
    );
    expect(row.granted).toBe('150000');

    const refused = await submit('applicant2', festival);
    expect(refused.status).toBe(201);
    const refusedView = await settled(refused.body.id, 'applicant2');
    expect(refusedView.status).toBe('refused');
    expect(refusedView.outcomeReason).toMatch(/model-worker registry/i);
  });

  it('medical mutual aid: 70 % of self-paid costs after the waiting period; refused inside it', async () => {
    const claim = (admissionDate: string) => ({
      program: 'medical-mutual-aid',
      category: 'hospitalisation',
      requestedAmount: 10000,
      facts: { admissionDate, selfPaidHospitalCosts: 12000 },
    });
    const ok = await submit('applicant2', claim(`${year}-06-01`));
    expect(ok.status).toBe(201);
    expect((await settled(ok.body.id, 'applicant2')).status).toBe('pending_approval');
    const [row] = await stack.sql<{ granted: string; enrolment: string }>(
      `SELECT eligibility->>'grantedAmountFen' AS granted, facts->'verified'->'medicalEnrolment'->>'enrolledOn' AS enrolment
       FROM applications WHERE id = $1`,
      [ok.body.id],
    );
    expect(row).toEqual({ granted: '840000', enrolment: `${year}-01-02` });

    const early = await submit('applicant2', claim(`${year}-02-01`));
    const view = await settled(early.body.id, 'applicant2');
    expect(view.status).toBe('refused');
    expect(view.outcomeReason).toMatch(/waiting period/);
  });

  it('medical mutual aid: claims filed at once never pass the per-person cap across claims', async () => {
    const claims = Array.from({ length: 7 }, (_, i) => ({
      program: 'medical-mutual-aid',
      category: 'serious_illness',
      requestedAmount: 10000,
      facts: { admissionDate: `${year}-07-${String(10 + i).padStart(2, '0')}`, illnessSeverity: 'severe' },
    }));
    const answers = await Promise.all(claims.map((c) => submit('applicant2', c)));
    // Claims assessed against a figure another claim changed meanwhile are refused, to be filed again.
    const retry = claims.filter((_, i) => answers[i].status !== 201);
    for (const [i, a] of answers.entries()) {
      if (a.status !== 201) expect([i, a.status, a.body.code]).toEqual([i, 409, 'ACTION_IN_PROGRESS']);
    }
    for (const claim of retry) expect((await submit('applicant2', claim)).status).toBe(201);
    const [held] = await stack.sql<{ total: string }>(
      `SELECT sum((eligibility->>'grantedAmountFen')::bigint) AS total FROM applications
       WHERE program_code = 'medical-mutual-aid' AND applicant_user_id = (SELECT id FROM users WHERE username = 'applicant2')
         AND status NOT IN ('refused', 'rejected', 'withdrawn', 'budget_exhausted')`,
    );
    const total = await eventually(async () => {
      const [row] = await stack.sql<{ total: string; pending: number }>(
        `SELECT sum((eligibility->>'grantedAmountFen')::bigint) FILTER (WHERE status <> 'refused') AS total,
                count(*) FILTER (WHERE status = 'submitted')::int AS pending
         FROM applications WHERE program_code = 'medical-mutual-aid'
           AND applicant_user_id = (SELECT id FROM users WHERE username = 'applicant2')`,
      );
      return row.pending === 0 ? Number(row.total) : undefined;
    }, 'every claim assessed');
    expect(Number(held.total)).toBeLessThanOrEqual(5_000_000);
    expect(total).toBeLessThanOrEqual(5_000_000); // 50,000 CNY per person across claims
    expect(total).toBeGreaterThanOrEqual(4_000_000); // the cap was used, not refused wholesale
  });

  it('emergency relief: capped at 20,000 CNY for a recent event, also for a worker without a file', async () => {
    const { status, body } = await submit('applicant2', {
      program: 'emergency-relief',
      category: 'serious_illness',
      requestedAmount: 30000,
      facts: { eventDate: daysAgo(10), selfPaidCosts: 45000 },
    });
    expect(status).toBe(201);
    const view = await settled(body.id, 'applicant2');
    expect(view.status).toBe('pending_approval');
    const [row] = await stack.sql<{ granted: string }>(
      `SELECT eligibility->>'grantedAmountFen' AS granted FROM applications WHERE id = $1`,
      [body.id],
    );
    expect(row.granted).toBe('2000000');
  });

  it('condolence: 2,000 CNY to the family with a duty certificate, approved through every level and paid once', async () => {
    const { status, body } = await submit('applicant1', {
      program: 'condolence',
      category: 'killed_on_duty',
      requestedAmount: 2000,
      facts: { dutyCertificateNo: 'GA-2026-0815', eventDate: daysAgo(30), occupation: 'police' },
    });
    expect(status).toBe(201);
    await settled(body.id, 'applicant1');
    for (const approver of ['approver-g-east-1', 'approver-d-east', 'approver-city']) {
      const token = await client.login(approver);
      const decided = await client.request<CaseView>('POST', `/applications/${body.id}/decisions`, {
        token,
        body: { decision: 'approve', comment: '证明齐全' },
      });
      expect(decided.status).toBe(200);
    }
    const paid = await eventually(async () => {
      const rows = await stack.sql<{ status: string; amount_fen: string }>(
        `SELECT status, amount_fen FROM disbursements WHERE application_id = $1`,
        [body.id],
      );
      return rows[0]?.status === 'paid' ? rows[0] : undefined;
    }, 'the condolence payment');
    expect(paid.amount_fen).toBe('200000');
    expect(stack.bank.payments.filter((p) => p.applicationId === body.id).map((p) => p.amountFen)).toEqual([200000]);

    // An auditor re-derives the condolence decision from the ledger and the pinned standard: all matching.
    const auditor = await client.login('auditor1');
    const rederived = await client.request<{
      matches: boolean;
      policyVersion: string;
      checks: Array<{ subject: string; matches: boolean }>;
      problems: string[];
    }>('GET', `/audit/applications/${body.id}/rederivation`, { token: auditor });
    expect(rederived.status).toBe(200);
    expect(rederived.body).toMatchObject({ matches: true, problems: [], policyVersion: 'condolence/2026.1' });
    expect(rederived.body.checks.map((c) => c.subject)).toEqual(
      expect.arrayContaining(['eligibility.eligible', 'amount.grantedAmountFen', 'budget.reservedAmountFen']),
    );
    // Doctoring the recorded facts is caught: the certificate gone, the rules now refuse.
    await stack.sql(`UPDATE applications SET facts = jsonb_set(facts, '{dutyCertificateNo}', '"X"') WHERE id = $1`, [
      body.id,
    ]);
    const doctored = await client.request<{ matches: boolean; checks: Array<{ subject: string; matches: boolean }> }>(
      'GET',
      `/audit/applications/${body.id}/rederivation`,
      { token: auditor },
    );
    expect(doctored.body.matches).toBe(false);
    expect(doctored.body.checks.find((c) => c.subject === 'projection.facts')?.matches).toBe(false);
  });

  it('union subsidy: a grassroots officer files for the union; the district reviews; an applicant may not file it', async () => {
    const subsidy = {
      program: 'union-subsidy',
      category: 'standardisation',
      requestedAmount: 5000,
      facts: { assessmentScore: 86, memberCount: 120, usagePlan: '职工书屋与文体活动' },
    };
    const ok = await submit('approver-g-east-2', subsidy);
    expect(ok.status).toBe(201);
    const view = await settled(ok.body.id, 'approver-g-east-2');
    expect(view.status).toBe('pending_approval');
    const [task] = await stack.sql<{ level_name: string }>(
      `SELECT level_name FROM approval_tasks WHERE application_id = $1 AND status = 'open'`,
      [ok.body.id],
    );
    expect(task.level_name).toBe('district');
    const [row] = await stack.sql<{ granted: string }>(
      `SELECT eligibility->>'grantedAmountFen' AS granted FROM applications WHERE id = $1`,
      [ok.body.id],
    );
    expect(row.granted).toBe('240000'); // 120 members x 20 CNY, under the 30,000 cap

    const applicant = await submit('applicant1', subsidy);
    expect(applicant.status).toBe(403);

    // Returned by the district, the union's officer (an approver) answers it as its applicant.
    const district = await client.login('approver-d-east');
    expect(
      (
        await client.request('POST', `/applications/${ok.body.id}/return`, {
          token: district,
          body: { comment: '请补充达标考核表' },
        })
      ).status,
    ).toBe(200);
    const officer = await client.login('approver-g-east-2');
    const resubmitted = await client.request<CaseView>('POST', `/applications/${ok.body.id}/resubmit`, {
      token: officer,
      body: { category: 'standardisation', requestedAmount: 5000, facts: { ...subsidy.facts, assessmentScore: 88 } },
    });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.status).toBe('pending_approval');
    const stranger = await client.request<ErrorBody>('POST', `/applications/${ok.body.id}/withdraw`, {
      token: await client.login('approver-g-east-1'),
      body: {},
    });
    expect(stranger.status).toBe(403);
  });

  it('answers a body that is not JSON with 400 and one over the size limit with 413, never 500', async () => {
    const token = await client.login('applicant1');
    const broken = await fetch(`${stack.baseUrl!}/programs/tuition-grant/preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"category": ',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as ErrorBody).code).toBe('VALIDATION_FAILED');
    const huge = await client.request<ErrorBody>('POST', '/programs/tuition-grant/preview', {
      token,
      body: { ...tuitionFacts('S-HUGE'), padding: 'x'.repeat(2_000_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a category the program does not have, and an unknown program', async () => {
    const wrong = await submit('applicant1', { ...tuition('S-X'), category: 'kindergarten' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toContain('category must be one of university, high_school');
    const unknown = await submit('applicant1', { ...tuition('S-Y'), program: 'lottery' });
    expect(unknown.status).toBe(404);
  });
});
