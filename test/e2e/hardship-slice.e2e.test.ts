import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';
import { httpClient } from '../support/http-client';

/**
 * The foundation slice over HTTP: the Nest API -> Temporal (real dev server) -> worker with real activities ->
 * PostgreSQL -> SMTP. Everything an applicant, three approvers and an auditor do through the API.
 */

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ http: true });
});

afterAll(async () => {
  await stack?.stop();
});

const client = httpClient(() => stack.baseUrl!);
const http = client.request;
const login = client.login;

const application = {
  program: 'hardship-aid',
  category: 'living',
  requestedAmount: 5000,
  household: { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 },
  nationalId: '110101199003074514',
};

describe('hardship aid over HTTP, end to end', () => {
  it('takes an application through three levels to approval, with tasks, trail, budget and email', async () => {
    const applicant = await login('applicant1');
    const created = await http<{ id: string; status: string; nationalId: string; eligibility: { tier: string } }>(
      'POST',
      '/applications',
      { token: applicant, body: application, headers: { 'Idempotency-Key': 'e2e-approve-1' } },
    );
    expect(created.status).toBe(201);
    expect(created.body.eligibility.tier).toBe('deep');
    expect(created.body.nationalId).toBe('110***********4514');
    const id = created.body.id;

    const replay = await http<{ id: string; replayed: boolean }>('POST', '/applications', {
      token: applicant,
      body: application,
      headers: { 'Idempotency-Key': 'e2e-approve-1' },
    });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ id, replayed: true });

    for (const [username, level] of [
      ['approver-g-east-1', 1],
      ['approver-d-east', 2],
      ['approver-city', 3],
    ] as const) {
      const token = await login(username);
      const tasks = await eventually(async () => {
        const res = await http<Array<{ applicationId: string; level: number; applicant: string }>>('GET', '/tasks', {
          token,
        });
        expect(res.status).toBe(200);
        const mine = res.body.filter((t) => t.applicationId === id);
        return mine.length ? mine : undefined;
      }, `${username}'s task`);
      expect(tasks).toEqual([expect.objectContaining({ level, applicant: '王**' })]);
      const decided = await http<{ status: string; currentLevel: number | null }>(
        'POST',
        `/applications/${id}/decisions`,
        {
          token,
          body: { decision: 'approve', comment: `同意 (level ${level})` },
        },
      );
      expect(decided.status).toBe(200);
    }

    const auditor = await login('auditor1');
    const final = await http<{
      status: string;
      grantedAmount: number;
      decisions: Array<{ level: number; decision: string; comment: string }>;
      nationalId: string;
    }>('GET', `/applications/${id}`, { token: auditor });
    expect(final.status).toBe(200);
    expect(final.body.status).toBe('approved');
    expect(final.body.grantedAmount).toBe(5000);
    expect(final.body.nationalId).toBe('110***********4514');
    expect(final.body.decisions.map((d) => [d.level, d.decision, d.comment])).toEqual([
      [1, 'approve', '同意 (level 1)'],
      [2, 'approve', '同意 (level 2)'],
      [3, 'approve', '同意 (level 3)'],
    ]);

    const [reservation] = await stack.sql<{ amount_fen: string }>(
      'SELECT amount_fen FROM budget_reservations WHERE application_id = $1',
      [id],
    );
    expect(reservation?.amount_fen).toBe('500000');
    const mail = await stack.mail.waitFor(
      (m) => m.to.includes('applicant1@aidflow.local') && m.subject.includes('已批准'),
    );
    expect(mail.subject).toContain('Approved');
    expect(mail.text).toContain(`/applications/${id}`);
    const taskMails = stack.mail.messages.filter(
      (m) => m.subject.includes('[待审批]') && m.text.includes(id.slice(0, 8)),
    );
    expect(taskMails.map((m) => m.to[0]).sort()).toEqual([
      'approver-city@aidflow.local',
      'approver-d-east@aidflow.local',
      'approver-g-east-1@aidflow.local',
    ]);
  });

  it('answers a wrong approver with 403 and a duplicate decision with 409, naming the problem', async () => {
    const applicant = await login('applicant1');
    const { body } = await http<{ id: string }>('POST', '/applications', {
      token: applicant,
      body: application,
      headers: { 'Idempotency-Key': 'e2e-conflict-1' },
    });
    const id = body.id;
    await eventually(async () => {
      const rows = await stack.sql('SELECT 1 FROM approval_tasks WHERE application_id = $1', [id]);
      return rows.length ? true : undefined;
    }, 'level 1 task');

    const district = await login('approver-d-east');
    const early = await http<{ code: string; message: string }>('POST', `/applications/${id}/decisions`, {
      token: district,
      body: { decision: 'approve' },
    });
    expect(early.status).toBe(403);
    expect(early.body.code).toBe('NOT_APPROVER_OF_CURRENT_LEVEL');
    expect(early.body.message).toContain('level 1');

    const otherBranch = await login('approver-g-west-1');
    const foreign = await http<{ code: string }>('POST', `/applications/${id}/decisions`, {
      token: otherBranch,
      body: { decision: 'approve' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('FORBIDDEN');

    const grassroots = await login('approver-g-east-1');
    const first = await http('POST', `/applications/${id}/decisions`, {
      token: grassroots,
      body: { decision: 'approve' },
    });
    expect(first.status).toBe(200);
    const second = await http<{ code: string; message: string }>('POST', `/applications/${id}/decisions`, {
      token: grassroots,
      body: { decision: 'approve' },
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'LEVEL_ALREADY_DECIDED' });
    expect(second.body.message).toContain('level 1');

    const refused = await stack.sql<{ code: string }>(
      'SELECT code FROM rejected_attempts WHERE application_id = $1 ORDER BY created_at',
      [id],
    );
    expect(refused.map((r) => r.code)).toEqual(['NOT_APPROVER_OF_CURRENT_LEVEL', 'FORBIDDEN', 'LEVEL_ALREADY_DECIDED']);
  });

  it('rejects bad input with 400 naming the field, and stores nothing', async () => {
    const applicant = await login('applicant1');
    const before = await stack.sql<{ n: string }>('SELECT count(*) AS n FROM applications');

    const noKey = await http<{ code: string; message: string }>('POST', '/applications', {
      token: applicant,
      body: application,
    });
    expect(noKey.status).toBe(400);
    expect(noKey.body.message).toContain('Idempotency-Key');

    const badSize = await http<{ code: string; message: string }>('POST', '/applications', {
      token: applicant,
      body: { ...application, household: { ...application.household, householdSize: 0 } },
      headers: { 'Idempotency-Key': 'e2e-bad-1' },
    });
    expect(badSize.status).toBe(400);
    expect(badSize.body.code).toBe('VALIDATION_FAILED');
    expect(badSize.body.message).toContain('household.householdSize');

    const unknownField = await http<{ message: string }>('POST', '/applications', {
      token: applicant,
      body: { ...application, bonus: 1 },
      headers: { 'Idempotency-Key': 'e2e-bad-2' },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.message).toContain('property bonus should not exist');

    const badCategory = await http<{ message: string }>('POST', '/applications', {
      token: applicant,
      body: { ...application, category: 'holiday' },
      headers: { 'Idempotency-Key': 'e2e-bad-3' },
    });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.message).toContain('category must be one of living, medical, education');

    const after = await stack.sql<{ n: string }>('SELECT count(*) AS n FROM applications');
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses an ineligible application with the reason, visible to the applicant', async () => {
    const applicant = await login('applicant1');
    const created = await http<{ id: string; eligibility: { eligible: boolean; reasons: string[] } }>(
      'POST',
      '/applications',
      {
        token: applicant,
        body: { ...application, household: { householdSize: 1, annualIncome: 200000 } },
        headers: { 'Idempotency-Key': 'e2e-ineligible-1' },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.eligibility.eligible).toBe(false);
    const refused = await eventually(async () => {
      const res = await http<{ status: string; outcomeReason: string }>('GET', `/applications/${created.body.id}`, {
        token: applicant,
      });
      return res.body.status === 'refused' ? res.body : undefined;
    }, 'refusal');
    expect(refused.outcomeReason).toContain('none of the three hardship tiers');
  });

  it('checks the role and the object on every endpoint', async () => {
    const noToken = await http<{ code: string }>('GET', '/tasks');
    expect(noToken.status).toBe(401);
    expect(noToken.body.code).toBe('UNAUTHENTICATED');

    const badLogin = await http<{ code: string }>('POST', '/auth/login', {
      body: { username: 'applicant1', password: 'nope' },
    });
    expect(badLogin.status).toBe(401);
    expect(badLogin.body.code).toBe('INVALID_CREDENTIALS');

    const applicant = await login('applicant1');
    const { body } = await http<{ id: string }>('POST', '/applications', {
      token: applicant,
      body: application,
      headers: { 'Idempotency-Key': 'e2e-access-1' },
    });

    const someoneElse = await http<{ code: string }>('GET', `/applications/${body.id}`, {
      token: await login('applicant2'),
    });
    expect(someoneElse.status).toBe(403);
    const otherBranch = await http('GET', `/applications/${body.id}`, { token: await login('approver-d-west') });
    expect(otherBranch.status).toBe(403);
    const ownBranch = await http('GET', `/applications/${body.id}`, { token: await login('approver-d-east') });
    expect(ownBranch.status).toBe(200);
    const admin = await http('GET', `/applications/${body.id}`, { token: await login('admin1') });
    expect(admin.status).toBe(200);

    const auditorDecides = await http<{ code: string }>('POST', `/applications/${body.id}/decisions`, {
      token: await login('auditor1'),
      body: { decision: 'approve' },
    });
    expect(auditorDecides.status).toBe(403);
    const applicantTasks = await http('GET', '/tasks', { token: applicant });
    expect(applicantTasks.status).toBe(403);
    const approverSubmits = await http('POST', '/applications', {
      token: await login('approver-g-east-1'),
      body: application,
      headers: { 'Idempotency-Key': 'e2e-access-2' },
    });
    expect(approverSubmits.status).toBe(403);
    const unknown = await http<{ code: string }>('GET', '/applications/00000000-0000-4000-8000-000000000000', {
      token: applicant,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('APPLICATION_NOT_FOUND');
  });

  it('serves OpenAPI docs describing the endpoints', async () => {
    const doc = await http<{ paths: Record<string, unknown> }>('GET', '/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/auth/login',
        '/applications',
        '/applications/{id}',
        '/applications/{id}/decisions',
        '/tasks',
      ]),
    );
    const page = await fetch(`${stack.baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
  });
});
