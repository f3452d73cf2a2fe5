import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendLedgerEntry } from '@aidflow/audit';
import type { HardshipAssessment, RouteLevel } from '@aidflow/policy';
import type { ApplicationStatus, DecisionRecord } from '../../../workflows/types';
import { ApplicationEntity } from './application.entity';
import { ApplicationsRepository } from './applications.repository';
import type { NewApplication, OpenTask, TaskListItem } from './applications.repository';
import { ApprovalTaskEntity } from './approval-task.entity';
import { DecisionEntity } from './decision.entity';

@Injectable()
export class TypeOrmApplicationsRepository extends ApplicationsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  private get repo() {
    return this.db.getRepository(ApplicationEntity);
  }

  findById(id: string, options: { withSensitive?: boolean } = {}): Promise<ApplicationEntity | null> {
    const qb = this.repo.createQueryBuilder('a').where('a.id = :id', { id });
    if (options.withSensitive) qb.addSelect('a.nationalId');
    return qb.getOne();
  }

  findByIdempotencyKey(applicantUserId: string, key: string): Promise<ApplicationEntity | null> {
    return this.repo.findOneBy({ applicantUserId, idempotencyKey: key });
  }

  async insert(application: NewApplication, context: { route?: RouteLevel[] } = {}): Promise<ApplicationEntity> {
    await this.db.transaction(async (tx) => {
      const result = await tx
        .createQueryBuilder()
        .insert()
        .into(ApplicationEntity)
        .values(application)
        .orIgnore() // ON CONFLICT DO NOTHING: a concurrent request with the same key keeps the first row
        .returning(['id'])
        .execute();
      if ((result.raw as unknown[]).length === 0) return;
      await appendLedgerEntry(tx, {
        applicationId: application.id,
        kind: 'submitted',
        dedupeKey: 'submitted',
        actorId: application.applicantUserId,
        occurredAt: new Date().toISOString(),
        payload: {
          programCode: application.programCode,
          category: application.category,
          requestedAmountFen: application.requestedAmountFen,
          facts: application.facts,
          orgUnitId: application.orgUnitId,
          standardId: application.standardId,
          policyVersion: application.policyVersion,
          budgetYear: application.budgetYear,
          nationalIdProvided: application.nationalId !== null,
          route: context.route ?? null,
        },
      });
    });
    const stored = await this.findByIdempotencyKey(application.applicantUserId, application.idempotencyKey);
    if (!stored) throw new Error(`Application ${application.id} was neither inserted nor found`);
    return stored;
  }

  async recordEligibility(id: string, assessment: HardshipAssessment): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.getRepository(ApplicationEntity).update(
        { id },
        {
          eligibility: assessment,
          tier: assessment.tier,
          grantedAmountFen: assessment.eligible ? assessment.grantedAmountFen : null,
        },
      );
      await appendLedgerEntry(tx, {
        applicationId: id,
        kind: 'eligibility_assessed',
        dedupeKey: 'eligibility',
        actorId: null,
        occurredAt: new Date().toISOString(),
        payload: { assessment },
      });
    });
  }

  async updateStatus(
    id: string,
    status: ApplicationStatus,
    currentLevel: number | null,
    reason: string | null,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.getRepository(ApplicationEntity).update({ id }, { status, currentLevel, outcomeReason: reason });
      await appendLedgerEntry(tx, {
        applicationId: id,
        kind: 'status_changed',
        dedupeKey: `status:${status}`,
        actorId: null,
        occurredAt: new Date().toISOString(),
        payload: { status, currentLevel, reason },
      });
    });
  }

  async openTask(task: OpenTask): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO approval_tasks (application_id, level, level_name, org_unit_id, assignee_ids, status, opened_at)
         VALUES ($1, $2, $3, $4, $5::uuid[], 'open', now())
         ON CONFLICT (application_id, level) DO NOTHING`,
        [task.applicationId, task.level, task.levelName, task.orgUnitId, task.assigneeIds],
      );
      await tx.query(
        `UPDATE applications SET status = 'pending_approval', current_level = $2, updated_at = now() WHERE id = $1`,
        [task.applicationId, task.level],
      );
      await appendLedgerEntry(tx, {
        applicationId: task.applicationId,
        kind: 'task_opened',
        dedupeKey: `task:L${task.level}`,
        actorId: null,
        occurredAt: new Date().toISOString(),
        payload: {
          level: task.level,
          levelName: task.levelName,
          orgUnitId: task.orgUnitId,
          assigneeIds: task.assigneeIds,
        },
      });
    });
  }

  async recordDecision(applicationId: string, d: DecisionRecord): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO decisions (application_id, level, level_name, org_unit_id, actor_id, actor_name, decision, comment, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (application_id, level) DO NOTHING`,
        [applicationId, d.level, d.levelName, d.orgUnitId, d.actorId, d.actorName, d.decision, d.comment, d.decidedAt],
      );
      await tx.query(
        `UPDATE approval_tasks SET status = 'completed', closed_at = $3
         WHERE application_id = $1 AND level = $2 AND status = 'open'`,
        [applicationId, d.level, d.decidedAt],
      );
      await appendLedgerEntry(tx, {
        applicationId,
        kind: 'decision',
        dedupeKey: `decision:L${d.level}`,
        actorId: d.actorId,
        occurredAt: d.decidedAt,
        payload: {
          level: d.level,
          levelName: d.levelName,
          orgUnitId: d.orgUnitId,
          actorName: d.actorName,
          decision: d.decision,
          comment: d.comment,
        },
      });
    });
  }

  listDecisions(applicationId: string): Promise<DecisionEntity[]> {
    return this.db.getRepository(DecisionEntity).find({ where: { applicationId }, order: { level: 'ASC' } });
  }

  listTasks(applicationId: string): Promise<ApprovalTaskEntity[]> {
    return this.db.getRepository(ApprovalTaskEntity).find({ where: { applicationId }, order: { level: 'ASC' } });
  }

  async listOpenTasksFor(userId: string): Promise<TaskListItem[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT t.id AS task_id, t.application_id, t.level, t.level_name, t.org_unit_id, t.opened_at,
              a.program_code, a.category, a.requested_amount_fen, a.granted_amount_fen, a.tier,
              a.applicant_user_id, u.display_name AS applicant_name
       FROM approval_tasks t
       JOIN applications a ON a.id = t.application_id
       JOIN users u ON u.id = a.applicant_user_id
       WHERE t.status = 'open' AND $1::uuid = ANY (t.assignee_ids)
       ORDER BY t.opened_at ASC`,
      [userId],
    );
    return rows.map((r) => ({
      taskId: r.task_id as string,
      applicationId: r.application_id as string,
      level: r.level as number,
      levelName: r.level_name as string,
      orgUnitId: r.org_unit_id as string,
      openedAt: r.opened_at as Date,
      programCode: r.program_code as string,
      category: r.category as string,
      requestedAmountFen: Number(r.requested_amount_fen),
      grantedAmountFen: r.granted_amount_fen === null ? null : Number(r.granted_amount_fen),
      tier: (r.tier as string | null) ?? null,
      applicantUserId: r.applicant_user_id as string,
      applicantName: r.applicant_name as string,
    }));
  }
}
