import type { EntityManager } from 'typeorm';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import type { HardshipTier } from '@aidflow/policy';
import { HouseholdFileEntity } from './household-file.entity';
import type { HouseholdFileEventKind, HouseholdFileFacts } from './household-file.entity';
import { MedicalEnrolmentEntity } from './medical-enrolment.entity';
import { ModelWorkerEntity } from './model-worker.entity';
import type { WorkStatus } from './model-worker.entity';
import type { HouseholdFileView, MedicalEnrolmentView, ModelWorkerView } from './registries.repository';
import { SubsidyUsageReportEntity } from './subsidy-usage-report.entity';

/** The registries' rows as PostgreSQL returns them, their columns and mappers, and the shared SQL of a branch. */

const UNIQUE_VIOLATION = '23505';

/** Units of a branch: the root and everything below it. */
export const BRANCH_UNITS = `WITH RECURSIVE branch AS (
    SELECT id FROM org_units WHERE id = $1::uuid
    UNION ALL
    SELECT o.id FROM org_units o JOIN branch b ON o.parent_id = b.id
  )`;

export function constraintOf(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  if (code !== UNIQUE_VIOLATION) return null;
  return e.driverError?.constraint ?? e.constraint ?? '';
}

export interface FileRow {
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

export const FILE_COLUMNS = `f.id, f.file_no, f.head_user_id, f.org_unit_id, f.tier, f.household_size, f.facts, f.standard_id,
  f.status, to_char(f.filed_on, 'YYYY-MM-DD') AS filed_on, to_char(f.verified_on, 'YYYY-MM-DD') AS verified_on,
  to_char(f.closed_on, 'YYYY-MM-DD') AS closed_on, f.closed_reason, f.filed_by, f.created_at,
  u.display_name AS head_name, u.username AS head_username`;

export function toFileView(r: FileRow): HouseholdFileView {
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

export interface ModelWorkerRow {
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

export const MODEL_WORKER_COLUMNS = `m.id, m.user_id, m.name, m.honour_level, m.work_status, m.org_unit_id, m.awarded_year,
  m.active, m.created_at, o.code AS org_unit_code, u.username`;
export const MODEL_WORKER_FROM = `model_workers m JOIN org_units o ON o.id = m.org_unit_id LEFT JOIN users u ON u.id = m.user_id`;

export function toModelWorkerView(r: ModelWorkerRow): ModelWorkerView {
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

export interface EnrolmentRow {
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

export const ENROLMENT_COLUMNS = `e.id, e.user_id, e.coverage_year, e.unit_org_id,
  to_char(e.enrolled_on, 'YYYY-MM-DD') AS enrolled_on, to_char(e.coverage_from, 'YYYY-MM-DD') AS coverage_from,
  to_char(e.coverage_to, 'YYYY-MM-DD') AS coverage_to, e.created_at,
  u.username, u.display_name AS member_name, o.code AS unit_code`;
export const ENROLMENT_FROM = `medical_enrolments e JOIN users u ON u.id = e.user_id JOIN org_units o ON o.id = e.unit_org_id`;

export function toEnrolmentView(r: EnrolmentRow): MedicalEnrolmentView {
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

export interface ReportRow {
  id: string;
  application_id: string;
  reported_by: string;
  items: SubsidyUsageReportEntity['items'];
  total_fen: string;
  note: string | null;
  reported_at: Date;
}

export function toReport(r: ReportRow): SubsidyUsageReportEntity {
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

/** Locks an open household file for a change; a closed one cannot change. */
export async function lockOpenFile(tx: EntityManager, id: string): Promise<{ tier: HardshipTier; fileNo: string }> {
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

/** One line of a household file's history. */
export async function appendFileEvent(
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
