import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type TaskStatus = 'open' | 'completed';

/** Projection of the workflow's current level, kept by activities; `GET /tasks` reads it. */
@Entity({ name: 'approval_tasks' })
export class ApprovalTaskEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ type: 'int' }) level: number;
  @Column({ name: 'level_name', type: 'text' }) levelName: string;
  @Column({ name: 'org_unit_id', type: 'uuid' }) orgUnitId: string;
  @Column({ name: 'assignee_ids', type: 'uuid', array: true }) assigneeIds: string[];
  @Column({ type: 'text' }) status: TaskStatus;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
}
