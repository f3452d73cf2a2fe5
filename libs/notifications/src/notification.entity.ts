import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationStatus = 'pending' | 'sent' | 'failed';

/** One message per (application, event key, recipient, channel): the unique key is what prevents doubles. */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'event_key', type: 'text' }) eventKey: string;
  @Column({ name: 'recipient_user_id', type: 'uuid' }) recipientUserId: string;
  @Column({ type: 'text' }) channel: 'email';
  @Column({ type: 'text' }) address: string;
  @Column({ type: 'text' }) subject: string;
  @Column({ type: 'text' }) status: NotificationStatus;
  @Column({ type: 'int' }) attempts: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
