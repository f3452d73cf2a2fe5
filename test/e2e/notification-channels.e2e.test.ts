import { Client } from '@temporalio/client';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';
import { httpClient } from '../support/http-client';

/**
 * Notification channels over the real stack: the API -> Temporal -> worker -> email (SMTP sink), SMS (local HTTP
 * gateway that can be made to fail) and the in-app inbox, in Chinese and English.
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

const NATIONAL_ID = '110101199003074514';
const application = {
  program: 'hardship-aid',
  category: 'living',
  requestedAmount: 5000,
  household: { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 },
  nationalId: NATIONAL_ID,
};

let keys = 0;
async function submit(username: 'applicant1' | 'applicant2'): Promise<{ id: string; ref: string }> {
  const created = await http<{ id: string }>('POST', '/applications', {
    token: await login(username),
    body: application,
    headers: { 'Idempotency-Key': `notification-channels-${username}-${++keys}` },
  });
  expect(created.status).toBe(201);
  return { id: created.body.id, ref: created.body.id.slice(0, 8) };
}

const LEVEL_1_PHONE = { applicant1: '13800000001', applicant2: '13800000003' } as const;

/**
 * Submits and waits until every notice of the submission went out (the level-1 approver's SMS is the last of their
 * channels; the applicant's receipt email the last of theirs), so a later `failNext` hits only the test's own SMS.
 */
async function submitSettled(username: 'applicant1' | 'applicant2'): Promise<{ id: string; ref: string }> {
  const submitted = await submit(username);
  await stack.sms.waitFor((m) => m.to === LEVEL_1_PHONE[username] && m.text.includes(submitted.ref));
  await stack.mail.waitFor((m) => m.to.includes(`${username}@aidflow.local`) && m.text.includes(submitted.ref));
  return submitted;
}

interface InboxItem {
  id: string;
  applicationId: string;
  event: string;
  level: number | null;
  subject: string;
  text: string;
  createdAt: string;
  readAt: string | null;
}

async function inbox(username: string, query = ''): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
  const res = await http<{ items: InboxItem[]; nextCursor: string | null }>('GET', `/me/notifications${query}`, {
    token: await login(username),
  });
  expect(res.status).toBe(200);
  return res.body;
}

/** Waits until `username` has an in-app notification about `applicationId` (and `event`). */
function inboxEntry(username: string, applicationId: string, event: string): Promise<InboxItem> {
  return eventually(async () => {
    const { items } = await inbox(username, '?limit=100');
    return items.find((n) => n.applicationId === applicationId && n.event === event);
  }, `${username}'s in-app ${event} for ${applicationId}`);
}

async function channelRows(applicationId: string, username: string) {
  return stack.sql<{ id: string; channel: string; status: string; attempts: number; permanent_failure: boolean }>(
    `SELECT n.id, n.channel, n.status, n.attempts, n.permanent_failure FROM notifications n
     JOIN users u ON u.id = n.recipient_user_id WHERE n.application_id = $1 AND u.username = $2 ORDER BY n.channel`,
    [applicationId, username],
  );
}

interface FailedItem {
  id: string;
  applicationId: string;
  event: string;
  eventKey: string;
  channel: string;
  recipient: { userId: string; username: string };
  address: string | null;
  attempts: number;
  lastError: string | null;
  permanent: boolean;
  createdAt: string;
}

const HAN = /\p{Script=Han}/u;

