import { httpClient } from '../support/http-client';
import { NOTICE_NATIONAL_ID, startNoticeCase } from '../support/notice-cases';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * Public notice (公示) over HTTP: the masked public list, objections by any signed-in user, and their review by the
 * city-level approvers (or an administrator). The cases are started with a notice directly (test/support/notice-cases).
 */

let stack: TestStack;
const client = httpClient(() => stack.baseUrl!);

beforeAll(async () => {
  stack = await startTestStack({ http: true });
});

afterAll(async () => {
  await stack?.stop();
});

interface ErrorBody {
  code: string;
  message: string;
}

interface NoticeView {
  applicationId: string;
  applicantName: string;
  nationalId: string | null;
  programCode: string;
  amount: number;
  status: string;
  closesAt: string;
  objectionCount: number;
}

async function as(username: string, method: string, path: string, body?: unknown) {
  return client.request(method, path, { token: await client.login(username), body });
}

async function caseStatus(id: string): Promise<string> {
  const [row] = await stack.sql<{ status: string }>('SELECT status FROM applications WHERE id = $1', [id]);
  return row.status;
}

describe('public notices over HTTP', () => {
  it('lists current notices to any signed-in user, masked, and nobody else', async () => {
    const id = await startNoticeCase(stack, { workingDays: 5 });
    expect((await client.request('GET', '/public-notices')).status).toBe(401);

    const res = await client.request<NoticeView[]>('GET', '/public-notices', {
      token: await client.login('auditor1'),
    });
    expect(res.status).toBe(200);
    const notice = res.body.find((n) => n.applicationId === id);
    expect(notice).toMatchObject({
      applicantName: '王**',
      nationalId: '110***********1234',
      programCode: 'hardship-aid',
      amount: 5000,
      status: 'open',
      objectionCount: 0,
    });
    expect(Date.parse(notice!.closesAt)).toBeGreaterThan(Date.now());
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('王建国');
    expect(text).not.toContain(NOTICE_NATIONAL_ID);

    const applicant = await as('applicant2', 'GET', '/public-notices');
    expect(applicant.status).toBe(200);
  });

  it('takes an objection (201), refuses a second by the same user (409), a bad reason (400) and auditors (403)', async () => {
    const id = await startNoticeCase(stack, { workingDays: 5 });
    const short = await as('applicant2', 'POST', `/public-notices/${id}/objections`, { reason: '不对' });
    expect(short.status).toBe(400);
    expect(short.body as unknown as ErrorBody).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((short.body as unknown as ErrorBody).message).toMatch(/reason must be 5 to 2000 characters/);
    const auditor = await as('auditor1', 'POST', `/public-notices/${id}/objections`, { reason: '审计认为应当复核' });
    expect(auditor.status).toBe(403);
    const missing = await as('applicant2', 'POST', `/public-notices/${id}/objections`, {});
    expect(missing.status).toBe(400);
    expect((missing.body as unknown as ErrorBody).message).toMatch(/reason/);

    const lodged = await as('applicant2', 'POST', `/public-notices/${id}/objections`, {
      reason: '申请人家中有出租商铺收入未申报',
    });
    expect(lodged.status).toBe(201);
    expect(lodged.body).toMatchObject({ applicationId: id, status: 'open', reason: '申请人家中有出租商铺收入未申报' });
    expect(await caseStatus(id)).toBe('under_review');

    const again = await as('applicant2', 'POST', `/public-notices/${id}/objections`, { reason: '再次提出同样的异议' });
    expect(again.status).toBe(409);
    expect(again.body as unknown as ErrorBody).toMatchObject({ code: 'OBJECTION_ALREADY_LODGED' });

    const listed = await as('auditor1', 'GET', '/public-notices');
    expect((listed.body as unknown as NoticeView[]).find((n) => n.applicationId === id)).toMatchObject({
      status: 'under_review',
      objectionCount: 1,
    });
  });

  it('lets only reviewers review: auditor 403, another approver 403, the city approver upholds (rejected)', async () => {
    const id = await startNoticeCase(stack, { workingDays: 5 });
    await as('approver-d-west', 'POST', `/public-notices/${id}/objections`, { reason: '该户收入申报与实际不符' });
    const review = { outcome: 'uphold', comment: '经核查属实' };

    const auditor = await as('auditor1', 'POST', `/applications/${id}/objection-review`, review);
    expect(auditor.status).toBe(403);
    const other = await as('approver-g-east-1', 'POST', `/applications/${id}/objection-review`, review);
    expect(other.status).toBe(403);
    expect(other.body as unknown as ErrorBody).toMatchObject({ code: 'NOT_OBJECTION_REVIEWER' });
    const badOutcome = await as('approver-city', 'POST', `/applications/${id}/objection-review`, {
      outcome: 'maybe',
      comment: 'x',
    });
    expect(badOutcome.status).toBe(400);

    const upheld = await as('approver-city', 'POST', `/applications/${id}/objection-review`, review);
    expect(upheld.status).toBe(200);
    expect(upheld.body).toMatchObject({
      applicationId: id,
      status: 'rejected',
      outcomeReason: 'Objection upheld: 经核查属实',
      notice: { status: 'upheld', objectionCount: 1 },
      objections: [{ status: 'upheld', reviewComment: '经核查属实' }],
    });
    const [reservation] = await stack.sql<{ status: string }>(
      'SELECT status FROM budget_reservations WHERE application_id = $1',
      [id],
    );
    expect(reservation.status).toBe('released');

    const late = await as('applicant3', 'POST', `/public-notices/${id}/objections`, { reason: '公示已结束后的异议' });
    expect(late.status).toBe(409);
    expect(late.body as unknown as ErrorBody).toMatchObject({ code: 'NOT_IN_PUBLIC_NOTICE' });
  });

  it('lets an administrator dismiss the objections; the case is then paid', async () => {
    const id = await startNoticeCase(stack, { workingDays: 5 });
    await as('applicant2', 'POST', `/public-notices/${id}/objections`, { reason: '怀疑收入申报不实，请核查' });
    const dismissed = await as('admin1', 'POST', `/applications/${id}/objection-review`, {
      outcome: 'dismiss',
      comment: '经核查无误',
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ notice: { status: 'cleared' }, objections: [{ status: 'dismissed' }] });
    await eventually(async () => ((await caseStatus(id)) === 'approved' ? true : undefined), 'the case to be paid');
    const [disbursement] = await stack.sql<{ status: string }>(
      'SELECT status FROM disbursements WHERE application_id = $1',
      [id],
    );
    expect(disbursement.status).toBe('paid');
  });
});
