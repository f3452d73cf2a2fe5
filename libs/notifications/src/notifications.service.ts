import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationException, ErrorCode, structuredLog } from '@aidflow/common';
import type { Locale } from '@aidflow/org';
import type { NotificationEvent } from '@aidflow/workflows/types';
import { Mailer } from './mailer';
import type { NotificationChannel } from './notification.entity';
import { NotificationsRepository } from './notifications.repository';
import type { NotificationClaim } from './notifications.repository';
import { SmsGateway } from './sms-gateway';
import { renderNotification } from './templates';
import type { RenderedNotification, TemplateVars } from './templates';

export interface NotificationRecipient {
  userId: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  /** SMS is opt-in. */
  notifySms: boolean;
  locale: Locale;
}

export interface SendRequest {
  applicationId: string;
  event: NotificationEvent;
  level?: number;
  /** Tells repeated events of one kind apart (a second urge, round 2); part of the dedupe key. */
  occurrence?: string;
  recipient: NotificationRecipient;
  vars: Omit<TemplateVars, 'recipientName' | 'applicationId' | 'level'>;
}

/** A notice about no application, rendered by its sender in the recipient's language. */
export interface SystemNotice {
  eventKey: string;
  recipient: NotificationRecipient;
  rendered: RenderedNotification;
}

/**
 * `sent`: something went out on this call; `already-sent`: every channel had gone out before (a retry after success);
 * `partly-failed`: a channel refused the message for good (recorded as failed), the others went out.
 */
export type SendResult = 'sent' | 'already-sent' | 'partly-failed';

type ChannelOutcome = 'sent' | 'already-sent' | 'failed-permanently' | { retry: unknown };

/** The dedupe key of a notice: `event`, `event:L<level>`, plus `:<occurrence>` for a repeated event. */
export function notificationEventKey(event: NotificationEvent, level?: number, occurrence?: string): string {
  return [event, level === undefined ? null : `L${level}`, occurrence ?? null].filter((p) => p !== null).join(':');
}

/** The event a stored event key is about. */
export function eventOfKey(eventKey: string): NotificationEvent {
  return eventKey.split(':')[0] as NotificationEvent;
}

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));

@Injectable()
export class NotificationsService {
  private readonly logger = structuredLog(new Logger(NotificationsService.name));

  constructor(
    @Inject(NotificationsRepository) private readonly log: NotificationsRepository,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(SmsGateway) private readonly sms: SmsGateway,
  ) {}

  /**
   * Sends one notice on every channel of the recipient: the inbox always, email when they have an address, SMS when
   * they opted in, have a number and a gateway is configured. Each channel is claimed and marked on its own, at most
   * once per (application, event, level, occurrence, recipient, channel), so a retry re-sends only what failed. A
   * temporary failure is thrown after the other channels were tried (Temporal retries with backoff); a permanent one
   * is recorded as failed and never blocks the others or the approval.
   */
  async send(request: SendRequest): Promise<SendResult> {
    const { recipient } = request;
    const eventKey = notificationEventKey(request.event, request.level, request.occurrence);
    const rendered = renderNotification(
      request.event,
      {
        ...request.vars,
        applicationId: request.applicationId,
        recipientName: recipient.displayName,
        level: request.level,
      },
      recipient.locale,
    );
    return this.sendRendered(request.applicationId, eventKey, recipient, rendered);
  }

  /**
   * A system notice about no application (the administrators' business-calendar warning), on the same channels and
   * with the same once-per-key rule as `send`: `eventKey` names it, e.g. `calendar_expiring:2027:60d`.
   */
  sendSystem(request: SystemNotice): Promise<SendResult> {
    return this.sendRendered(null, request.eventKey, request.recipient, request.rendered);
  }

  private async sendRendered(
    applicationId: string | null,
    eventKey: string,
    recipient: NotificationRecipient,
    rendered: RenderedNotification,
  ): Promise<SendResult> {
    const claim = (channel: NotificationChannel, address: string | null, body: string): NotificationClaim => ({
      applicationId,
      eventKey,
      recipientUserId: recipient.userId,
      channel,
      address,
      subject: rendered.subject,
      body,
    });

    // The inbox first: it is our own table, so the user sees the notice even while email or SMS is down.
    const inbox = await this.log.recordDelivered(claim('in_app', null, rendered.text));
    const outcomes: ChannelOutcome[] = [inbox.created ? 'sent' : 'already-sent'];
    if (recipient.email) {
      const to = recipient.email;
      outcomes.push(
        await this.deliver(claim('email', to, rendered.text), (id) =>
          this.mailer.send({ to, subject: rendered.subject, text: rendered.text, messageId: `<${id}@aidflow.local>` }),
        ),
      );
    }
    if (recipient.notifySms && recipient.phone && this.sms.enabled) {
      const to = recipient.phone;
      outcomes.push(
        await this.deliver(claim('sms', to, rendered.sms), (id) =>
          this.sms.send({ to, text: rendered.sms, idempotencyKey: id }),
        ),
      );
    }

    const retries = outcomes.flatMap((o) => (typeof o === 'object' ? [o.retry] : []));
    if (retries.length === 1) throw retries[0];
    if (retries.length > 1) {
      throw new Error(
        `${retries.length} channels of notification ${eventKey} failed: ${retries.map(describe).join('; ')}`,
      );
    }
    if (outcomes.includes('failed-permanently')) return 'partly-failed';
    return outcomes.includes('sent') ? 'sent' : 'already-sent';
  }

  /** One channel: claim, skip if done (or refused for good), send, record. Never throws a delivery error. */
  private async deliver(claim: NotificationClaim, send: (id: string) => Promise<void>): Promise<ChannelOutcome> {
    const row = await this.log.claim(claim);
    if (row.status === 'sent') return 'already-sent';
    if (row.status === 'failed' && row.permanentFailure) return 'failed-permanently';
    try {
      await send(row.id);
    } catch (err) {
      const permanent = err instanceof ApplicationException && err.code === ErrorCode.DeliveryRejected;
      await this.log.markFailed(row.id, describe(err), { permanent });
      this.logger.warn(`Notification ${permanent ? 'refused for good' : 'failed, will retry'}`, {
        applicationId: claim.applicationId,
        channel: claim.channel,
        eventKey: claim.eventKey,
        reason: describe(err),
      });
      return permanent ? 'failed-permanently' : { retry: err };
    }
    await this.log.markSent(row.id);
    return 'sent';
  }
}
