import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { NotificationEntity } from './notification.entity';
import type { NotificationChannel, NotificationStatus } from './notification.entity';
import { NotificationsRepository } from './notifications.repository';
import type { FailedNotification, InboxQuery, NotificationClaim, Page, PageKey } from './notifications.repository';

interface NotificationRow {
  id: string;
  application_id: string | null;
  event_key: string;
  recipient_user_id: string;
  channel: NotificationChannel;
  address: string | null;
  subject: string;
  body: string | null;
  status: NotificationStatus;
  attempts: number;
  last_error: string | null;
  permanent_failure: boolean;
  sent_at: Date | null;
  read_at: Date | null;
  created_at: Date;
  /** created_at as text, with microseconds (a JS Date keeps milliseconds only): the paging key. */
  page_at: string;
}

const COLUMNS = `n.id, n.application_id, n.event_key, n.recipient_user_id, n.channel, n.address, n.subject, n.body,
  n.status, n.attempts, n.last_error, n.permanent_failure, n.sent_at, n.read_at, n.created_at,
  n.created_at::text AS page_at`;

function toEntity(r: NotificationRow): NotificationEntity {
  return Object.assign(new NotificationEntity(), {
    id: r.id,
    applicationId: r.application_id,
    eventKey: r.event_key,
    recipientUserId: r.recipient_user_id,
    channel: r.channel,
    address: r.address,
    subject: r.subject,
    body: r.body,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    permanentFailure: r.permanent_failure,
    sentAt: r.sent_at,
    readAt: r.read_at,
    createdAt: r.created_at,
  });
}

/** Keyset paging: ask for one row more than the page to learn whether another page follows. */
function page<R extends { page_at: string; id: string }, T>(rows: R[], limit: number, map: (r: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    next: rows.length > limit && last ? { createdAt: last.page_at, id: last.id } : null,
  };
}

@Injectable()
export class TypeOrmNotificationsRepository extends NotificationsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  async claim(c: NotificationClaim): Promise<NotificationEntity> {
    await this.db.query(
      `INSERT INTO notifications (application_id, event_key, recipient_user_id, channel, address, subject, body, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending')
       ON CONFLICT (application_id, event_key, recipient_user_id, channel) DO NOTHING`,
      [c.applicationId, c.eventKey, c.recipientUserId, c.channel, c.address, c.subject, c.body],
    );
    return this.findByKey(c);
  }

  async recordDelivered(c: NotificationClaim): Promise<{ row: NotificationEntity; created: boolean }> {
    const inserted = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO notifications
         (application_id, event_key, recipient_user_id, channel, address, subject, body, status, attempts, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'sent', 1, now())
       ON CONFLICT (application_id, event_key, recipient_user_id, channel) DO NOTHING
       RETURNING id`,
      [c.applicationId, c.eventKey, c.recipientUserId, c.channel, c.address, c.subject, c.body],
    );
    return { row: await this.findByKey(c), created: inserted.length > 0 };
  }

  private findByKey(c: NotificationClaim): Promise<NotificationEntity> {
    return this.db.getRepository(NotificationEntity).findOneByOrFail({
      applicationId: c.applicationId ?? IsNull(),
      eventKey: c.eventKey,
      recipientUserId: c.recipientUserId,
      channel: c.channel,
    });
  }

  async markSent(id: string): Promise<void> {
    await this.db.query(
      `UPDATE notifications
       SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL, permanent_failure = false
       WHERE id = $1`,
      [id],
    );
  }

  async markFailed(id: string, error: string, options: { permanent?: boolean } = {}): Promise<void> {
    await this.db.query(
      `UPDATE notifications SET status = 'failed', attempts = attempts + 1, last_error = $2, permanent_failure = $3
       WHERE id = $1 AND status <> 'sent'`,
      [id, error.slice(0, 2000), options.permanent ?? false],
    );
  }

  listForApplication(applicationId: string): Promise<NotificationEntity[]> {
    return this.db
      .getRepository(NotificationEntity)
      .find({ where: { applicationId }, order: { createdAt: 'ASC', channel: 'ASC' } });
  }

  async listInbox(recipientUserId: string, q: InboxQuery): Promise<Page<NotificationEntity>> {
    const rows = await this.db.query<NotificationRow[]>(
      `SELECT ${COLUMNS} FROM notifications n
       WHERE n.recipient_user_id = $1 AND n.channel = 'in_app'
         AND ($2::boolean IS FALSE OR n.read_at IS NULL)
         AND ($3::timestamptz IS NULL OR (n.created_at, n.id) < ($3::timestamptz, $4::uuid))
       ORDER BY n.created_at DESC, n.id DESC
       LIMIT $5`,
      [recipientUserId, q.unreadOnly, q.after?.createdAt ?? null, q.after?.id ?? null, q.limit + 1],
    );
    return page(rows, q.limit, toEntity);
  }

  async markRead(id: string, recipientUserId: string): Promise<NotificationEntity | null> {
    const rows = await this.db.query<[NotificationRow[], number]>(
      `UPDATE notifications n SET read_at = coalesce(n.read_at, now())
       WHERE n.id = $1 AND n.recipient_user_id = $2 AND n.channel = 'in_app'
       RETURNING ${COLUMNS}`,
      [id, recipientUserId],
    );
    const [updated] = rows[0];
    return updated ? toEntity(updated) : null;
  }

  async listFailed(q: { limit: number; after: PageKey | null }): Promise<Page<FailedNotification>> {
    const rows = await this.db.query<Array<NotificationRow & { username: string }>>(
      `SELECT ${COLUMNS}, u.username FROM notifications n JOIN users u ON u.id = n.recipient_user_id
       WHERE n.status = 'failed'
         AND ($1::timestamptz IS NULL OR (n.created_at, n.id) < ($1::timestamptz, $2::uuid))
       ORDER BY n.created_at DESC, n.id DESC
       LIMIT $3`,
      [q.after?.createdAt ?? null, q.after?.id ?? null, q.limit + 1],
    );
    return page(rows, q.limit, (r) => Object.assign(toEntity(r), { recipientUsername: r.username }));
  }
}
