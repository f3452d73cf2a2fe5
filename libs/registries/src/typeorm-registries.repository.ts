import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { appendLedgerEntry } from '@aidflow/audit';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import type { HardshipTier } from '@aidflow/policy';
import { HouseholdFileEntity, HouseholdFileEventEntity } from './household-file.entity';
import type { HouseholdFileEventKind, HouseholdFileFacts } from './household-file.entity';
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

const UNIQUE_VIOLATION = '23505';

/** Units of a branch: the root and everything below it. */
const BRANCH_UNITS = `WITH RECURSIVE branch AS (
    SELECT id FROM org_units WHERE id = $1::uuid
    UNION ALL
    SELECT o.id FROM org_units o JOIN branch b ON o.parent_id = b.id
  )`;

function constraintOf(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  if (code !== UNIQUE_VIOLATION) return null;
  return e.driverError?.constraint ?? e.constraint ?? '';
}

interface FileRow {
  id: string;
  file_no: string;
  head_user_id: string;
  org_unit_id: string;
  tier: HardshipTier;
  household_size: number;
  facts: HouseholdFileFacts;
  standard_id: string | null;
  status: 'open' | 'closed';
  filed_on: string;
  verified_on: string;
  closed_on: string | null;
  closed_reason: string | null;
  filed_by: string;
  created_at: Date;
  head_name: string;
  head_username: string;
}

const FILE_COLUMNS = `f.id, f.file_no, f.head_user_id, f.org_unit_id, f.tier, f.household_size, f.facts, f.standard_id,
  f.status, to_char(f.filed_on, 'YYYY-MM-DD') AS filed_on, to_char(f.verified_on, 'YYYY-MM-DD') AS verified_on,
  to_char(f.closed_on, 'YYYY-MM-DD') AS closed_on, f.closed_reason, f.filed_by, f.created_at,
  u.display_name AS head_name, u.username AS head_username`;

function toFileView(r: FileRow): HouseholdFileView {
  return Object.assign(new HouseholdFileEntity(), {
    id: r.id,
    fileNo: r.file_no,
    headUserId: r.head_user_id,
    orgUnitId: r.org_unit_id,
    tier: r.tier,
    householdSize: r.household_size,
    facts: r.facts,
    standardId: r.standard_id,
    status: r.status,
    filedOn: r.filed_on,
    verifiedOn: r.verified_on,
    closedOn: r.closed_on,
    closedReason: r.closed_reason,
    filedBy: r.filed_by,
    createdAt: r.created_at,
    headName: r.head_name,
    headUsername: r.head_username,
  });
}

interface ModelWorkerRow {
  id: string;
  user_id: string | null;
  name: string;
  honour_level: ModelWorkerView['honourLevel'];
  work_status: WorkStatus;
  org_unit_id: string;
  awarded_year: number;
  active: boolean;
  created_at: Date;
  org_unit_code: string;
  username: string | null;
}

const MODEL_WORKER_COLUMNS = `m.id, m.user_id, m.name, m.honour_level, m.work_status, m.org_unit_id, m.awarded_year,
  m.active, m.created_at, o.code AS org_unit_code, u.username`;
const MODEL_WORKER_FROM = `model_workers m JOIN org_units o ON o.id = m.org_unit_id LEFT JOIN users u ON u.id = m.user_id`;

function toModelWorkerView(r: ModelWorkerRow): ModelWorkerView {
  return Object.assign(new ModelWorkerEntity(), {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    honourLevel: r.honour_level,
    workStatus: r.work_status,
    orgUnitId: r.org_unit_id,
    awardedYear: r.awarded_year,
    active: r.active,
    createdAt: r.created_at,
    orgUnitCode: r.org_unit_code,
    username: r.username,
  });
}

interface EnrolmentRow {
  id: string;
  user_id: string;
  coverage_year: number;
  unit_org_id: string;
  enrolled_on: string;
  coverage_from: string;
  coverage_to: string;
  created_at: Date;
  username: string;
  member_name: string;
  unit_code: string;
}

