import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DecisionVerb } from '@aidflow/workflows/types';

@Entity({ name: 'decisions' })
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ type: 'int' }) level: number;
  @Column({ type: 'int' }) round: number;
  @Column({ name: 'level_name', type: 'text' }) levelName: string;
  @Column({ name: 'org_unit_id', type: 'uuid' }) orgUnitId: string;
  @Column({ name: 'actor_id', type: 'uuid' }) actorId: string;
  @Column({ name: 'actor_name', type: 'text' }) actorName: string;
  @Column({ type: 'text' }) decision: DecisionVerb;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz' }) decidedAt: Date;
}
