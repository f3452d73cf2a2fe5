import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { Mailer } from './mailer';
import type { MailMessage } from './mailer';
import { NotificationEntity } from './notification.entity';
import { NotificationsRepository } from './notifications.repository';
import type { FailedNotification, InboxQuery, NotificationClaim, Page, PageKey } from './notifications.repository';
import { notificationEventKey, NotificationsService } from './notifications.service';
import type { NotificationRecipient, SendRequest } from './notifications.service';
import { SmsGateway } from './sms-gateway';
import type { SmsMessage } from './sms-gateway';

/** The port's contract in memory (unique key, never un-sending); the TypeORM adapter has its integration tests. */
class InMemoryNotifications extends NotificationsRepository {
  readonly rows: NotificationEntity[] = [];

  private find(c: NotificationClaim): NotificationEntity | undefined {
    return this.rows.find(
      (r) =>
        r.applicationId === c.applicationId &&
        r.eventKey === c.eventKey &&
        r.recipientUserId === c.recipientUserId &&
        r.channel === c.channel,
    );
  }

  private insert(c: NotificationClaim, sent: boolean): NotificationEntity {
    const row = Object.assign(new NotificationEntity(), {
      ...c,
      id: randomUUID(),
      status: sent ? 'sent' : 'pending',
      attempts: sent ? 1 : 0,
      lastError: null,
      permanentFailure: false,
      sentAt: sent ? new Date() : null,
      readAt: null,
      createdAt: new Date(),
    });
    this.rows.push(row);
    return row;
  }

  claim(c: NotificationClaim): Promise<NotificationEntity> {
    return Promise.resolve({ ...(this.find(c) ?? this.insert(c, false)) });
  }

  recordDelivered(c: NotificationClaim): Promise<{ row: NotificationEntity; created: boolean }> {
    const existing = this.find(c);
    return Promise.resolve({ row: existing ?? this.insert(c, true), created: !existing });
  }

  markSent(id: string): Promise<void> {
    const row = this.rows.find((r) => r.id === id)!;
    Object.assign(row, { status: 'sent', attempts: row.attempts + 1, lastError: null, permanentFailure: false });
    return Promise.resolve();
  }

  markFailed(id: string, error: string, options: { permanent?: boolean } = {}): Promise<void> {
    const row = this.rows.find((r) => r.id === id)!;
    if (row.status !== 'sent') {
      Object.assign(row, {
        status: 'failed',
        attempts: row.attempts + 1,
        lastError: error,
        permanentFailure: options.permanent ?? false,
      });
    }
    return Promise.resolve();
  }

  listForApplication(applicationId: string): Promise<NotificationEntity[]> {
    return Promise.resolve(this.rows.filter((r) => r.applicationId === applicationId));
  }

  listInbox(_recipientUserId: string, _query: InboxQuery): Promise<Page<NotificationEntity>> {
    throw new Error('not used here');
  }

  markRead(_id: string, _recipientUserId: string): Promise<NotificationEntity | null> {
    throw new Error('not used here');
  }

  listFailed(_query: { limit: number; after: PageKey | null }): Promise<Page<FailedNotification>> {
    throw new Error('not used here');
  }

  byChannel(channel: string): NotificationEntity | undefined {
    return this.rows.find((r) => r.channel === channel);
  }
}

/** Delivers, or throws the next scripted error. */
class ScriptedMailer extends Mailer {
  readonly sent: MailMessage[] = [];
  failures: Error[] = [];
  send(message: MailMessage): Promise<void> {
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    this.sent.push(message);
    return Promise.resolve();
  }
}

class ScriptedSms extends SmsGateway {
  readonly sent: SmsMessage[] = [];
  failures: Error[] = [];
  constructor(readonly enabled = true) {
    super();
  }
  send(message: SmsMessage): Promise<void> {
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    this.sent.push(message);
    return Promise.resolve();
  }
}

const approver: NotificationRecipient = {
  userId: 'c1d2e3f4-0000-4000-8000-000000000001',
  displayName: '赵敏',
  email: 'approver-g-east-1@aidflow.local',
  phone: '13800000001',
  notifySms: true,
  locale: 'zh-CN',
};

function request(overrides: Partial<SendRequest> = {}): SendRequest {
  return {
    applicationId: '3f2a9c1e-0000-4000-8000-000000000001',
    event: 'task_assigned',
    level: 1,
    recipient: approver,
    vars: { programName: '困难职工帮扶', amountYuan: '5000.00', reason: null, link: 'http://x/applications/1' },
    ...overrides,
  };
}

let log: InMemoryNotifications;
let mailer: ScriptedMailer;
let sms: ScriptedSms;
let service: NotificationsService;

