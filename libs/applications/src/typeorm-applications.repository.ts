import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendLedgerEntry } from '@aidflow/audit';
import { unitsInBranch } from '@aidflow/org';
import type { Assessment, RouteLevel, RoutingNote } from '@aidflow/policy';
import type { ActionRecord, ApplicationStatus, DecisionRecord } from '@aidflow/workflows/types';
import {
  actionPayload,
  actionRow,
  COMPLETE_TASK,
  CONTINUE_TASK,
  decisionPayload,
  decisionRow,
  doubleAid,
  INSERT_ACTION,
  INSERT_DECISION,
  INSERT_TASK,
  isUniqueViolation,
  RELEASED_STATUSES,
  REASSIGN_TASK,
  SUM_HELD_AMOUNTS,
  submittedPayload,
  taskOpenedPayload,
  taskRow,
} from './application-rows';
import { ApplicationEntity } from './application.entity';
import { ApplicationsRepository } from './applications.repository';
import type {
  ApplicationListFilter,
  ApplicationListPage,
  InsertChecks,
  NewApplication,
  OpenTask,
  Resubmission,
} from './applications.repository';
import { ApprovalTaskEntity } from './approval-task.entity';
import { CaseActionEntity } from './case-action.entity';
import { DecisionEntity } from './decision.entity';

