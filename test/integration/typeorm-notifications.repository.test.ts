import { TypeOrmNotificationsRepository } from '../../libs/notifications/src/typeorm-notifications.repository';
import type {
  FailedNotification,
  NotificationClaim,
  PageKey,
} from '../../libs/notifications/src/notifications.repository';
import { insertApplications, openRepositoryTestDatabase, seededIds } from '../support/repositories';
import type { RepositoryTestDatabase, SeededIds } from '../support/repositories';

let t: RepositoryTestDatabase;
let ids: SeededIds;
let notifications: TypeOrmNotificationsRepository;

beforeAll(async () => {
  t = await openRepositoryTestDatabase();
  ids = await seededIds(t.dataSource);
  notifications = new TypeOrmNotificationsRepository(t.dataSource);
});

afterAll(async () => {
  await t?.close();
});

async function claimFor(
  overrides: Partial<NotificationClaim> = {},
): Promise<NotificationClaim & { applicationId: string }> {
  const applicationId = overrides.applicationId ?? (await insertApplications(t.dataSource, ids, 1))[0].id;
  return {
    eventKey: 'task_assigned:1',
    recipientUserId: ids.users['approver-g-east-1'],
    channel: 'email',
    address: 'approver-g-east-1@aidflow.local',
    subject: 'A hardship application waits for your decision',
    body: 'Application 1234 is waiting for your decision at level 1.',
    ...overrides,
    applicationId,
  };
}

async function rowsFor(applicationId: string): Promise<number> {
  const [row] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE application_id = $1', [
    applicationId,
  ]);
  return row.n;
}

describe('TypeOrmNotificationsRepository.claim', () => {
  it('creates a pending email notification on the first claim', async () => {
    const claim = await claimFor();

    const row = await notifications.claim(claim);

    expect(row).toMatchObject({
      applicationId: claim.applicationId,
      eventKey: 'task_assigned:1',
      recipientUserId: claim.recipientUserId,
      channel: 'email',
      address: claim.address,
      subject: claim.subject,
      body: claim.body,
      status: 'pending',
      attempts: 0,
      lastError: null,
      permanentFailure: false,
      sentAt: null,
      readAt: null,
    });
  });

  it('returns the same row to a second claim of the same application, event and recipient', async () => {
    const claim = await claimFor();

    const first = await notifications.claim(claim);
    const second = await notifications.claim({
      ...claim,
      subject: 'another subject',
      address: 'elsewhere@example.org',
    });

    expect(second.id).toBe(first.id);
    expect(second.subject).toBe(claim.subject);
    expect(second.address).toBe(claim.address);
    expect(await rowsFor(claim.applicationId)).toBe(1);
  });

  it('keeps one row when 10 claims of the same notification race', async () => {
    const claim = await claimFor();

    const rows = await Promise.all(Array.from({ length: 10 }, () => notifications.claim(claim)));

    expect(new Set(rows.map((r) => r.id)).size).toBe(1);
    expect(await rowsFor(claim.applicationId)).toBe(1);
  });

  it('creates separate rows for another recipient or another event of the same application', async () => {
    const claim = await claimFor();

    const first = await notifications.claim(claim);
    const otherRecipient = await notifications.claim({
      ...claim,
      recipientUserId: ids.users['applicant1'],
      address: 'applicant1@aidflow.local',
    });
    const otherEvent = await notifications.claim({ ...claim, eventKey: 'approved' });

    expect(new Set([first.id, otherRecipient.id, otherEvent.id]).size).toBe(3);
    expect((await notifications.listForApplication(claim.applicationId)).map((n) => n.id).sort()).toEqual(
      [first.id, otherRecipient.id, otherEvent.id].sort(),
    );
  });
});

