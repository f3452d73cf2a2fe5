import type { NotificationEntity } from './notification.entity';

export interface NotificationClaim {
  applicationId: string;
  eventKey: string;
  recipientUserId: string;
  address: string;
  subject: string;
}

/** Port: the notification log that makes sending at-most-once per (application, event, recipient, channel). */
export abstract class NotificationsRepository {
  /** Creates the row if it is new; returns the row either way. */
  abstract claim(claim: NotificationClaim): Promise<NotificationEntity>;
  abstract markSent(id: string): Promise<void>;
  abstract markFailed(id: string, error: string): Promise<void>;
  abstract listForApplication(applicationId: string): Promise<NotificationEntity[]>;
}
