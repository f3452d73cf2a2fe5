import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Attempts refused by a validator or an authorization check: Temporal keeps no trace of them, this table does. */
@Entity({ name: 'rejected_attempts' })
export class RejectedAttemptEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ type: 'text' }) action: string;
  @Column({ name: 'application_id', type: 'uuid', nullable: true }) applicationId: string | null;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) reason: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