describe('TypeOrmNotificationsRepository.markSent / markFailed', () => {
  it('marks a claimed notification sent', async () => {
    const row = await notifications.claim(await claimFor());

    await notifications.markSent(row.id);

    const [sent] = await notifications.listForApplication(row.applicationId!);
    expect(sent).toMatchObject({ id: row.id, status: 'sent', attempts: 1, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
  });

  it('leaves a sent notification sent when a failure is reported after it', async () => {
    const row = await notifications.claim(await claimFor());

    await notifications.markSent(row.id);
    await notifications.markFailed(row.id, 'SMTP 451: try again later');

    const [after] = await notifications.listForApplication(row.applicationId!);
    expect(after).toMatchObject({ id: row.id, status: 'sent', attempts: 1, lastError: null });
    expect(after.sentAt).toBeInstanceOf(Date);
  });

  it('records a failure and clears it when a later attempt is sent', async () => {
    const row = await notifications.claim(await claimFor());

    await notifications.markFailed(row.id, 'SMTP 451: try again later');
    const [failed] = await notifications.listForApplication(row.applicationId!);
    await notifications.markSent(row.id);
    const [sent] = await notifications.listForApplication(row.applicationId!);

    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'SMTP 451: try again later',
      sentAt: null,
    });
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('keeps at most 2000 characters of an error', async () => {
    const row = await notifications.claim(await claimFor());

    await notifications.markFailed(row.id, 'x'.repeat(5000));

    const [failed] = await notifications.listForApplication(row.applicationId!);
    expect(failed.lastError).toHaveLength(2000);
  });

  it('returns the sent row to a claim made after sending, so the caller can skip it', async () => {
    const claim = await claimFor();
    const row = await notifications.claim(claim);
    await notifications.markSent(row.id);

    const again = await notifications.claim(claim);

    expect(again).toMatchObject({ id: row.id, status: 'sent' });
  });
});

describe('TypeOrmNotificationsRepository channels', () => {
  it('keeps one row per channel of the same application, event and recipient', async () => {
    const claim = await claimFor();

    const email = await notifications.claim(claim);
    const sms = await notifications.claim({ ...claim, channel: 'sms', address: '13800000001', body: 'short' });
    const smsAgain = await notifications.claim({ ...claim, channel: 'sms', address: '13800000001', body: 'short' });

    expect(sms.id).not.toBe(email.id);
    expect(smsAgain.id).toBe(sms.id);
    expect(sms).toMatchObject({ channel: 'sms', address: '13800000001', body: 'short', status: 'pending' });
    expect(await rowsFor(claim.applicationId)).toBe(2);
  });

  it('records an in-app notification as sent once, and reports whether this call created it', async () => {
    const claim = await claimFor({ channel: 'in_app', address: null });

    const first = await notifications.recordDelivered(claim);
    const second = await notifications.recordDelivered({ ...claim, body: 'rendered again' });

    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.row.id).toBe(first.row.id);
    expect(first.row).toMatchObject({ channel: 'in_app', address: null, status: 'sent', attempts: 1, readAt: null });
    expect(first.row.body).toBe(claim.body);
    expect(first.row.sentAt).toBeInstanceOf(Date);
    expect(await rowsFor(claim.applicationId)).toBe(1);
  });

  it('refuses an email or SMS row without an address', async () => {
    const claim = await claimFor({ channel: 'sms', address: null });

    await expect(notifications.claim(claim)).rejects.toThrow(/notifications_address_check/);
  });

  it('marks a permanent failure, which a later successful send clears', async () => {
    const row = await notifications.claim(await claimFor({ channel: 'sms', address: '13800000001' }));

    await notifications.markFailed(row.id, 'SMS gateway answered HTTP 400', { permanent: true });
    const [failed] = await notifications.listForApplication(row.applicationId!);
    await notifications.markSent(row.id);
    const [sent] = await notifications.listForApplication(row.applicationId!);

    expect(failed).toMatchObject({ status: 'failed', permanentFailure: true, attempts: 1 });
    expect(sent).toMatchObject({ status: 'sent', permanentFailure: false, attempts: 2, lastError: null });
  });
});

describe('TypeOrmNotificationsRepository inbox', () => {
  /** In-app rows for `recipient` on a fresh application; `at` pins created_at (ties included). */
  async function inAppRows(recipient: string, at: string[]): Promise<string[]> {
    const [app] = await insertApplications(t.dataSource, ids, 1);
    const made: string[] = [];
    for (const [i, createdAt] of at.entries()) {
      const [row] = await t.sql<{ id: string }>(
        `INSERT INTO notifications (application_id, event_key, recipient_user_id, channel, subject, body, status,
                                    attempts, sent_at, created_at)
         VALUES ($1, $2, $3, 'in_app', $4, $5, 'sent', 1, $6, $6) RETURNING id`,
        [app.id, `task_assigned:L1:n${i}`, ids.users[recipient], `subject ${i}`, `body ${i}`, createdAt],
      );
      made.push(row.id);
    }
    return made;
  }

  it("lists only the recipient's in-app rows, newest first, across pages without gaps or repeats", async () => {
    const times = [
      '2026-03-01T08:00:00.000001Z',
      '2026-03-01T08:00:00.000002Z', // two rows in the same millisecond
      '2026-03-01T08:00:00.000002Z', // and a tie on the exact microsecond, broken by id
      '2026-03-01T09:00:00Z',
      '2026-03-02T09:00:00Z',
    ];
    const mine = await inAppRows('approver-g-west-2', times);
    await inAppRows('approver-g-west-1', ['2026-03-01T10:00:00Z']);
    const email = await notifications.claim(
      await claimFor({ recipientUserId: ids.users['approver-g-west-2'], address: 'approver-g-west-2@aidflow.local' }),
    );

    const seen: string[] = [];
    let after: PageKey | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page = await notifications.listInbox(ids.users['approver-g-west-2'], {
        unreadOnly: false,
        limit: 2,
        after,
      });
      seen.push(...page.items.map((n) => n.id));
      expect(
        page.items.every((n) => n.channel === 'in_app' && n.recipientUserId === ids.users['approver-g-west-2']),
      ).toBe(true);
      after = page.next;
      if (!after) break;
    }

    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(mine));
    expect(seen).not.toContain(email.id);
    expect(seen.slice(0, 2)).toEqual([mine[4], mine[3]]);
    expect(seen[4]).toBe(mine[0]);
  });

  it('marks a notification read once, filters unread, and finds nothing for another user or another channel', async () => {
    const [first, second] = await inAppRows('approver-g-east-2', ['2026-04-01T08:00:00Z', '2026-04-01T09:00:00Z']);
    const recipient = ids.users['approver-g-east-2'];

    const read = await notifications.markRead(first, recipient);
    const again = await notifications.markRead(first, recipient);
    const foreign = await notifications.markRead(second, ids.users['approver-g-east-1']);
    const email = await notifications.claim(await claimFor({ recipientUserId: recipient }));
    const notInApp = await notifications.markRead(email.id, recipient);
    const unread = await notifications.listInbox(recipient, { unreadOnly: true, limit: 50, after: null });

    expect(read?.readAt).toBeInstanceOf(Date);
    expect(again?.readAt).toEqual(read?.readAt);
    expect(foreign).toBeNull();
    expect(notInApp).toBeNull();
    expect(unread.items.map((n) => n.id)).toContain(second);
    expect(unread.items.map((n) => n.id)).not.toContain(first);
  });
});

