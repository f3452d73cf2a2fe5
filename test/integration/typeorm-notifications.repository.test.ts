import { TypeOrmNotificationsRepository } from '../../libs/notifications/src/typeorm-notifications.repository';
import type { NotificationClaim } from '../../libs/notifications/src/notifications.repository';
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

async function claimFor(overrides: Partial<NotificationClaim> = {}): Promise<NotificationClaim> {
  const applicationId = overrides.applicationId ?? (await insertApplications(t.dataSource, ids, 1))[0].id;
  return {
    applicationId,
    eventKey: 'task_assigned:1',
    recipientUserId: ids.users['approver-g-east-1'],
    address: 'approver-g-east-1@aidflow.local',
    subject: 'A hardship application waits for your decision',
    ...overrides,
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
      status: 'pending',
      attempts: 0,
      lastError: null,
      sentAt: null,
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

    const [sent] = await notifications.listForApplication(row.applicationId);
    expect(sent).toMatchObject({ id: row.id, status: 'sent', attempts: 1, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
  });

  it('leaves a sent notification sent when a failure is reported after it', async () => {
    const row = await notifications.claim(await claimFor());

    await notifications.markSent(row.id);
    await notifications.markFailed(row.id, 'SMTP 451: try again later');

    const [after] = await notifications.listForApplication(row.applicationId);
    expect(after).toMatchObject({ id: row.id, status: 'sent', attempts: 1, lastError: null });
    expect(after.sentAt).toBeInstanceOf(Date);
  });

  it('records a failure and clears it when a later attempt is sent', async () => {
    const row = await notifications.claim(await claimFor());

    await notifications.markFailed(row.id, 'SMTP 451: try again later');
    const [failed] = await notifications.listForApplication(row.applicationId);
    await notifications.markSent(row.id);
    const [sent] = await notifications.listForApplication(row.applicationId);

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

    const [failed] = await notifications.listForApplication(row.applicationId);
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
