import type { NotificationChannel, NotificationEntity } from './notification.entity';

export interface NotificationClaim {
  /** Null for a system notice about no application (the administrators' business-calendar warning). */
  applicationId: string | null;
  eventKey: string;
  recipientUserId: string;
  channel: NotificationChannel;
  /** Email address or phone number; null for the inbox. */
  address: string | null;
  subject: string;
  /** The rendered text of this channel. */
  body: string;
}

/** Position in a list ordered by (created_at, id) descending; `createdAt` keeps PostgreSQL's microseconds. */
export interface PageKey {
  createdAt: string;
  id: string;
}

export interface Page<T> {
  items: T[];
  /** Where the next page starts; null on the last page. */
  next: PageKey | null;
}

export interface InboxQuery {
  unreadOnly: boolean;
  limit: number;
  after: PageKey | null;
}

export interface FailedNotification extends NotificationEntity {
  recipientUsername: string;
}

/** Port: the notification log that makes sending at-most-once per (application, event, recipient, channel). */
export abstract class NotificationsRepository {
  /** Creates the row (status pending) if it is new; returns the row either way. */
  abstract claim(claim: NotificationClaim): Promise<NotificationEntity>;
  /**
   * For channels that deliver by storing (the inbox): creates the row as sent; `created` is false when it existed.
   */
  abstract recordDelivered(claim: NotificationClaim): Promise<{ row: NotificationEntity; created: boolean }>;
  abstract markSent(id: string): Promise<void>;
  /** Counts the attempt and keeps the error; `permanent` marks a failure no retry can fix. Never un-sends a row. */
  abstract markFailed(id: string, error: string, options?: { permanent?: boolean }): Promise<void>;
  abstract listForApplication(applicationId: string): Promise<NotificationEntity[]>;
  /** The recipient's in-app notifications, newest first. */
  abstract listInbox(recipientUserId: string, query: InboxQuery): Promise<Page<NotificationEntity>>;
  /** Marks an in-app notification of this recipient read (once); null if there is none with that id for them. */
  abstract markRead(id: string, recipientUserId: string): Promise<NotificationEntity | null>;
  /** Failed email and SMS deliveries, newest first, with the recipient's username. */
  abstract listFailed(query: { limit: number; after: PageKey | null }): Promise<Page<FailedNotification>>;
}
