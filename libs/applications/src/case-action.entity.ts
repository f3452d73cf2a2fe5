import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ActionVerb } from '@aidflow/workflows/types';

/** One action of the trail besides decisions: return, resubmit, withdraw, transfer, 加签, copy, urge, comment, ... */
@Entity({ name: 'case_actions' })
export class CaseActionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ type: 'int' }) seq: number;
  @Column({ type: 'text' }) verb: ActionVerb;
  @Column({ name: 'actor_id', type: 'uuid' }) actorId: string;
  @Column({ name: 'actor_name', type: 'text' }) actorName: string;
  @Column({ type: 'int', nullable: true }) level: number | null;
  @Column({ type: 'int', nullable: true }) round: number | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ type: 'jsonb' }) details: Record<string, unknown>;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
}
