import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type HonourLevel = 'national' | 'provincial' | 'city';
export const HONOUR_LEVELS: readonly HonourLevel[] = ['national', 'provincial', 'city'];
export type WorkStatus = 'working' | 'retired' | 'farmer';
export const WORK_STATUSES: readonly WorkStatus[] = ['working', 'retired', 'farmer'];

/** The model-worker registry (劳模): who may receive the "three funds". */
@Entity({ name: 'model_workers' })
export class ModelWorkerEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The user account of the model worker, when they have one (at most one entry per user). */
  @Column({ name: 'user_id', type: 'uuid', nullable: true, unique: true }) userId: string | null;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'honour_level', type: 'text' }) honourLevel: HonourLevel;
  @Column({ name: 'work_status', type: 'text' }) workStatus: WorkStatus;
  @Column({ name: 'org_unit_id', type: 'uuid' }) orgUnitId: string;
  @Column({ name: 'awarded_year', type: 'int' }) awardedYear: number;
  @Column({ type: 'boolean' }) active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
