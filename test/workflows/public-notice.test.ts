import { Client } from '@temporalio/client';
import { ApplicationsService, PublicNoticeService } from '../../libs/applications/src';
import { ApplicationException, ErrorCode } from '../../libs/common/src';
import { applicationWorkflowId } from '../../libs/temporal/src';
import { ERROR_STATUS } from '../../apps/api/src/common/error-status';
import type { ApplicationOutcome } from '@aidflow/workflows/types';
import { ELIGIBLE_HARDSHIP } from '../support/hardship-commands';
import { startNoticeCase } from '../support/notice-cases';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

let stack: TestStack;
let notices: PublicNoticeService;

beforeAll(async () => {
  stack = await startTestStack();
  notices = stack.services.get(PublicNoticeService);
});

afterAll(async () => {
  await stack?.stop();
});

const as = (username: string) => stack.principal(username);

async function outcomeOf(id: string): Promise<ApplicationOutcome> {
  return stack.services
    .get(Client)
    .workflow.getHandle(applicationWorkflowId(id))
    .result() as Promise<ApplicationOutcome>;
}

async function statusOf(id: string): Promise<string> {
  const [row] = await stack.sql<{ status: string }>('SELECT status FROM applications WHERE id = $1', [id]);
  return row.status;
}

async function envelopesReservedFen(): Promise<number> {
  const [row] = await stack.sql<{ reserved: string }>(
    `SELECT coalesce(sum(reserved_fen), 0)::bigint AS reserved FROM budget_envelopes e
     JOIN programs p ON p.id = e.program_id WHERE p.code = 'hardship-aid' AND e.year = 2026`,
  );
  return Number(row.reserved);
}

async function money(id: string) {
  const [reservation] = await stack.sql<{ status: string }>(
    'SELECT status FROM budget_reservations WHERE application_id = $1',
    [id],
  );
  const disbursements = await stack.sql<{ id: string; status: string }>(
    'SELECT id, status FROM disbursements WHERE application_id = $1',
    [id],
  );
  const ledger = await stack.sql<{ kind: string }>(
    'SELECT kind FROM ledger_entries WHERE application_id = $1 ORDER BY case_seq',
    [id],
  );
  return { reservation: reservation?.status, disbursements, kinds: ledger.map((l) => l.kind) };
}

async function refusal(promise: Promise<unknown>): Promise<ApplicationException> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ApplicationException);
  return error as ApplicationException;
}

const listed = async (id: string) => (await notices.listCurrent()).find((n) => n.applicationId === id);