/** The applications, their tasks, decisions and actions on PostgreSQL; every write appends its ledger line. */
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

  async insert(
    application: NewApplication,
    context: { route?: RouteLevel[]; routingNotes?: RoutingNote[] } = {},
    checks?: InsertChecks,
  ): Promise<ApplicationEntity> {
    await this.db.transaction(async (tx) => {
      if (checks) {
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [checks.lockKey]);
        // The same Idempotency-Key stored meanwhile: no checks, the caller replays it.
        const same = await tx
          .getRepository(ApplicationEntity)
          .findOneBy({ applicantUserId: application.applicantUserId, idempotencyKey: application.idempotencyKey });
        if (!same) await checks.guard(tx);
      }
      const result = await tx
        .createQueryBuilder()
        .insert()
        .into(ApplicationEntity)
        .values(application as QueryDeepPartialEntity<ApplicationEntity>)
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
        payload: submittedPayload(application, context),
      });
    });
    const stored = await this.findByIdempotencyKey(application.applicantUserId, application.idempotencyKey);
    if (stored) return stored;
    // Not inserted and not found by its key: the business key is held by another case.
    const holder = application.businessKey ? await this.findHolderOfBusinessKey(application.businessKey) : null;
    if (!holder) throw new Error(`Application ${application.id} was neither inserted nor found`);
    throw doubleAid(holder.id);
  }

  findHolderOfBusinessKey(businessKey: string, tx?: EntityManager, except?: string): Promise<ApplicationEntity | null> {
    const qb = (tx ?? this.db.manager)
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .where('a.businessKey = :businessKey', { businessKey })
      .andWhere(`a.status NOT IN (${RELEASED_STATUSES})`);
    if (except) qb.andWhere('a.id <> :except', { except });
    return qb.orderBy('a.createdAt', 'ASC').getOne();
  }

  async rekey(applicationId: string, businessKey: string | null): Promise<void> {
    try {
      await this.db.query(`UPDATE applications SET business_key = $2 WHERE id = $1`, [applicationId, businessKey]);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const holder = businessKey ? await this.findHolderOfBusinessKey(businessKey, undefined, applicationId) : null;
      throw doubleAid(holder?.id ?? null);
    }
  }

  findHeldCase(
    subjectKey: string,
    programCode: string,
    budgetYear: number,
    categories: readonly string[] | null,
    tx?: EntityManager,
  ): Promise<ApplicationEntity | null> {
    const qb = (tx ?? this.db.manager)
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .where('a.subjectKey = :subjectKey', { subjectKey })
      .andWhere('a.programCode = :programCode', { programCode })
      .andWhere('a.budgetYear = :budgetYear', { budgetYear })
      .andWhere(`a.status NOT IN (${RELEASED_STATUSES})`);
    if (categories) qb.andWhere('a.category IN (:...categories)', { categories });
    return qb.orderBy('a.createdAt', 'ASC').getOne();
  }

  async sumHeldAmounts(
    subjectKey: string,
    programCode: string,
    from: string,
    to: string,
    except?: string,
    tx?: EntityManager,
  ): Promise<number> {
    const [row] = await (tx ?? this.db.manager).query<Array<{ total: string }>>(SUM_HELD_AMOUNTS, [
      subjectKey,
      programCode,
      from,
      to,
      except ?? null,
    ]);
    return Number(row.total);
  }

  async recordEligibility(id: string, assessment: Assessment): Promise<void> {
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
      const round = task.round ?? 1;
      await tx.query(INSERT_TASK, taskRow(task, round));
      await tx.query(
        `UPDATE applications SET status = 'pending_approval', current_level = $2, updated_at = now() WHERE id = $1`,
        [task.applicationId, task.level],
      );
      await appendLedgerEntry(tx, {
        applicationId: task.applicationId,
        kind: 'task_opened',
        dedupeKey: round > 1 ? `task:L${task.level}:R${round}` : `task:L${task.level}`,
        actorId: null,
        occurredAt: new Date().toISOString(),
        payload: taskOpenedPayload(task, round),
      });
    });
  }

  async recordDecision(
    applicationId: string,
    d: DecisionRecord,
    options: { levelContinues?: boolean } = {},
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const round = d.round ?? 1;
      await tx.query(INSERT_DECISION, decisionRow(applicationId, d, round));
      // The task stays open while other approvers of the level (会签, 加签) still have to decide; it completes when the
      // level is decided.
      await tx.query(options.levelContinues ? CONTINUE_TASK : COMPLETE_TASK, [
        applicationId,
        d.level,
        round,
        options.levelContinues ? d.actorId : d.decidedAt,
      ]);
      await appendLedgerEntry(tx, {
        applicationId,
        kind: 'decision',
        dedupeKey: `decision:L${d.level}:R${round}:${d.actorId}`,
        actorId: d.actorId,
        occurredAt: d.decidedAt,
        payload: decisionPayload(d),
      });
    });
  }

  async recordAction(applicationId: string, seq: number, a: ActionRecord): Promise<void> {
    await this.db.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(INSERT_ACTION, actionRow(applicationId, seq, a));
      if (inserted.length === 0) return;
      await appendLedgerEntry(tx, {
        applicationId,
        kind: 'action',
        dedupeKey: `action:${seq}`,
        actorId: a.actorId,
        occurredAt: a.occurredAt,
        payload: actionPayload(a),
      });
    });
  }

  async reassignTask(
    applicationId: string,
    level: number,
    round: number,
    assigneeIds: string[],
    reason: string,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const updated: [unknown[], number] = await tx.query(REASSIGN_TASK, [
        applicationId,
        level,
        round,
        assigneeIds,
        reason,
      ]);
      if (updated[1] === 0) return;
      await appendLedgerEntry(tx, {
        applicationId,
        kind: 'task_reassigned',
        dedupeKey: `reassign:L${level}:R${round}:${assigneeIds.join(',')}:${reason}`,
        actorId: null,
        occurredAt: new Date().toISOString(),
        payload: { level, round, assigneeIds, reason },
      });
    });
  }

  async closeOpenTasks(applicationId: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE approval_tasks SET status = 'cancelled', closed_at = now(), assignment = array_append(assignment, $2)
       WHERE application_id = $1 AND status = 'open'`,
      [applicationId, `closed: ${reason}`],
    );
  }

  async addWatchers(applicationId: string, userIds: readonly string[]): Promise<void> {
    await this.db.query(
      `INSERT INTO case_watchers (application_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [applicationId, userIds],
    );
  }

  async isWatcher(applicationId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      'SELECT 1 FROM case_watchers WHERE application_id = $1 AND user_id = $2',
      [applicationId, userId],
    );
    return rows.length > 0;
  }

  async recordResubmission(r: Resubmission): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.getRepository(ApplicationEntity).update(
        { id: r.applicationId },
        {
          facts: r.facts as QueryDeepPartialEntity<ApplicationEntity>['facts'],
          category: r.category,
          requestedAmountFen: r.requestedAmountFen,
          eligibility: r.assessment,
          tier: r.assessment.tier,
          grantedAmountFen: r.assessment.eligible ? r.assessment.grantedAmountFen : null,
          status: 'submitted',
          currentLevel: null,
          outcomeReason: null,
        },
      );
      await appendLedgerEntry(tx, {
        applicationId: r.applicationId,
        kind: 'eligibility_assessed',
        dedupeKey: `eligibility:resubmission:${r.seq}`,
        actorId: null,
        occurredAt: new Date().toISOString(),
        payload: {
          assessment: r.assessment,
          resubmitted: { facts: r.facts, category: r.category, requestedAmountFen: r.requestedAmountFen },
        },
      });
    });
  }

  listActions(applicationId: string): Promise<CaseActionEntity[]> {
    return this.db.getRepository(CaseActionEntity).find({ where: { applicationId }, order: { seq: 'ASC' } });
  }

  listDecisions(applicationId: string): Promise<DecisionEntity[]> {
    return this.db
      .getRepository(DecisionEntity)
      .find({ where: { applicationId }, order: { decidedAt: 'ASC', level: 'ASC' } });
  }

  listTasks(applicationId: string): Promise<ApprovalTaskEntity[]> {
    return this.db
      .getRepository(ApprovalTaskEntity)
      .find({ where: { applicationId }, order: { openedAt: 'ASC', level: 'ASC' } });
  }

  async listApplications(filter: ApplicationListFilter): Promise<ApplicationListPage> {
    const qb = this.repo.createQueryBuilder('a');
    if (filter.applicantUserId) qb.andWhere('a.applicantUserId = :applicant', { applicant: filter.applicantUserId });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.programCode) qb.andWhere('a.programCode = :program', { program: filter.programCode });
    if (filter.branchId) {
      qb.andWhere(`a.orgUnitId IN ${unitsInBranch(':branch')}`, { branch: filter.branchId });
    }
    if (filter.from) qb.andWhere('a.createdAt >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.createdAt < :to', { to: filter.to });
    if (filter.minAmountFen !== undefined) qb.andWhere('a.requestedAmountFen >= :min', { min: filter.minAmountFen });
    if (filter.maxAmountFen !== undefined) qb.andWhere('a.requestedAmountFen <= :max', { max: filter.maxAmountFen });
    const [items, total] = await qb
      .orderBy('a.createdAt', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .skip(filter.offset)
      .take(filter.limit)
      .getManyAndCount();
    return { items, total };
  }
}
