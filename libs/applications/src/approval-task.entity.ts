import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type TaskStatus = 'open' | 'completed' | 'cancelled';

/** Projection of the workflow's current level, kept by activities; `GET /tasks` reads it. */
@Entity({ name: 'approval_tasks' })
export class ApprovalTaskEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ type: 'int' }) level: number;
  @Column({ type: 'int' }) round: number;
  @Column({ name: 'level_name', type: 'text' }) levelName: string;
  @Column({ name: 'org_unit_id', type: 'uuid' }) orgUnitId: string;
  @Column({ name: 'assignee_ids', type: 'uuid', array: true }) assigneeIds: string[];
  /** Why the task sits with these approvers: routing rules, transfer, 加签, escalation, in words. */
  @Column({ type: 'text', array: true }) assignment: string[];
  @Column({ type: 'text' }) status: TaskStatus;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
}