function build(smsGateway = new ScriptedSms()): void {
  log = new InMemoryNotifications();
  mailer = new ScriptedMailer();
  sms = smsGateway;
  service = new NotificationsService(log, mailer, sms);
}

beforeAll(() => {
  Logger.overrideLogger(false);
}); // the warnings are what these tests provoke

beforeEach(() => build());

describe('NotificationsService.send', () => {
  it('stores the in-app notice and sends email and SMS to an opted-in recipient', async () => {
    await expect(service.send(request())).resolves.toBe('sent');

    expect(log.rows.map((r) => [r.channel, r.status])).toEqual([
      ['in_app', 'sent'],
      ['email', 'sent'],
      ['sms', 'sent'],
    ]);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0].to).toBe(approver.email);
    expect(mailer.sent[0].subject).toContain('[待审批]');
    expect(mailer.sent[0].messageId).toBe(`<${log.byChannel('email')!.id}@aidflow.local>`);
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0].to).toBe('13800000001');
    expect(sms.sent[0].text).toContain('待您第1级审批');
    expect(sms.sent[0].idempotencyKey).toBe(log.byChannel('sms')!.id);
    expect(log.byChannel('in_app')!.body).toBe(mailer.sent[0].text);
  });

  it('uses the recipient language and skips SMS without opt-in, number or gateway', async () => {
    const english = { ...approver, locale: 'en' as const, notifySms: false };
    await service.send(request({ recipient: english }));
    expect(mailer.sent[0].subject).toBe('[Approval needed] Application 3f2a9c1e');
    expect(sms.sent).toEqual([]);
    expect(log.rows.map((r) => r.channel)).toEqual(['in_app', 'email']);

    await service.send(request({ recipient: { ...approver, phone: null } }));
    expect(sms.sent).toEqual([]);

    build(new ScriptedSms(false));
    await service.send(request());
    expect(mailer.sent[0].subject).toContain('[待审批]');
    expect(log.rows.map((r) => r.channel)).toEqual(['in_app', 'email']);
  });

  it('does nothing on a retry after success', async () => {
    await service.send(request());
    await expect(service.send(request())).resolves.toBe('already-sent');

    expect(mailer.sent).toHaveLength(1);
    expect(sms.sent).toHaveLength(1);
  });

  it('tries the other channels before throwing a temporary failure, and the retry re-sends only that channel', async () => {
    sms.failures.push(new Error('SMS gateway answered HTTP 503'));

    await expect(service.send(request())).rejects.toThrow('HTTP 503');
    expect(mailer.sent).toHaveLength(1);
    expect(log.byChannel('sms')).toMatchObject({ status: 'failed', attempts: 1, permanentFailure: false });

    await expect(service.send(request())).resolves.toBe('sent');
    expect(mailer.sent).toHaveLength(1);
    expect(sms.sent).toHaveLength(1);
    expect(log.byChannel('sms')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('names every failed channel when more than one fails', async () => {
    sms.failures.push(new Error('SMS gateway did not answer'));
    mailer.failures.push(new Error('451 mailbox busy'));

    await expect(service.send(request())).rejects.toThrow(
      /2 channels of notification task_assigned:L1 failed: 451 mailbox busy; SMS gateway did not answer/,
    );
    expect(log.byChannel('in_app')?.status).toBe('sent');
  });

  it('records a permanent refusal as failed, returns normally and never sends it again', async () => {
    sms.failures.push(new ApplicationException(ErrorCode.DeliveryRejected, 'SMS gateway answered HTTP 400'));

    await expect(service.send(request())).resolves.toBe('partly-failed');
    await expect(service.send(request())).resolves.toBe('partly-failed');

    expect(mailer.sent).toHaveLength(1);
    expect(sms.sent).toHaveLength(0);
    expect(log.byChannel('sms')).toMatchObject({
      status: 'failed',
      attempts: 1,
      permanentFailure: true,
      lastError: 'SMS gateway answered HTTP 400',
    });
  });

  it('keys repeated events apart by level and occurrence', () => {
    expect(notificationEventKey('approved')).toBe('approved');
    expect(notificationEventKey('task_assigned', 2)).toBe('task_assigned:L2');
    expect(notificationEventKey('urged', 1, 'urge-3')).toBe('urged:L1:urge-3');
    expect(notificationEventKey('returned', undefined, 'return-1')).toBe('returned:return-1');
  });

  it('sends a second urge, which has its own occurrence, once more', async () => {
    await service.send(request({ event: 'urged', occurrence: 'urge-1' }));
    await service.send(request({ event: 'urged', occurrence: 'urge-2' }));
    await service.send(request({ event: 'urged', occurrence: 'urge-2' }));

    expect(mailer.sent).toHaveLength(2);
    expect(sms.sent).toHaveLength(2);
  });
});
