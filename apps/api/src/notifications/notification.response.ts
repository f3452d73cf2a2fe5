import { maskEmail, maskIdentifier } from '@aidflow/common';
import { eventOfKey } from '@aidflow/notifications';
import type { FailedNotification, NotificationEntity } from '@aidflow/notifications';
import type { FailedNotificationResponse, NotificationResponse } from './notifications.dto';

/** An inbox entry: the text the recipient was sent; no address, no personal data of anyone else. */
export function toNotificationResponse(n: NotificationEntity): NotificationResponse {
  const level = /:L(\d+)(?::|$)/.exec(n.eventKey);
  return {
    id: n.id,
    applicationId: n.applicationId,
    event: eventOfKey(n.eventKey),
    level: level ? Number(level[1]) : null,
    subject: n.subject,
    text: n.body ?? n.subject,
    createdAt: n.createdAt,
    readAt: n.readAt,
  };
}

/** A failed delivery for auditors and admins: who and what, with the address masked. */
export function toFailedNotificationResponse(n: FailedNotification): FailedNotificationResponse {
  return {
    id: n.id,
    applicationId: n.applicationId,
    event: eventOfKey(n.eventKey),
    eventKey: n.eventKey,
    channel: n.channel,
    recipient: { userId: n.recipientUserId, username: n.recipientUsername },
    address: n.channel === 'email' ? maskEmail(n.address) : maskIdentifier(n.address),
    attempts: n.attempts,
    lastError: n.lastError,
    permanent: n.permanentFailure,
    createdAt: n.createdAt,
  };
}
