import { ApplicationException, ErrorCode } from '@aidflow/common';
import type { EntityManager } from 'typeorm';
import type {
  Campaign,
  CampaignStatus,
  CloseReport,
  RecipientKind,
  ReportLine,
  TargetGroup,
  VisitRow,
  VisitState,
} from './campaign.types';

/** What both campaign repositories read and write with: the row mappers, shared SQL and the campaign event log. */

/** The columns of CAMPAIGN_COLUMNS as PostgreSQL answers them (bigint as text, int as number). */
export interface CampaignDbRow {
  id: string;
  code: string;
  name: string;
  program_code: string;
  year: number;
  funding_source: Campaign['fundingSource'];
  budget_fen: string;
  status: CampaignStatus;
  target_groups: TargetGroup[];
  recipients: number;
  planned_fen: string;
  created_by: string;
  created_at: Date;
  started_at: Date | null;
  fanned_out_at: Date | null;
  completed_at: Date | null;
  closed_at: Date | null;
  released_fen: string | null;
  close_report: CloseReport | null;
}

/** The columns of VISIT_COLUMNS. */
export interface VisitDbRow {
  id: string;
  campaign_id: string;
  recipient_kind: RecipientKind;
  recipient_id: string;
  recipient_name: string;
  group_code: string;
  org_unit_id: string;
  org_unit_code: string;
  amount_fen: string;
  state: VisitState;
  case_started_at: Date | null;
  delivery: VisitRow['delivery'];
  proof_sha256: string | null;
  proof_note: string | null;
  visitor_id: string | null;
  visited_at: Date | null;
  confirmed_at: Date | null;
  bank_payment_id: string | null;
  paid_at: Date | null;
  payment_error: string | null;
}

/** The columns of REPORT_AGGREGATES. */
export interface ReportDbRow {
  recipients: number;
  visited: number;
  paid: number;
  failed: number;
  skipped: number;
  planned_fen: string;
  paid_fen: string;
}

/** Rows of any statement, also UPDATE/INSERT ... RETURNING (TypeORM's plain `query` returns `[rows, count]` there). */
export async function rows<T>(tx: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = (await tx.queryRunner!.query(sql, params, true)) as { records: T[] };
  return result.records;
}

/** The org units of a branch: the root and everything below it. */
const BRANCH_CTE = `branch AS (
  SELECT id FROM org_units WHERE id = $BRANCH
  UNION ALL SELECT o.id FROM org_units o JOIN branch b ON o.parent_id = b.id)`;

export function branchCte(param: string): string {
  return `WITH RECURSIVE ${BRANCH_CTE.replace('$BRANCH', param)}`;
}

export const CAMPAIGN_COLUMNS = `c.id, c.code, c.name, c.program_code, c.year, c.funding_source, c.budget_fen, c.status,
  c.target_groups, c.recipients, c.planned_fen, c.created_by, c.created_at, c.started_at, c.fanned_out_at,
  c.completed_at, c.closed_at, c.released_fen, c.close_report`;

export function toCampaign(r: CampaignDbRow): Campaign {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    programCode: r.program_code,
    year: Number(r.year),
    fundingSource: r.funding_source,
    budgetFen: Number(r.budget_fen),
    status: r.status,
    targetGroups: r.target_groups,
    recipients: Number(r.recipients),
    plannedFen: Number(r.planned_fen),
    createdBy: r.created_by,
    createdAt: r.created_at,
    startedAt: r.started_at ?? null,
    fannedOutAt: r.fanned_out_at ?? null,
    completedAt: r.completed_at ?? null,
    closedAt: r.closed_at ?? null,
    releasedFen: r.released_fen === null ? null : Number(r.released_fen),
    closeReport: r.close_report ?? null,
  };
}

export const VISIT_COLUMNS = `v.id, v.campaign_id, v.recipient_kind, v.recipient_id, v.recipient_name, v.group_code,
  v.org_unit_id, ou.code AS org_unit_code, v.amount_fen, v.state, v.case_started_at, v.delivery, v.proof_sha256,
  v.proof_note, v.visitor_id, v.visited_at, v.confirmed_at, v.bank_payment_id, v.paid_at, v.payment_error`;

export function toVisit(r: VisitDbRow): VisitRow {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    recipientKind: r.recipient_kind,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    groupCode: r.group_code,
    orgUnitId: r.org_unit_id,
    orgUnitCode: r.org_unit_code,
    amountFen: Number(r.amount_fen),
    state: r.state,
    caseStartedAt: r.case_started_at ?? null,
    delivery: r.delivery ?? null,
    proofSha256: r.proof_sha256 ?? null,
    proofNote: r.proof_note ?? null,
    visitorId: r.visitor_id ?? null,
    visitedAt: r.visited_at ?? null,
    confirmedAt: r.confirmed_at ?? null,
    bankPaymentId: r.bank_payment_id ?? null,
    paidAt: r.paid_at ?? null,
    paymentError: r.payment_error ?? null,
  };
}

/** Aggregates of a set of visits, for the close-out report. */
export const REPORT_AGGREGATES = `count(*)::int AS recipients,
  count(*) FILTER (WHERE v.confirmed_at IS NOT NULL)::int AS visited,
  count(*) FILTER (WHERE v.state = 'paid')::int AS paid,
  count(*) FILTER (WHERE v.state = 'payment_failed')::int AS failed,
  count(*) FILTER (WHERE v.state = 'skipped')::int AS skipped,
  coalesce(sum(v.amount_fen), 0)::bigint AS planned_fen,
  coalesce(sum(v.amount_fen) FILTER (WHERE v.state = 'paid'), 0)::bigint AS paid_fen`;

export function toReportLine(r: ReportDbRow): ReportLine {
  return {
    recipients: Number(r.recipients),
    visited: Number(r.visited),
    paid: Number(r.paid),
    failed: Number(r.failed),
    skipped: Number(r.skipped),
    plannedFen: Number(r.planned_fen),
    paidFen: Number(r.paid_fen),
  };
}

/** One line of a campaign's event log, once per dedupe key. */
export async function appendEvent(
  tx: EntityManager,
  event: {
    campaignId: string;
    visitId?: string;
    kind: string;
    dedupeKey: string;
    actorId: string | null;
    payload: Record<string, unknown>;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO campaign_events (campaign_id, visit_id, kind, dedupe_key, actor_id, payload)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (campaign_id, dedupe_key) DO NOTHING`,
    [
      event.campaignId,
      event.visitId ?? null,
      event.kind,
      event.dedupeKey,
      event.actorId,
      JSON.stringify(event.payload),
    ],
  );
}

export async function lockCampaign(
  tx: EntityManager,
  campaignId: string,
  lock: 'FOR UPDATE' | 'FOR SHARE' = 'FOR UPDATE',
): Promise<Campaign> {
  const [row] = await rows<CampaignDbRow>(tx, `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = $1 ${lock}`, [
    campaignId,
  ]);
  if (!row) throw new ApplicationException(ErrorCode.CampaignNotFound, `No campaign ${campaignId}`);
  return toCampaign(row);
}

export async function requireCampaign(tx: EntityManager, campaignId: string): Promise<Campaign> {
  const [row] = await rows<CampaignDbRow>(tx, `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = $1`, [
    campaignId,
  ]);
  if (!row) throw new ApplicationException(ErrorCode.CampaignNotFound, `No campaign ${campaignId}`);
  return toCampaign(row);
}
