import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { appendLedgerEntry } from '@aidflow/audit';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { HouseholdFileEntity, HouseholdFileEventEntity } from './household-file.entity';
import { MedicalEnrolmentEntity } from './medical-enrolment.entity';
import { ModelWorkerEntity } from './model-worker.entity';
import type { WorkStatus } from './model-worker.entity';
import { RegistriesRepository } from './registries.repository';
import type {
  HouseholdFileVerification,
  HouseholdFileView,
  MedicalEnrolmentView,
  ModelWorkerView,
  NewHouseholdFile,
  NewModelWorker,
  NewUsageReport,
  Page,
  ReportedCase,
} from './registries.repository';
import { SubsidyUsageReportEntity } from './subsidy-usage-report.entity';
import {
  BRANCH_UNITS,
  appendFileEvent,
  constraintOf,
  ENROLMENT_COLUMNS,
  ENROLMENT_FROM,
  FILE_COLUMNS,
  lockOpenFile,
  MODEL_WORKER_COLUMNS,
  MODEL_WORKER_FROM,
  toEnrolmentView,
  toFileView,
  toModelWorkerView,
  toReport,
} from './registry-rows';
import type { EnrolmentRow, FileRow, ModelWorkerRow, ReportRow } from './registry-rows';

@Injectable()
export class TypeOrmRegistriesRepository extends RegistriesRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  // --- household files (一户一档) ---

  async openFileOfHead(userId: string): Promise<HouseholdFileEntity | null> {
    const [row] = await this.db.query<FileRow[]>(
      `SELECT ${FILE_COLUMNS} FROM household_files f JOIN users u ON u.id = f.head_user_id
       WHERE f.head_user_id = $1 AND f.status = 'open'`,
      [userId],
    );
    return row ? toFileView(row) : null;
  }

  async findFile(id: string, manager: EntityManager = this.db.manager): Promise<HouseholdFileView | null> {
    const [row] = await manager.query<FileRow[]>(
      `SELECT ${FILE_COLUMNS} FROM household_files f JOIN users u ON u.id = f.head_user_id WHERE f.id = $1`,
      [id],
    );
    return row ? toFileView(row) : null;
  }

  fileEvents(fileId: string): Promise<HouseholdFileEventEntity[]> {
    return this.db.getRepository(HouseholdFileEventEntity).find({ where: { fileId }, order: { occurredAt: 'ASC' } });
  }

  async listFiles(filter: {
    status?: 'open' | 'closed';
    branchRootId?: string;
    page: number;
    pageSize: number;
  }): Promise<Page<HouseholdFileView>> {
    const params: unknown[] = [filter.branchRootId ?? null];
    const where = [`($1::uuid IS NULL OR f.org_unit_id IN (SELECT id FROM branch))`];
    if (filter.status) {
      params.push(filter.status);
      where.push(`f.status = $${params.length}`);
    }
    const from = `${BRANCH_UNITS}
      SELECT %COLUMNS% FROM household_files f JOIN users u ON u.id = f.head_user_id WHERE ${where.join(' AND ')}`;
    const [{ count }] = await this.db.query<Array<{ count: string }>>(
      from.replace('%COLUMNS%', 'count(*) AS count'),
      params,
    );
    const rows = await this.db.query<FileRow[]>(
      `${from.replace('%COLUMNS%', FILE_COLUMNS)} ORDER BY f.created_at DESC, f.file_no DESC
       LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      params,
    );
    return { items: rows.map(toFileView), total: Number(count), page: filter.page, pageSize: filter.pageSize };
  }

  async createFile(file: NewHouseholdFile): Promise<HouseholdFileEntity> {
    try {
      return await this.db.transaction(async (tx) => {
        const year = file.filedOn.slice(0, 4);
        // Numbers are handed out one filing at a time per year: HF-2026-000001, HF-2026-000002, ...
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`household_file_no:${year}`]);
        const [{ last }] = await tx.query<Array<{ last: number | null }>>(
          `SELECT max(substring(file_no FROM 9)::int) AS last FROM household_files WHERE file_no LIKE $1`,
          [`HF-${year}-%`],
        );
        const fileNo = `HF-${year}-${String((last ?? 0) + 1).padStart(6, '0')}`;
        const [{ id }] = await tx.query<Array<{ id: string }>>(
          `INSERT INTO household_files (file_no, head_user_id, org_unit_id, tier, household_size, facts, standard_id,
             status, filed_on, verified_on, filed_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $8, $9) RETURNING id`,
          [
            fileNo,
            file.headUserId,
            file.orgUnitId,
            file.tier,
            file.facts.householdSize,
            JSON.stringify(file.facts),
            file.standardId,
            file.filedOn,
            file.filedBy,
          ],
        );
        await appendFileEvent(tx, id, 'filed', file.filedBy, file.tier, file.facts.note, file.facts);
        return (await this.findFile(id, tx))!;
      });
    } catch (err) {
      if (constraintOf(err) === 'household_files_one_open') {
        const open = await this.openFileOfHead(file.headUserId);
        throw new ApplicationException(
          ErrorCode.HouseholdFileExists,
          `The household head already has an open file${open ? ` ${open.fileNo} (filed ${open.filedOn})` : ''}`,
          open ? { fileId: open.id, fileNo: open.fileNo } : undefined,
        );
      }
      throw err;
    }
  }

  async verifyFile(id: string, v: HouseholdFileVerification): Promise<HouseholdFileEntity> {
    return this.db.transaction(async (tx) => {
      const file = await lockOpenFile(tx, id);
      if (v.tier === null) {
        await tx.query(
          `UPDATE household_files SET facts = $2, household_size = $3, standard_id = $4, verified_on = $5,
             status = 'closed', closed_on = $5, closed_reason = 'recovered' WHERE id = $1`,
          [id, JSON.stringify(v.facts), v.facts.householdSize, v.standardId, v.verifiedOn],
        );
        await appendFileEvent(
          tx,
          id,
          'closed',
          v.actorId,
          null,
          `recovered (退档): the re-verification of ${v.verifiedOn} found no hardship tier`,
          v.facts,
        );
      } else {
        await tx.query(
          `UPDATE household_files SET facts = $2, household_size = $3, standard_id = $4, verified_on = $5, tier = $6
           WHERE id = $1`,
          [id, JSON.stringify(v.facts), v.facts.householdSize, v.standardId, v.verifiedOn, v.tier],
        );
        const kind = v.tier === file.tier ? 'verified' : 'retiered';
        const note =
          kind === 'verified' ? v.facts.note : `${file.tier} -> ${v.tier}${v.facts.note ? `: ${v.facts.note}` : ''}`;
        await appendFileEvent(tx, id, kind, v.actorId, v.tier, note, v.facts);
      }
      return (await this.findFile(id, tx))!;
    });
  }

  async closeFile(id: string, c: { reason: string; closedOn: string; actorId: string }): Promise<HouseholdFileEntity> {
    return this.db.transaction(async (tx) => {
      await lockOpenFile(tx, id);
      await tx.query(`UPDATE household_files SET status = 'closed', closed_on = $2, closed_reason = $3 WHERE id = $1`, [
        id,
        c.closedOn,
        c.reason,
      ]);
      await appendFileEvent(tx, id, 'closed', c.actorId, null, c.reason, null);
      return (await this.findFile(id, tx))!;
    });
  }

  // --- model-worker registry (劳模) ---

  async unitIdByCode(code: string): Promise<string | null> {
    const [row] = await this.db.query<Array<{ id: string }>>(`SELECT id FROM org_units WHERE code = $1`, [code]);
    return row?.id ?? null;
  }

  async createModelWorker(entry: NewModelWorker): Promise<ModelWorkerView> {
    try {
      const [{ id }] = await this.db.query<Array<{ id: string }>>(
        `INSERT INTO model_workers (user_id, name, honour_level, work_status, org_unit_id, awarded_year)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [entry.userId, entry.name, entry.honourLevel, entry.workStatus, entry.orgUnitId, entry.awardedYear],
      );
      return (await this.findModelWorker(id))!;
    } catch (err) {
      if (constraintOf(err) !== null && entry.userId) {
        const [existing] = await this.db.query<Array<{ id: string }>>(
          `SELECT id FROM model_workers WHERE user_id = $1`,
          [entry.userId],
        );
        throw new ApplicationException(
          ErrorCode.ModelWorkerExists,
          `The user is linked to model-worker entry ${existing?.id ?? '(unknown)'} already`,
          { entryId: existing?.id },
        );
      }
      throw err;
    }
  }

  async findModelWorker(id: string): Promise<ModelWorkerView | null> {
    const [row] = await this.db.query<ModelWorkerRow[]>(
      `SELECT ${MODEL_WORKER_COLUMNS} FROM ${MODEL_WORKER_FROM} WHERE m.id = $1`,
      [id],
    );
    return row ? toModelWorkerView(row) : null;
  }

  async listModelWorkers(filter: { branchRootId?: string }): Promise<ModelWorkerView[]> {
    const rows = await this.db.query<ModelWorkerRow[]>(
      `${BRANCH_UNITS}
       SELECT ${MODEL_WORKER_COLUMNS} FROM ${MODEL_WORKER_FROM}
       WHERE ($1::uuid IS NULL OR m.org_unit_id IN (SELECT id FROM branch))
       ORDER BY m.honour_level, m.awarded_year, m.created_at`,
      [filter.branchRootId ?? null],
    );
    return rows.map(toModelWorkerView);
  }

  async updateModelWorker(id: string, change: { active?: boolean; workStatus?: WorkStatus }): Promise<ModelWorkerView> {
    await this.db.query(
      `UPDATE model_workers SET active = coalesce($2, active), work_status = coalesce($3, work_status) WHERE id = $1`,
      [id, change.active ?? null, change.workStatus ?? null],
    );
    const entry = await this.findModelWorker(id);
    if (!entry) throw new ApplicationException(ErrorCode.NotFound, `Model-worker entry ${id} does not exist`);
    return entry;
  }

  activeModelWorkerOfUser(userId: string): Promise<ModelWorkerEntity | null> {
    return this.db.getRepository(ModelWorkerEntity).findOneBy({ userId, active: true });
  }

  // --- medical mutual-aid enrolments (职工医疗互助) ---

  async createEnrolment(e: Omit<MedicalEnrolmentEntity, 'id' | 'createdAt'>): Promise<MedicalEnrolmentView> {
    const inserted = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO medical_enrolments (user_id, coverage_year, unit_org_id, enrolled_on, coverage_from, coverage_to)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, coverage_year) DO NOTHING RETURNING id`,
      [e.userId, e.coverageYear, e.unitOrgId, e.enrolledOn, e.coverageFrom, e.coverageTo],
    );
    if (inserted.length === 0) {
      const [existing] = await this.listEnrolments({ userId: e.userId, year: e.coverageYear });
      throw new ApplicationException(
        ErrorCode.AlreadyEnrolled,
        `The member is enrolled for ${e.coverageYear} already (enrolment ${existing?.id}, enrolled on ${existing?.enrolledOn})`,
        { enrolmentId: existing?.id },
      );
    }
    const [view] = await this.enrolments('e.id = $1', [inserted[0].id]);
    return view;
  }

  listEnrolments(filter: { userId?: string; year?: number; branchRootId?: string }): Promise<MedicalEnrolmentView[]> {
    return this.enrolments(
      `($1::uuid IS NULL OR e.user_id = $1) AND ($2::int IS NULL OR e.coverage_year = $2)
       AND ($3::uuid IS NULL OR e.unit_org_id IN (SELECT id FROM branch))`,
      [filter.userId ?? null, filter.year ?? null, filter.branchRootId ?? null],
      true,
    );
  }

  async enrolmentOn(userId: string, date: string): Promise<MedicalEnrolmentEntity | null> {
    const [row] = await this.enrolments(
      `e.user_id = $1`,
      [userId, date],
      false,
      `ORDER BY ($2::date BETWEEN e.coverage_from AND e.coverage_to) DESC, e.coverage_to DESC LIMIT 1`,
    );
    return row ?? null;
  }

  private async enrolments(
    where: string,
    params: unknown[],
    withBranch = false,
    order = 'ORDER BY e.coverage_year DESC, u.username',
  ): Promise<MedicalEnrolmentView[]> {
    const branch = withBranch
      ? `WITH RECURSIVE branch AS (
           SELECT id FROM org_units WHERE id = $3::uuid
           UNION ALL
           SELECT o.id FROM org_units o JOIN branch b ON o.parent_id = b.id
         ) `
      : '';
    const rows = await this.db.query<EnrolmentRow[]>(
      `${branch}SELECT ${ENROLMENT_COLUMNS} FROM ${ENROLMENT_FROM} WHERE ${where} ${order}`,
      params,
    );
    return rows.map(toEnrolmentView);
  }

  // --- usage reports of grassroots-union subsidies ---

  async reportedCase(applicationId: string): Promise<ReportedCase | null> {
    const [row] = await this.db.query<
      Array<{
        id: string;
        program_code: string;
        applicant_user_id: string;
        org_unit_id: string;
        status: string;
        granted_amount_fen: string | null;
      }>
    >(
      `SELECT id, program_code, applicant_user_id, org_unit_id, status, granted_amount_fen FROM applications
       WHERE id = $1`,
      [applicationId],
    );
    if (!row) return null;
    return {
      id: row.id,
      programCode: row.program_code,
      applicantUserId: row.applicant_user_id,
      orgUnitId: row.org_unit_id,
      status: row.status,
      grantedAmountFen: row.granted_amount_fen === null ? null : Number(row.granted_amount_fen),
    };
  }

  async createUsageReport(report: NewUsageReport): Promise<SubsidyUsageReportEntity> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query<ReportRow[]>(
        `INSERT INTO subsidy_usage_reports (application_id, reported_by, items, total_fen, note)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (application_id) DO NOTHING
         RETURNING id, application_id, reported_by, items, total_fen, note, reported_at`,
        [report.applicationId, report.reportedBy, JSON.stringify(report.items), report.totalFen, report.note],
      );
      if (inserted.length === 0) {
        const [existing] = await tx.query<Array<{ id: string; reported_at: Date }>>(
          `SELECT id, reported_at FROM subsidy_usage_reports WHERE application_id = $1`,
          [report.applicationId],
        );
        throw new ApplicationException(
          ErrorCode.UsageReportExists,
          `Application ${report.applicationId} has a usage report already (${existing?.id}, reported ` +
            `${existing?.reported_at.toISOString().slice(0, 10)}); one report per application`,
          { reportId: existing?.id },
        );
      }
      const stored = toReport(inserted[0]);
      await appendLedgerEntry(tx, {
        applicationId: report.applicationId,
        kind: 'action',
        dedupeKey: `usage-report:${stored.id}`,
        actorId: report.reportedBy,
        occurredAt: stored.reportedAt.toISOString(),
        payload: {
          verb: 'usage_report',
          level: null,
          round: null,
          actorName: report.reporterName,
          comment: report.note,
          details: { reportId: stored.id, totalFen: report.totalFen, items: report.items },
        },
      });
      return stored;
    });
  }

  async findUsageReport(applicationId: string): Promise<SubsidyUsageReportEntity | null> {
    const [row] = await this.db.query<ReportRow[]>(
      `SELECT id, application_id, reported_by, items, total_fen, note, reported_at FROM subsidy_usage_reports
       WHERE application_id = $1`,
      [applicationId],
    );
    return row ? toReport(row) : null;
  }
}