describe('public notice (公示) before payment', () => {
  it('lists the case while the window is open, then pays it once after the window closes clean', async () => {
    const id = await startNoticeCase(stack, { seconds: 3 });
    expect(await statusOf(id)).toBe('in_notice');
    const notice = await listed(id);
    expect(notice).toMatchObject({
      status: 'open',
      applicantNameMasked: '王**',
      objectionCount: 0,
      amountFen: 500_000,
    });
    expect(notice!.nationalIdMasked).toBe('110***********1234');
    expect((await money(id)).disbursements).toHaveLength(0); // payment waits for the notice

    const outcome = await outcomeOf(id);
    expect(outcome.status).toBe('approved');
    const { reservation, disbursements, kinds } = await money(id);
    expect(disbursements).toHaveLength(1);
    expect(disbursements[0].status).toBe('paid');
    expect(stack.bank.paymentsFor(disbursements[0].id)).toHaveLength(1);
    expect(reservation).toBe('committed');
    expect(kinds).toEqual(expect.arrayContaining(['notice_opened', 'notice_closed', 'payment_recorded']));
    expect(kinds.indexOf('notice_closed')).toBeLessThan(kinds.indexOf('disbursement_recorded'));
    const [row] = await stack.sql<{ status: string }>('SELECT status FROM public_notices WHERE application_id = $1', [
      id,
    ]);
    expect(row.status).toBe('closed_clean');
    expect(await listed(id)).toBeUndefined();
  });

  it('puts an objected case under review; an upheld objection releases the money and rejects the case', async () => {
    const id = await startNoticeCase(stack, { workingDays: 5 });
    const reservedWithCase = await envelopesReservedFen();
    const objection = await notices.lodgeObjection(await as('applicant2'), id, '申请人家中有出租商铺收入未申报');
    expect(objection).toMatchObject({ applicationId: id, status: 'open' });
    expect(await statusOf(id)).toBe('under_review');
    expect(await listed(id)).toMatchObject({ status: 'under_review', objectionCount: 1 });
    const [task] = await stack.sql<{ assignee_ids: string[]; status: string }>(
      `SELECT assignee_ids, status FROM approval_tasks WHERE application_id = $1 AND level = 90`,
      [id],
    );
    expect(task).toEqual({ assignee_ids: [(await as('approver-city')).userId], status: 'open' });
    await stack.mail.waitFor((m) => m.to.includes('approver-city@aidflow.local') && m.subject.includes('公示异议'));

    const result = await notices.reviewObjections(await as('approver-city'), id, {
      outcome: 'uphold',
      comment: '经核查属实',
    });
    expect(result.status).toBe('rejected');
    expect(result.objections.map((o) => o.status)).toEqual(['upheld']);
    const outcome = await outcomeOf(id);
    expect(outcome).toEqual({ status: 'rejected', grantedAmountFen: 0, reason: 'Objection upheld: 经核查属实' });
    const { reservation, disbursements, kinds } = await money(id);
    expect(reservation).toBe('released');
    expect(disbursements).toHaveLength(0);
    expect(await envelopesReservedFen()).toBe(reservedWithCase - 500_000);
    expect(kinds).toEqual(
      expect.arrayContaining(['objection_lodged', 'objection_reviewed', 'budget_released', 'notice_closed']),
    );
    expect(await listed(id)).toBeUndefined();
  });

  it('pays at once when the review dismisses the objection, before the window would close', async () => {
    const id = await startNoticeCase(stack, { workingDays: 5 });
    await notices.lodgeObjection(await as('applicant2'), id, '怀疑收入申报不实，请核查');
    await notices.reviewObjections(await as('approver-city'), id, { outcome: 'dismiss', comment: '经核查无误' });
    expect((await outcomeOf(id)).status).toBe('approved');
    const { reservation, disbursements } = await money(id);
    expect(reservation).toBe('committed');
    expect(disbursements.map((d) => d.status)).toEqual(['paid']);
    expect(stack.bank.paymentsFor(disbursements[0].id)).toHaveLength(1);
    const [row] = await stack.sql<{ status: string }>('SELECT status FROM public_notices WHERE application_id = $1', [
      id,
    ]);
    expect(row.status).toBe('cleared');
  });

  it('releases the money when the applicant withdraws during the notice', async () => {
    const id = await startNoticeCase(stack, { workingDays: 5 });
    const reservedWithCase = await envelopesReservedFen();
    await stack.services.get(ApplicationsService).withdraw(await as('applicant1'), id, '已获得其他帮助');
    const outcome = await outcomeOf(id);
    expect(outcome.status).toBe('withdrawn');
    const { reservation, disbursements, kinds } = await money(id);
    expect(reservation).toBe('released');
    expect(disbursements).toHaveLength(0);
    expect(kinds).toContain('budget_released');
    expect(await envelopesReservedFen()).toBe(reservedWithCase - 500_000);
    expect(await listed(id)).toBeUndefined();
  });

  it('takes objections from users of other branches, once per user, and only reviewers may review', async () => {
    const id = await startNoticeCase(stack, { workingDays: 5 });
    await notices.lodgeObjection(await as('applicant2'), id, '第一条异议：收入不实');
    const twice = await refusal(notices.lodgeObjection(await as('applicant2'), id, '第二次提出同一异议'));
    expect(twice.code).toBe(ErrorCode.ObjectionAlreadyLodged);
    // A second user, of another branch (West), may object too.
    const second = await notices.lodgeObjection(await as('approver-d-west'), id, '另一位职工反映情况不实');
    expect(second.status).toBe('open');
    expect(await listed(id)).toMatchObject({ objectionCount: 2 });
    const own = await refusal(notices.lodgeObjection(await as('applicant1'), id, '我反对我自己的申请'));
    expect(own.code).toBe(ErrorCode.ActionInvalid);
    const short = await refusal(notices.lodgeObjection(await as('applicant3'), id, '不对'));
    expect(short.code).toBe(ErrorCode.ActionInvalid);
    expect(short.message).toMatch(/reason must be 5 to 2000 characters/);

    const notReviewer = await refusal(
      notices.reviewObjections(await as('approver-g-east-1'), id, { outcome: 'dismiss', comment: '无问题' }),
    );
    expect(notReviewer.code).toBe(ErrorCode.NotObjectionReviewer);
    const auditor = await refusal(
      notices.reviewObjections(await as('auditor1'), id, { outcome: 'dismiss', comment: '无问题' }),
    );
    expect(auditor.code).toBe(ErrorCode.Forbidden);
    const attempts = await stack.sql<{ code: string }>(
      `SELECT code FROM rejected_attempts WHERE application_id = $1 ORDER BY created_at`,
      [id],
    );
    expect(attempts.map((a) => a.code)).toEqual(
      expect.arrayContaining([ErrorCode.ObjectionAlreadyLodged, ErrorCode.NotObjectionReviewer, ErrorCode.Forbidden]),
    );

    const result = await notices.reviewObjections(await as('approver-city'), id, {
      outcome: 'dismiss',
      comment: '经核查均不属实',
    });
    expect(result.objections.map((o) => o.status)).toEqual(['dismissed', 'dismissed']);
    expect((await outcomeOf(id)).status).toBe('approved');
    const late = await refusal(notices.lodgeObjection(await as('applicant3'), id, '公示结束后才提出的异议'));
    expect(late.code).toBe(ErrorCode.NotInPublicNotice);
  });

  it('refuses the review of a reviewer who objected (four-eyes); another reviewer or an admin decides', async () => {
    // Both city approvers review this case; approver-city objects, so only leader-city (or an admin) may decide.
    const id = await startNoticeCase(stack, { workingDays: 5 }, ['approver-city', 'leader-city']);
    await notices.lodgeObjection(await as('approver-city'), id, '我了解到申请人另有收入未申报');
    expect(await statusOf(id)).toBe('under_review');
    const own = await refusal(
      notices.reviewObjections(await as('approver-city'), id, { outcome: 'uphold', comment: '我提出的异议属实' }),
    );
    expect(own.code).toBe(ErrorCode.ActionInvalid);
    expect(own.message).toBe('You lodged an objection to this case; another reviewer decides it');
    expect(ERROR_STATUS[own.code]).toBe(422); // the HTTP filter answers it with a 4xx
    expect(await statusOf(id)).toBe('under_review'); // refused by the validator: nothing recorded
    const [attempt] = await stack.sql<{ actor_id: string; action: string; code: string }>(
      `SELECT actor_id, action, code FROM rejected_attempts WHERE application_id = $1`,
      [id],
    );
    expect(attempt).toEqual({
      actor_id: (await as('approver-city')).userId,
      action: 'reviewObjection',
      code: ErrorCode.ActionInvalid,
    });

    const result = await notices.reviewObjections(await as('leader-city'), id, {
      outcome: 'dismiss',
      comment: '经核查不属实',
    });
    expect(result.objections.map((o) => o.status)).toEqual(['dismissed']);
    expect((await outcomeOf(id)).status).toBe('approved');

    // An administrator decides when the only reviewer objected.
    const second = await startNoticeCase(stack, { workingDays: 5 });
    await notices.lodgeObjection(await as('approver-city'), second, '申请人家庭收入情况有出入');
    const again = await refusal(
      notices.reviewObjections(await as('approver-city'), second, { outcome: 'dismiss', comment: '无问题' }),
    );
    expect(again.code).toBe(ErrorCode.ActionInvalid);
    const byAdmin = await notices.reviewObjections(await as('admin1'), second, {
      outcome: 'uphold',
      comment: '经核查属实',
    });
    expect(byAdmin.status).toBe('rejected');
    expect((await outcomeOf(second)).status).toBe('rejected');
  });

  it('refuses an objection to a case that is not in its notice with NOT_IN_PUBLIC_NOTICE', async () => {
    const { application } = await stack.services
      .get(ApplicationsService)
      .submitHardship(await as('applicant2'), ELIGIBLE_HARDSHIP, 'pn-not-in-notice');
    await eventually(
      async () => ((await statusOf(application.id)) === 'pending_approval' ? true : undefined),
      'level 1',
    );
    const error = await refusal(notices.lodgeObjection(await as('applicant1'), application.id, '还在审批中的异议'));
    expect(error.code).toBe(ErrorCode.NotInPublicNotice);
  });
});