describe('notification channels, end to end', () => {
  it('reaches the approver by email, SMS and in-app, and each applicant in their own language', async () => {
    const zh = await submit('applicant1');
    const en = await submit('applicant2');

    // Level 1 of applicant1's branch: approver-g-east-1, phone 13800000001, SMS on, Chinese.
    const sms = await stack.sms.waitFor((m) => m.to === '13800000001' && m.text.includes(zh.ref));
    expect(sms.text).toBe(`【帮扶审批】困难职工帮扶申请${zh.ref}（5000.00元）待您第1级审批，请登录系统处理。`);
    const email = await stack.mail.waitFor(
      (m) => m.to.includes('approver-g-east-1@aidflow.local') && m.text.includes(zh.ref),
    );
    expect(email.subject).toBe(`[待审批] 困难职工帮扶 申请 ${zh.ref} / Approval needed`);
    const entry = await inboxEntry('approver-g-east-1', zh.id, 'task_assigned');
    // The mail's transfer encoding depends on line lengths (the link's port varies per run), and with it whether
    // the parsed text ends with a line break: the in-app text is the same body without one.
    expect(entry).toMatchObject({ level: 1, subject: email.subject, text: email.text.trimEnd(), readAt: null });
    // Approvers of applicant2's branch read Chinese too, whatever the applicant's language.
    const westSms = await stack.sms.waitFor((m) => m.to === '13800000003' && m.text.includes(en.ref));
    expect(westSms.text).toContain('待您第1级审批');

    // Applicants: applicant1 in Chinese (no phone: no SMS), applicant2 in English.
    const receiptZh = await stack.mail.waitFor(
      (m) => m.to.includes('applicant1@aidflow.local') && m.subject.includes('已受理') && m.text.includes(zh.ref),
    );
    expect(receiptZh.text).toMatch(/^王建国，您好：/);
    const receiptEn = await stack.mail.waitFor(
      (m) => m.to.includes('applicant2@aidflow.local') && m.text.includes(en.ref),
    );
    expect(receiptEn.subject).toBe(`[Received] Your application ${en.ref}`);
    expect(receiptEn.text).toContain('passed the eligibility check and is now with the approvers');
    expect(receiptEn.text.replace('李秀英', '')).not.toMatch(HAN);
    const inboxEn = await inboxEntry('applicant2', en.id, 'received');
    expect(inboxEn.subject).toBe(receiptEn.subject);

    expect(await channelRows(zh.id, 'approver-g-east-1')).toEqual([
      expect.objectContaining({ channel: 'email', status: 'sent', attempts: 1 }),
      expect.objectContaining({ channel: 'in_app', status: 'sent', attempts: 1 }),
      expect.objectContaining({ channel: 'sms', status: 'sent', attempts: 1 }),
    ]);
    expect((await channelRows(zh.id, 'applicant1')).map((r) => r.channel)).toEqual(['email', 'in_app']);
    // Nothing personal beyond the recipient's own name goes into the texts.
    for (const text of [sms.text, email.text, entry.text, receiptEn.text]) {
      expect(text).not.toContain(NATIONAL_ID);
      expect(text).not.toContain('110***');
    }
  });

  it('lists only the caller’s notifications, newest first, with unread filter, read marks and cursor paging', async () => {
    const first = await submitSettled('applicant1');
    const second = await submitSettled('applicant1');
    const older = await inboxEntry('approver-g-east-1', first.id, 'task_assigned');
    const newer = await inboxEntry('approver-g-east-1', second.id, 'task_assigned');

    const all = await inbox('approver-g-east-1');
    expect(all.items.map((n) => n.id)).toEqual(
      [...all.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((n) => n.id),
    );
    const approverWest = await inbox('approver-g-west-1', '?limit=100');
    expect(approverWest.items.map((n) => n.applicationId)).not.toContain(first.id);

    const pageOne = await inbox('approver-g-east-1', '?limit=1');
    expect(pageOne.items).toHaveLength(1);
    expect(pageOne.nextCursor).toEqual(expect.any(String));
    const pageTwo = await inbox('approver-g-east-1', `?limit=1&cursor=${pageOne.nextCursor}`);
    expect(pageTwo.items).toHaveLength(1);
    expect(pageTwo.items[0].id).not.toBe(pageOne.items[0].id);
    expect(pageTwo.items[0].createdAt <= pageOne.items[0].createdAt).toBe(true);

    const token = await login('approver-g-east-1');
    const read = await http<InboxItem>('POST', `/me/notifications/${older.id}/read`, { token });
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(older.id);
    expect(Date.parse(read.body.readAt ?? '')).not.toBeNaN();
    const readAgain = await http<InboxItem>('POST', `/me/notifications/${older.id}/read`, { token });
    expect(readAgain.body.readAt).toBe(read.body.readAt);

    const unread = await inbox('approver-g-east-1', '?unread=true&limit=100');
    expect(unread.items.map((n) => n.id)).toContain(newer.id);
    expect(unread.items.map((n) => n.id)).not.toContain(older.id);
    expect(unread.items.every((n) => n.readAt === null)).toBe(true);
  });

  it("answers 404 for someone else's notification and 400 for a malformed id, cursor or filter", async () => {
    const { id } = await submitSettled('applicant1');
    const mine = await inboxEntry('approver-g-east-1', id, 'task_assigned');

    const foreign = await http<{ code: string }>('POST', `/me/notifications/${mine.id}/read`, {
      token: await login('approver-g-west-1'),
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('NOTIFICATION_NOT_FOUND');
    const unknown = await http<{ code: string }>(
      'POST',
      '/me/notifications/00000000-0000-4000-8000-000000000000/read',
      {
        token: await login('approver-g-east-1'),
      },
    );
    expect(unknown.status).toBe(404);
    const [untouched] = await stack.sql<{ read_at: Date | null }>('SELECT read_at FROM notifications WHERE id = $1', [
      mine.id,
    ]);
    expect(untouched.read_at).toBeNull();

    const token = await login('approver-g-east-1');
    const badId = await http<{ code: string }>('POST', '/me/notifications/not-a-uuid/read', { token });
    expect(badId.status).toBe(400);
    const badCursor = await http<{ code: string; message: string }>('GET', '/me/notifications?cursor=bogus', { token });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.code).toBe('VALIDATION_FAILED');
    expect(badCursor.body.message).toContain('cursor');
    const badLimit = await http<{ message: string }>('GET', '/me/notifications?limit=1000', { token });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.message).toContain('limit');
    const badUnread = await http<{ message: string }>('GET', '/me/notifications?unread=maybe', { token });
    expect(badUnread.status).toBe(400);
    expect(badUnread.body.message).toContain('unread');
    expect((await http('GET', '/me/notifications')).status).toBe(401);
  });

  it('retries an SMS the gateway could not take, delivering it exactly once and the email only once', async () => {
    stack.sms.failNext = 1;
    const { id, ref } = await submit('applicant1');

    const sms = await stack.sms.waitFor((m) => m.to === '13800000001' && m.text.includes(ref));
    const rows = await eventually(async () => {
      const found = await channelRows(id, 'approver-g-east-1');
      return found.some((r) => r.channel === 'sms' && r.status === 'sent') ? found : undefined;
    }, 'the SMS row marked sent');

    const smsRow = rows.find((r) => r.channel === 'sms')!;
    expect(smsRow.attempts).toBe(2);
    expect(sms.idempotencyKey).toBe(smsRow.id);
    expect(stack.sms.requests.filter((r) => r.idempotencyKey === smsRow.id).map((r) => r.status)).toEqual([503, 200]);
    expect(stack.sms.messages.filter((m) => m.text.includes(ref))).toHaveLength(1);
    expect(rows.find((r) => r.channel === 'email')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(
      stack.mail.messages.filter((m) => m.to.includes('approver-g-east-1@aidflow.local') && m.text.includes(ref)),
    ).toHaveLength(1);
  });

  it('records an SMS the gateway refuses as failed, shows it to auditors, and the approval goes on', async () => {
    stack.sms.rejectNext = 1;
    const { id, ref } = await submit('applicant1');

    const failed = await eventually(async () => {
      const rows = await channelRows(id, 'approver-g-east-1');
      return rows.find((r) => r.channel === 'sms' && r.status === 'failed');
    }, 'the refused SMS recorded');
    expect(failed).toMatchObject({ attempts: 1, permanent_failure: true });
    await stack.mail.waitFor((m) => m.to.includes('approver-g-east-1@aidflow.local') && m.text.includes(ref));

    // The approval is not held up: level 1 decides, level 2 is notified (by SMS too, the gateway takes it again).
    const decided = await http<{ currentLevel: number }>('POST', `/applications/${id}/decisions`, {
      token: await login('approver-g-east-1'),
      body: { decision: 'approve' },
    });
    expect(decided.status).toBe(200);
    await stack.sms.waitFor((m) => m.to === '13800000005' && m.text.includes(ref));
    // The refused SMS is not being retried: no activity of the case is on a retry, and the gateway saw it once.
    const description = await stack.services.get(Client).workflow.getHandle(`application-${id}`).describe();
    expect((description.raw.pendingActivities ?? []).filter((a) => (a.attempt ?? 1) > 1)).toEqual([]);
    expect(stack.sms.requests.filter((r) => r.idempotencyKey === failed.id)).toEqual([
      { to: '13800000001', idempotencyKey: failed.id, status: 400 },
    ]);
    expect((await channelRows(id, 'approver-g-east-1')).find((r) => r.channel === 'sms')?.attempts).toBe(1);

    const [recipient] = await stack.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'approver-g-east-1'`);
    for (const username of ['auditor1', 'admin1']) {
      const list = await http<{ items: FailedItem[]; nextCursor: string | null }>(
        'GET',
        '/notifications/failed?limit=100',
        { token: await login(username) },
      );
      expect(list.status).toBe(200);
      const item = list.body.items.find((n) => n.id === failed.id);
      expect(item?.lastError).toContain('HTTP 400');
      expect(Date.parse(item?.createdAt ?? '')).not.toBeNaN();
      expect({ ...item, lastError: null, createdAt: null }).toEqual({
        id: failed.id,
        applicationId: id,
        event: 'task_assigned',
        eventKey: 'task_assigned:L1',
        channel: 'sms',
        recipient: { userId: recipient.id, username: 'approver-g-east-1' },
        address: '138****0001',
        attempts: 1,
        lastError: null,
        permanent: true,
        createdAt: null,
      });
      expect(JSON.stringify(list.body)).not.toContain('13800000001');
      expect(JSON.stringify(list.body)).not.toContain(NATIONAL_ID);
    }
    const approver = await http<{ code: string }>('GET', '/notifications/failed', {
      token: await login('approver-g-east-1'),
    });
    expect(approver.status).toBe(403);
    expect(approver.body.code).toBe('FORBIDDEN');
  });

  it('describes the notification endpoints in the OpenAPI document', async () => {
    const doc = await http<{ paths: Record<string, unknown> }>('GET', '/docs/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/me/notifications', '/me/notifications/{id}/read', '/notifications/failed']),
    );
  });
});
