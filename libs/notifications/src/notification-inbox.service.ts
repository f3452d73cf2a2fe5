import { Inject, Injectable } from '@nestjs/common';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import type { NotificationEntity } from './notification.entity';
import { NotificationsRepository } from './notifications.repository';
import type { FailedNotification, PageKey } from './notifications.repository';

export const INBOX_DEFAULT_LIMIT = 20;
export const INBOX_MAX_LIMIT = 100;

export interface InboxPage<T> {
  items: T[];
  /** Opaque; pass it back as `cursor` for the next (older) page. Null on the last page. */
  nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(key: PageKey | null): string | null {
  return key ? Buffer.from(JSON.stringify([key.createdAt, key.id])).toString('base64url') : null;
}

/** Decodes a cursor made by `encodeCursor`; anything else is a 400 naming the parameter. */
export function decodeCursor(cursor: string | undefined): PageKey | null {
  if (cursor === undefined || cursor === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    typeof parsed[0] === 'string' &&
    !Number.isNaN(Date.parse(parsed[0])) &&
    typeof parsed[1] === 'string' &&
    UUID.test(parsed[1])
  ) {
    return { createdAt: parsed[0], id: parsed[1] };
  }
  throw new ApplicationException(ErrorCode.ValidationFailed, 'cursor is not a cursor this API returned (nextCursor)');
}

/** Reading side of the notifications: a user's in-app inbox, and the failed deliveries auditors and admins check. */
@Injectable()
export class NotificationInboxService {
  constructor(@Inject(NotificationsRepository) private readonly log: NotificationsRepository) {}

  /** The caller's own in-app notifications, newest first. */
  async inbox(
    userId: string,
    query: { unreadOnly?: boolean; limit?: number; cursor?: string },
  ): Promise<InboxPage<NotificationEntity>> {
    const page = await this.log.listInbox(userId, {
      unreadOnly: query.unreadOnly ?? false,
      limit: clampLimit(query.limit),
      after: decodeCursor(query.cursor),
    });
    return { items: page.items, nextCursor: encodeCursor(page.next) };
  }

  /** Marks one of the caller's notifications read; someone else's (or an unknown id) is NOTIFICATION_NOT_FOUND. */
  async markRead(userId: string, notificationId: string): Promise<NotificationEntity> {
    const row = await this.log.markRead(notificationId, userId);
    if (!row) {
      throw new ApplicationException(ErrorCode.NotificationNotFound, `You have no notification ${notificationId}`);
    }
    return row;
  }

  /** Email and SMS deliveries that failed (still being retried, or given up), newest first. */
  async failed(query: { limit?: number; cursor?: string }): Promise<InboxPage<FailedNotification>> {
    const page = await this.log.listFailed({ limit: clampLimit(query.limit), after: decodeCursor(query.cursor) });
    return { items: page.items, nextCursor: encodeCursor(page.next) };
  }
}

function clampLimit(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? INBOX_DEFAULT_LIMIT), 1), INBOX_MAX_LIMIT);
}
