import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationStatus = 'pending' | 'sent' | 'failed';

/** Email over SMTP, SMS through the gateway, and the in-app inbox (`GET /me/notifications`). */
export type NotificationChannel = 'email' | 'sms' | 'in_app';
export const NOTIFICATION_CHANNELS: readonly NotificationChannel[] = ['email', 'sms', 'in_app'];

/**
 * One message per (application, event key, recipient, channel): the unique key is what prevents doubles. System
 * notices (no application) have the same key with a null application (NULLS NOT DISTINCT).
 */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid', nullable: true }) applicationId: string | null;
  @Column({ name: 'event_key', type: 'text' }) eventKey: string;
  @Column({ name: 'recipient_user_id', type: 'uuid' }) recipientUserId: string;
  @Column({ type: 'text' }) channel: NotificationChannel;
  /** Email address or phone number; null for the inbox. Personal data: masked in every response. */
  @Column({ type: 'text', nullable: true }) address: string | null;
  @Column({ type: 'text' }) subject: string;
  /** The rendered text (the email body, the SMS line, the inbox text); null on rows older than the channels. */
  @Column({ type: 'text', nullable: true }) body: string | null;
  @Column({ type: 'text' }) status: NotificationStatus;
  @Column({ type: 'int' }) attempts: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  /** The channel refused the message for good (SMS gateway 4xx): failed, and no retry sends it again. */
  @Column({ name: 'permanent_failure', type: 'boolean' }) permanentFailure: boolean;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
  /** Inbox only: when the recipient marked it read. */
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
