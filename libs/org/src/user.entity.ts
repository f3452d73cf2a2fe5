import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type Role = 'applicant' | 'approver' | 'auditor' | 'admin';
export const ROLES: readonly Role[] = ['applicant', 'approver', 'auditor', 'admin'];

/** The language a user reads notifications in; Chinese unless the user chose English. */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) username: string;
  @Column({ name: 'display_name', type: 'text' }) displayName: string;
  @Column({ type: 'text' }) email: string;
  @Column({ name: 'password_hash', type: 'text', select: false }) passwordHash: string;
  @Column({ type: 'text' }) role: Role;
  @Column({ name: 'org_unit_id', type: 'uuid', nullable: true }) orgUnitId: string | null;
  @Column({ name: 'approval_level', type: 'int', nullable: true }) approvalLevel: number | null;
  /** Mobile number for SMS notices (digits, optional leading +); personal data, never in responses or logs. */
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ type: 'text' }) locale: Locale;
  /** SMS is opt-in; it needs a phone number and a configured gateway (SMS_GATEWAY_URL). */
  @Column({ name: 'notify_sms', type: 'boolean' }) notifySms: boolean;
  /** Set by an administrator: the user cannot log in, and tokens issued before answer 401. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
