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

export type Row = Record<string, unknown>;

/** Rows of any statement, also UPDATE/INSERT ... RETURNING (TypeORM's plain `query` returns `[rows, count]` there). */
export async function rows<T = Row>(tx: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
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

export function toCampaign(r: Row): Campaign {
  return {
    id: r.id as string,
    code: r.code as string,
    name: r.name as string,
    programCode: r.program_code as string,
    year: Number(r.year),
    fundingSource: r.funding_source as Campaign['fundingSource'],
    budgetFen: Number(r.budget_fen),
    status: r.status as CampaignStatus,
    targetGroups: r.target_groups as TargetGroup[],
    recipients: Number(r.recipients),
    plannedFen: Number(r.planned_fen),
    createdBy: r.created_by as string,
    createdAt: r.created_at as Date,
    startedAt: (r.started_at as Date | null) ?? null,
    fannedOutAt: (r.fanned_out_at as Date | null) ?? null,
    completedAt: (r.completed_at as Date | null) ?? null,
    closedAt: (r.closed_at as Date | null) ?? null,
    releasedFen: r.released_fen === null || r.released_fen === undefined ? null : Number(r.released_fen),
    closeReport: (r.close_report as CloseReport | null) ?? null,
  };
}

export const VISIT_COLUMNS = `v.id, v.campaign_id, v.recipient_kind, v.recipient_id, v.recipient_name, v.group_code,
  v.org_unit_id, ou.code AS org_unit_code, v.amount_fen, v.state, v.case_started_at, v.delivery, v.proof_sha256,
  v.proof_note, v.visitor_id, v.visited_at, v.confirmed_at, v.bank_payment_id, v.paid_at, v.payment_error`;

export function toVisit(r: Row): VisitRow {
  return {
    id: r.id as string,
    campaignId: r.campaign_id as string,
    recipientKind: r.recipient_kind as RecipientKind,
    recipientId: r.recipient_id as string,
    recipientName: r.recipient_name as string,
    groupCode: r.group_code as string,
    orgUnitId: r.org_unit_id as string,
    orgUnitCode: r.org_unit_code as string,
    amountFen: Number(r.amount_fen),
    state: r.state as VisitState,
    caseStartedAt: (r.case_started_at as Date | null) ?? null,
    delivery: (r.delivery as VisitRow['delivery']) ?? null,
    proofSha256: (r.proof_sha256 as string | null) ?? null,
    proofNote: (r.proof_note as string | null) ?? null,
    visitorId: (r.visitor_id as string | null) ?? null,
    visitedAt: (r.visited_at as Date | null) ?? null,
    confirmedAt: (r.confirmed_at as Date | null) ?? null,
    bankPaymentId: (r.bank_payment_id as string | null) ?? null,
    paidAt: (r.paid_at as Date | null) ?? null,
    paymentError: (r.payment_error as string | null) ?? null,
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

export function toReportLine(r: Row): ReportLine {
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
    payload: Row;
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
  const [row] = await rows<Row>(tx, `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = $1 ${lock}`, [
    campaignId,
  ]);
  if (!row) throw new ApplicationException(ErrorCode.CampaignNotFound, `No campaign ${campaignId}`);
  return toCampaign(row);
}

export async function requireCampaign(tx: EntityManager, campaignId: string): Promise<Campaign> {
  const [row] = await rows<Row>(tx, `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = $1`, [campaignId]);
  if (!row) throw new ApplicationException(ErrorCode.CampaignNotFound, `No campaign ${campaignId}`);
  return toCampaign(row);
}
