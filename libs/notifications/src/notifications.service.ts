import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NotificationEvent } from '../../../workflows/types';
import { Mailer } from './mailer';
import { NotificationsRepository } from './notifications.repository';
import { renderNotification } from './templates';
import type { TemplateVars } from './templates';

export interface SendRequest {
  applicationId: string;
  event: NotificationEvent;
  level?: number;
  recipient: { userId: string; email: string; displayName: string };
  vars: Omit<TemplateVars, 'recipientName' | 'applicationId' | 'level'>;
}

export type SendResult = 'sent' | 'already-sent';

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    @Inject(NotificationsRepository) private readonly log: NotificationsRepository,
    @Inject(Mailer) private readonly mailer: Mailer,
  ) {}

  /** Sends at most once per (application, event, level, recipient); a retry after success is a no-op. */
  async send(request: SendRequest): Promise<SendResult> {
    const eventKey = request.level === undefined ? request.event : `${request.event}:L${request.level}`;
    const rendered = renderNotification(request.event, {
      ...request.vars,
      applicationId: request.applicationId,
      recipientName: request.recipient.displayName,
      level: request.level,
    });
    const row = await this.log.claim({
      applicationId: request.applicationId,
      eventKey,
      recipientUserId: request.recipient.userId,
      address: request.recipient.email,
      subject: rendered.subject,
    });
    if (row.status === 'sent') return 'already-sent';
    try {
      await this.mailer.send({
        to: request.recipient.email,
        subject: rendered.subject,
        text: rendered.text,
        messageId: `<${row.id}@aidflow.local>`,
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.log.markFailed(row.id, message);
      this.logger.warn(`Email ${eventKey} for application ${request.applicationId} failed: ${message}`);
      throw err;
    }
    await this.log.markSent(row.id);
    return 'sent';
  }
}