const ENROLMENT_COLUMNS = `e.id, e.user_id, e.coverage_year, e.unit_org_id,
  to_char(e.enrolled_on, 'YYYY-MM-DD') AS enrolled_on, to_char(e.coverage_from, 'YYYY-MM-DD') AS coverage_from,
  to_char(e.coverage_to, 'YYYY-MM-DD') AS coverage_to, e.created_at,
  u.username, u.display_name AS member_name, o.code AS unit_code`;
const ENROLMENT_FROM = `medical_enrolments e JOIN users u ON u.id = e.user_id JOIN org_units o ON o.id = e.unit_org_id`;

function toEnrolmentView(r: EnrolmentRow): MedicalEnrolmentView {
  return Object.assign(new MedicalEnrolmentEntity(), {
    id: r.id,
    userId: r.user_id,
    coverageYear: r.coverage_year,
    unitOrgId: r.unit_org_id,
    enrolledOn: r.enrolled_on,
    coverageFrom: r.coverage_from,
    coverageTo: r.coverage_to,
    createdAt: r.created_at,
    username: r.username,
    memberName: r.member_name,
    unitCode: r.unit_code,
  });
}

interface ReportRow {
  id: string;
  application_id: string;
  reported_by: string;
  items: SubsidyUsageReportEntity['items'];
  total_fen: string;
  note: string | null;
  reported_at: Date;
}

function toReport(r: ReportRow): SubsidyUsageReportEntity {
  return Object.assign(new SubsidyUsageReportEntity(), {
    id: r.id,
    applicationId: r.application_id,
    reportedBy: r.reported_by,
    items: r.items,
    totalFen: Number(r.total_fen),
    note: r.note,
    reportedAt: r.reported_at,
  });
}

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
        await this.event(tx, id, 'filed', file.filedBy, file.tier, file.facts.note, file.facts);
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
      const file = await this.lockOpenFile(tx, id);
      if (v.tier === null) {
        await tx.query(
          `UPDATE household_files SET facts = $2, household_size = $3, standard_id = $4, verified_on = $5,
             status = 'closed', closed_on = $5, closed_reason = 'recovered' WHERE id = $1`,
          [id, JSON.stringify(v.facts), v.facts.householdSize, v.standardId, v.verifiedOn],
        );
        await this.event(
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
        await this.event(tx, id, kind, v.actorId, v.tier, note, v.facts);
      }
      return (await this.findFile(id, tx))!;
    });
  }

  async closeFile(id: string, c: { reason: string; closedOn: string; actorId: string }): Promise<HouseholdFileEntity> {
    return this.db.transaction(async (tx) => {
      await this.lockOpenFile(tx, id);
      await tx.query(`UPDATE household_files SET status = 'closed', closed_on = $2, closed_reason = $3 WHERE id = $1`, [
        id,
        c.closedOn,
        c.reason,
      ]);
      await this.event(tx, id, 'closed', c.actorId, null, c.reason, null);
      return (await this.findFile(id, tx))!;
    });
  }

  private async lockOpenFile(tx: EntityManager, id: string): Promise<{ tier: HardshipTier; fileNo: string }> {
    const [row] = await tx.query<Array<{ tier: HardshipTier; file_no: string; status: string; closed_on: string }>>(
      `SELECT tier, file_no, status, to_char(closed_on, 'YYYY-MM-DD') AS closed_on FROM household_files
       WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row) throw new ApplicationException(ErrorCode.NotFound, `Household file ${id} does not exist`);
    if (row.status !== 'open') {
      throw new ApplicationException(
        ErrorCode.HouseholdFileClosed,
        `Household file ${row.file_no} was closed on ${row.closed_on}; file the household again instead`,
      );
    }
    return { tier: row.tier, fileNo: row.file_no };
  }

  private async event(
    tx: EntityManager,
    fileId: string,
    kind: HouseholdFileEventKind,
    actorId: string,
    tier: HardshipTier | null,
    note: string | null,
    facts: HouseholdFileFacts | null,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO household_file_events (file_id, kind, actor_id, tier, note, facts) VALUES ($1, $2, $3, $4, $5, $6)`,
      [fileId, kind, actorId, tier, note, facts === null ? null : JSON.stringify(facts)],
    );
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