describe('TypeOrmNotificationsRepository.listFailed', () => {
  it('lists failed deliveries with the recipient username, newest first, and leaves out pending and sent ones', async () => {
    const claim = await claimFor();
    const failedEmail = await notifications.claim(claim);
    const failedSms = await notifications.claim({ ...claim, channel: 'sms', address: '13800000001' });
    const sent = await notifications.claim({ ...claim, eventKey: 'approved' });
    const pending = await notifications.claim({ ...claim, eventKey: 'received' });
    await notifications.markFailed(failedEmail.id, 'SMTP 451: try again later');
    await notifications.markFailed(failedSms.id, 'SMS gateway answered HTTP 400', { permanent: true });
    await notifications.markSent(sent.id);

    const all: FailedNotification[] = [];
    let after: PageKey | null = null;
    do {
      const page = await notifications.listFailed({ limit: 1, after });
      all.push(...page.items);
      after = page.next;
    } while (after);
    const ofThisApplication = all.filter((n) => n.applicationId === claim.applicationId);

    expect(ofThisApplication.map((n) => n.id).sort()).toEqual([failedEmail.id, failedSms.id].sort());
    expect(ofThisApplication.map((n) => n.id)).not.toContain(pending.id);
    expect(ofThisApplication.find((n) => n.id === failedSms.id)).toMatchObject({
      channel: 'sms',
      recipientUsername: 'approver-g-east-1',
      attempts: 1,
      lastError: 'SMS gateway answered HTTP 400',
      permanentFailure: true,
    });
  });
});

describe('system notices (no application)', () => {
  it('keeps one row per key for a notice about no application, also when claims race', async () => {
    const claim: NotificationClaim = {
      applicationId: null,
      eventKey: `calendar_expiring:2099:60d:${randomSuffix()}`,
      recipientUserId: ids.users['approver-g-east-1'],
      channel: 'in_app',
      address: null,
      subject: 'The business calendar ends soon',
      body: 'Load the holiday notice for 2099.',
    };

    const results = await Promise.all(Array.from({ length: 5 }, () => notifications.recordDelivered(claim)));

    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.row.id)).size).toBe(1);
    expect(results[0].row.applicationId).toBeNull();
    const [row] = await t.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM notifications WHERE application_id IS NULL AND event_key = $1',
      [claim.eventKey],
    );
    expect(row.n).toBe(1);
  });
});

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 10);
}
