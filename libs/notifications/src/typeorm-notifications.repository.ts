import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationEntity } from './notification.entity';
import { NotificationsRepository } from './notifications.repository';
import type { NotificationClaim } from './notifications.repository';

@Injectable()
export class TypeOrmNotificationsRepository extends NotificationsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  async claim(c: NotificationClaim): Promise<NotificationEntity> {
    await this.db.query(
      `INSERT INTO notifications (application_id, event_key, recipient_user_id, channel, address, subject, status)
       VALUES ($1, $2, $3, 'email', $4, $5, 'pending')
       ON CONFLICT (application_id, event_key, recipient_user_id, channel) DO NOTHING`,
      [c.applicationId, c.eventKey, c.recipientUserId, c.address, c.subject],
    );
    return this.db.getRepository(NotificationEntity).findOneByOrFail({
      applicationId: c.applicationId,
      eventKey: c.eventKey,
      recipientUserId: c.recipientUserId,
      channel: 'email',
    });
  }

  async markSent(id: string): Promise<void> {
    await this.db.query(
      `UPDATE notifications SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`,
      [id],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db.query(
      `UPDATE notifications SET status = 'failed', attempts = attempts + 1, last_error = $2 WHERE id = $1 AND status <> 'sent'`,
      [id, error.slice(0, 2000)],
    );
  }

  listForApplication(applicationId: string): Promise<NotificationEntity[]> {
    return this.db.getRepository(NotificationEntity).find({ where: { applicationId }, order: { createdAt: 'ASC' } });
  }
}
