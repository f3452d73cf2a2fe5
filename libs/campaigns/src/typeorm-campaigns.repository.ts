import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { ApplicationException, ErrorCode, fenToYuan } from '@aidflow/common';
import { CampaignsRepository } from './campaigns.repository';
import type { VisitPageQuery } from './campaigns.repository';
import { RECIPIENT_KIND, VISIT_STATES } from './campaign.types';
import type {
  Campaign,
  CampaignProgress,
  CampaignStatus,
  CloseOutcome,
  CloseReport,
  ConfirmationResult,
  Confirmer,
  NewCampaign,
  RecipientKind,
  ReportLine,
  StartOutcome,
  TargetGroup,
  TargetKind,
  VisitConfirmation,
  VisitRow,
  VisitState,
} from './campaign.types';

type Row = Record<string, unknown>;

/** Rows of any statement, also UPDATE/INSERT ... RETURNING (TypeORM's plain `query` returns `[rows, count]` there). */
async function rows<T = Row>(tx: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = (await tx.queryRunner!.query(sql, params, true)) as { records: T[] };
  return result.records;
}

/** The registry each target kind reads: recipient id, name, group and org unit of every active entry. */
const REGISTRY_SELECT: Record<TargetKind, string> = {
  needy_households: `SELECT hf.id, u.display_name, hf.tier, hf.org_unit_id
    FROM household_files hf JOIN users u ON u.id = hf.head_user_id
    WHERE hf.status = 'open' AND ($3::text[] IS NULL OR hf.tier = ANY($3::text[]))`,
  model_workers: `SELECT mw.id, mw.name, mw.honour_level, mw.org_unit_id FROM model_workers mw
    WHERE mw.active AND ($3::text[] IS NULL OR mw.honour_level = ANY($3::text[]))`,
  frontline: `SELECT fw.id, fw.name, fw.group_code, fw.org_unit_id FROM frontline_workers fw
    WHERE fw.active AND ($3::text[] IS NULL OR fw.group_code = ANY($3::text[]))`,
};

/** The org units of a branch: the root and everything below it. */
const BRANCH_CTE = `branch AS (
  SELECT id FROM org_units WHERE id = $BRANCH
  UNION ALL SELECT o.id FROM org_units o JOIN branch b ON o.parent_id = b.id)`;

function branchCte(param: string): string {
  return `WITH RECURSIVE ${BRANCH_CTE.replace('$BRANCH', param)}`;
}

const CAMPAIGN_COLUMNS = `c.id, c.code, c.name, c.program_code, c.year, c.funding_source, c.budget_fen, c.status,
  c.target_groups, c.recipients, c.planned_fen, c.created_by, c.created_at, c.started_at, c.fanned_out_at,
  c.completed_at, c.closed_at, c.released_fen, c.close_report`;

function toCampaign(r: Row): Campaign {
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

const VISIT_COLUMNS = `v.id, v.campaign_id, v.recipient_kind, v.recipient_id, v.recipient_name, v.group_code,
  v.org_unit_id, ou.code AS org_unit_code, v.amount_fen, v.state, v.case_started_at, v.delivery, v.proof_sha256,
  v.proof_note, v.visitor_id, v.visited_at, v.confirmed_at, v.bank_payment_id, v.paid_at, v.payment_error`;

function toVisit(r: Row): VisitRow {
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
const REPORT_AGGREGATES = `count(*)::int AS recipients,
  count(*) FILTER (WHERE v.confirmed_at IS NOT NULL)::int AS visited,
  count(*) FILTER (WHERE v.state = 'paid')::int AS paid,
  count(*) FILTER (WHERE v.state = 'payment_failed')::int AS failed,
  count(*) FILTER (WHERE v.state = 'skipped')::int AS skipped,
  coalesce(sum(v.amount_fen), 0)::bigint AS planned_fen,
  coalesce(sum(v.amount_fen) FILTER (WHERE v.state = 'paid'), 0)::bigint AS paid_fen`;

function toReportLine(r: Row): ReportLine {
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

async function appendEvent(
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

@Injectable()
export class TypeOrmCampaignsRepository extends CampaignsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  async findProgramId(code: string): Promise<string | null> {
    const [row] = await this.db.query<Array<{ id: string }>>(`SELECT id FROM programs WHERE code = $1`, [code]);
    return row?.id ?? null;
  }

  async create(c: NewCampaign): Promise<Campaign> {
    return this.db.transaction(async (tx) => {
      const amounts = Object.fromEntries(
        c.targetGroups.map((g) => [`${g.kind}:${g.groups ? g.groups.join('+') : '*'}`, g.amountFen]),
      );
      const [row] = await rows<{ id: string }>(
        tx,
        `INSERT INTO campaigns (code, name, program_id, program_code, year, funding_source, budget_fen, status,
                                target_groups, amounts, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $10)
         ON CONFLICT (code) DO NOTHING RETURNING id`,
        [
          c.code,
          c.name,
          c.programId,
          c.programCode,
          c.year,
          c.fundingSource,
          c.budgetFen,
          JSON.stringify(c.targetGroups),
          JSON.stringify(amounts),
          c.createdBy,
        ],
      );
      if (!row) {
        throw new ApplicationException(ErrorCode.CampaignConflict, `A campaign with code "${c.code}" exists already`, {
          code: c.code,
        });
      }
      await appendEvent(tx, {
        campaignId: row.id,
        kind: 'defined',
        dedupeKey: 'defined',
        actorId: c.createdBy,
        payload: { code: c.code, budgetFen: c.budgetFen, targetGroups: c.targetGroups },
      });
      return this.requireCampaign(tx, row.id);
    });
  }

  async findById(id: string): Promise<Campaign | null> {
    const [row] = await this.db.query<Row[]>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = $1`, [id]);
    return row ? toCampaign(row) : null;
  }

  async findByCode(code: string): Promise<Campaign | null> {
    const [row] = await this.db.query<Row[]>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.code = $1`, [code]);
    return row ? toCampaign(row) : null;
  }

  async list(): Promise<Campaign[]> {
    const list = await this.db.query<Row[]>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c ORDER BY c.created_at DESC`);
    return list.map(toCampaign);
  }

  async start(campaignId: string, actorId: string): Promise<StartOutcome> {
    return this.db.transaction(async (tx) => {
      const campaign = await this.lockCampaign(tx, campaignId);
      if (campaign.status !== 'draft') return { campaign, startedNow: false };

      for (const group of campaign.targetGroups) {
        await tx.query(
          `INSERT INTO campaign_visits (campaign_id, recipient_kind, recipient_id, recipient_name, group_code,
                                        org_unit_id, amount_fen)
           SELECT $1, $2, r.*, $4::bigint FROM (${REGISTRY_SELECT[group.kind]}) r
           ON CONFLICT (campaign_id, recipient_kind, recipient_id) DO NOTHING`,
          [campaignId, RECIPIENT_KIND[group.kind], group.groups, group.amountFen],
        );
      }
      const [totals] = await rows<{ n: number; fen: string }>(
        tx,
        `SELECT count(*)::int AS n, coalesce(sum(amount_fen), 0)::bigint AS fen FROM campaign_visits
         WHERE campaign_id = $1`,
        [campaignId],
      );
      const plannedFen = Number(totals.fen);
      if (totals.n === 0) {
        throw new ApplicationException(
          ErrorCode.CampaignConflict,
          `Campaign ${campaign.code} has no recipients: its target groups match nobody in the registries`,
        );
      }
      if (plannedFen > campaign.budgetFen) {
        throw new ApplicationException(
          ErrorCode.CampaignBudgetShortfall,
          `${totals.n} recipients x their amounts need ${fenToYuan(plannedFen)} CNY, over the campaign budget of ` +
            `${fenToYuan(campaign.budgetFen)} CNY: short by ${fenToYuan(plannedFen - campaign.budgetFen)} CNY`,
          {
            recipients: totals.n,
            neededFen: plannedFen,
            budgetFen: campaign.budgetFen,
            shortfallFen: plannedFen - campaign.budgetFen,
          },
        );
      }
      // Race-safe: the WHERE clause is re-checked on the locked envelope row, so two starts (or a start and an
      // approval) racing for the last yuan cannot both take it; the table's CHECK constraint is the backstop.
      const [reserved] = await rows<{ id: string }>(
        tx,
        `UPDATE budget_envelopes e SET reserved_fen = reserved_fen + $4
         FROM campaigns c
         WHERE c.id = $5 AND e.program_id = c.program_id AND e.year = $1 AND e.funding_source = $2
           AND e.allocated_fen - e.reserved_fen - e.paid_fen >= $3
         RETURNING e.id`,
        [campaign.year, campaign.fundingSource, campaign.budgetFen, campaign.budgetFen, campaignId],
      );
      if (!reserved) {
        const [envelope] = await rows<{ remaining: string }>(
          tx,
          `SELECT (e.allocated_fen - e.reserved_fen - e.paid_fen)::bigint AS remaining
           FROM budget_envelopes e JOIN campaigns c ON c.program_id = e.program_id
           WHERE c.id = $1 AND e.year = $2 AND e.funding_source = $3`,
          [campaignId, campaign.year, campaign.fundingSource],
        );
        const what = `${campaign.programCode} ${campaign.year} ${campaign.fundingSource}`;
        if (!envelope) {
          throw new ApplicationException(
            ErrorCode.CampaignBudgetShortfall,
            `There is no budget envelope ${what} to reserve the campaign budget of ${fenToYuan(campaign.budgetFen)} CNY from`,
            { envelope: what, budgetFen: campaign.budgetFen, remainingFen: 0, shortfallFen: campaign.budgetFen },
          );
        }
        const remaining = Number(envelope.remaining);
        throw new ApplicationException(
          ErrorCode.CampaignBudgetShortfall,
          `The budget envelope ${what} has ${fenToYuan(remaining)} CNY left, the campaign budget is ` +
            `${fenToYuan(campaign.budgetFen)} CNY: short by ${fenToYuan(campaign.budgetFen - remaining)} CNY`,
          {
            envelope: what,
            budgetFen: campaign.budgetFen,
            remainingFen: remaining,
            shortfallFen: campaign.budgetFen - remaining,
          },
        );
      }
      await tx.query(
        `UPDATE campaigns SET status = 'running', started_at = now(), envelope_id = $2, recipients = $3,
                              planned_fen = $4
         WHERE id = $1`,
        [campaignId, reserved.id, totals.n, plannedFen],
      );
      await appendEvent(tx, {
        campaignId,
        kind: 'started',
        dedupeKey: 'started',
        actorId,
        payload: { envelopeId: reserved.id, reservedFen: campaign.budgetFen, recipients: totals.n, plannedFen },
      });
      return { campaign: await this.requireCampaign(tx, campaignId), startedNow: true };
    });
  }

  async progress(campaignId: string): Promise<CampaignProgress> {
    const list = await this.db.query<Array<{ state: VisitState; n: number; fen: string; started: number }>>(
      `SELECT state, count(*)::int AS n, coalesce(sum(amount_fen), 0)::bigint AS fen,
              count(*) FILTER (WHERE case_started_at IS NOT NULL)::int AS started
       FROM campaign_visits WHERE campaign_id = $1 GROUP BY state`,
      [campaignId],
    );
    const counts = Object.fromEntries(VISIT_STATES.map((s) => [s, 0])) as Record<VisitState, number>;
    const amountsFen = Object.fromEntries(VISIT_STATES.map((s) => [s, 0])) as Record<VisitState, number>;
    let recipients = 0;
    let casesCreated = 0;
    for (const r of list) {
      counts[r.state] = r.n;
      amountsFen[r.state] = Number(r.fen);
      recipients += r.n;
      casesCreated += r.started;
    }
    return { recipients, casesCreated, counts, amountsFen };
  }

  async listVisits(campaignId: string, q: VisitPageQuery): Promise<{ total: number; visits: VisitRow[] }> {
    const params: unknown[] = [campaignId, q.state, q.pageSize, (q.page - 1) * q.pageSize, q.branchOrgUnitId];
    const list = await this.db.query<Row[]>(
      `${branchCte('$5::uuid')}
       SELECT ${VISIT_COLUMNS}, count(*) OVER ()::int AS total
       FROM campaign_visits v JOIN org_units ou ON ou.id = v.org_unit_id
       WHERE v.campaign_id = $1 AND ($2::text IS NULL OR v.state = $2)
         AND ($5::uuid IS NULL OR v.org_unit_id IN (SELECT id FROM branch))
       ORDER BY ou.code, v.group_code, v.id LIMIT $3 OFFSET $4`,
      params,
    );
    let total = list.length > 0 ? Number(list[0].total) : 0;
    if (list.length === 0 && q.page > 1) {
      const [count] = await this.db.query<Array<{ total: number }>>(
        `${branchCte('$3::uuid')}
         SELECT count(*)::int AS total FROM campaign_visits v
         WHERE v.campaign_id = $1 AND ($2::text IS NULL OR v.state = $2)
           AND ($3::uuid IS NULL OR v.org_unit_id IN (SELECT id FROM branch))`,
        [campaignId, q.state, q.branchOrgUnitId],
      );
      total = count.total;
    }
    return { total, visits: list.map(toVisit) };
  }

  async findVisit(visitId: string): Promise<VisitRow | null> {
    const [row] = await this.db.query<Row[]>(
      `SELECT ${VISIT_COLUMNS} FROM campaign_visits v JOIN org_units ou ON ou.id = v.org_unit_id WHERE v.id = $1`,
      [visitId],
    );
    return row ? toVisit(row) : null;
  }

  async confirmVisits(
    campaignId: string,
    confirmer: Confirmer,
    confirmations: VisitConfirmation[],
  ): Promise<ConfirmationResult[]> {
    return this.db.transaction(async (tx) => {
      // A share lock: confirmations go on side by side, a close waits for them (and they for it).
      const [campaign] = await rows<{ status: CampaignStatus; code: string }>(
        tx,
        `SELECT status, code FROM campaigns WHERE id = $1 FOR SHARE`,
        [campaignId],
      );
      if (!campaign) throw new ApplicationException(ErrorCode.CampaignNotFound, `No campaign ${campaignId}`);
      if (campaign.status !== 'running') {
        throw new ApplicationException(
          ErrorCode.CampaignConflict,
          `Campaign ${campaign.code} is ${campaign.status}: visits are confirmed only while it is running`,
        );
      }
      const ids = confirmations.map((c) => c.visitId);
      const confirmed = await rows<{ id: string }>(
        tx,
        `${branchCte('$3::uuid')}
         UPDATE campaign_visits v SET state = 'visited', delivery = x.delivery, proof_sha256 = x.sha,
                proof_note = x.note, visited_at = x.at, visitor_id = $2, confirmed_at = now()
         FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[], $8::timestamptz[]) AS x(id, delivery, sha, note, at)
         WHERE v.id = x.id AND v.campaign_id = $1 AND v.state = 'planned' AND v.case_started_at IS NOT NULL
           AND ($3::uuid IS NULL OR v.org_unit_id IN (SELECT id FROM branch))
         RETURNING v.id`,
        [
          campaignId,
          confirmer.userId,
          confirmer.branchOrgUnitId,
          ids,
          confirmations.map((c) => c.delivery),
          confirmations.map((c) => c.proofSha256),
          confirmations.map((c) => c.proofNote),
          confirmations.map((c) => c.visitedAt),
        ],
      );
      const confirmedIds = confirmed.map((r) => r.id);
      if (confirmedIds.length > 0) {
        await tx.query(
          `INSERT INTO campaign_events (campaign_id, visit_id, kind, dedupe_key, actor_id, payload)
           SELECT $1, v.id, 'visit_confirmed', 'confirmed:' || v.id, $2,
                  jsonb_build_object('delivery', v.delivery, 'proofSha256', v.proof_sha256,
                                     'hasNote', v.proof_note IS NOT NULL, 'visitedAt', v.visited_at,
                                     'amountFen', v.amount_fen)
           FROM campaign_visits v WHERE v.id = ANY($3::uuid[])
           ON CONFLICT (campaign_id, dedupe_key) DO NOTHING`,
          [campaignId, confirmer.userId, confirmedIds],
        );
      }
      const done = new Set(confirmedIds);
      const others = ids.filter((id) => !done.has(id));
      const why = new Map<string, { state: VisitState; inBranch: boolean; started: boolean }>();
      if (others.length > 0) {
        const list = await rows<{ id: string; state: VisitState; in_branch: boolean; started: boolean }>(
          tx,
          `${branchCte('$3::uuid')}
           SELECT v.id, v.state, ($3::uuid IS NULL OR v.org_unit_id IN (SELECT id FROM branch)) AS in_branch,
                  v.case_started_at IS NOT NULL AS started
           FROM campaign_visits v WHERE v.campaign_id = $1 AND v.id = ANY($2::uuid[])`,
          [campaignId, others, confirmer.branchOrgUnitId],
        );
        for (const r of list) why.set(r.id, { state: r.state, inBranch: r.in_branch, started: r.started });
      }
      return ids.map((visitId): ConfirmationResult => {
        if (done.has(visitId)) return { visitId, outcome: 'confirmed', state: 'visited' };
        const seen = why.get(visitId);
        if (!seen) return { visitId, outcome: 'not_found', state: null };
        if (!seen.inBranch) return { visitId, outcome: 'outside_branch', state: seen.state };
        if (seen.state === 'skipped') return { visitId, outcome: 'skipped', state: seen.state };
        if (seen.state !== 'planned') return { visitId, outcome: 'already_confirmed', state: seen.state };
        return { visitId, outcome: 'case_not_ready', state: seen.state };
      });
    });
  }

  async recordVisitPayment(visitId: string, bankPaymentId: string | null): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [visit] = await rows<{ campaign_id: string; amount_fen: string; delivery: string }>(
        tx,
        `UPDATE campaign_visits SET state = 'paid', bank_payment_id = $2, paid_at = now(), payment_error = NULL
         WHERE id = $1 AND state = 'visited' RETURNING campaign_id, amount_fen, delivery`,
        [visitId, bankPaymentId],
      );
      if (!visit) return false; // paid already (a retried activity)
      await tx.query(
        `UPDATE budget_envelopes SET reserved_fen = reserved_fen - $2, paid_fen = paid_fen + $2
         WHERE id = (SELECT envelope_id FROM campaigns WHERE id = $1)`,
        [visit.campaign_id, visit.amount_fen],
      );
      await appendEvent(tx, {
        campaignId: visit.campaign_id,
        visitId,
        kind: 'visit_paid',
        dedupeKey: `paid:${visitId}`,
        actorId: null,
        payload: { amountFen: Number(visit.amount_fen), bankPaymentId, delivery: visit.delivery },
      });
      return true;
    });
  }

  async recordVisitPaymentFailure(visitId: string, error: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [visit] = await rows<{ campaign_id: string; amount_fen: string }>(
        tx,
        `UPDATE campaign_visits SET state = 'payment_failed', payment_error = $2
         WHERE id = $1 AND state = 'visited' RETURNING campaign_id, amount_fen`,
        [visitId, error],
      );
      if (!visit) return false;
      await appendEvent(tx, {
        campaignId: visit.campaign_id,
        visitId,
        kind: 'visit_payment_failed',
        dedupeKey: `payment_failed:${visitId}`,
        actorId: null,
        payload: { amountFen: Number(visit.amount_fen), error },
      });
      return true;
    });
  }

  async close(campaignId: string, actorId: string): Promise<CloseOutcome> {
    return this.db.transaction(async (tx) => {
      const campaign = await this.lockCampaign(tx, campaignId, 'FOR UPDATE');
      if (campaign.status === 'closed' && campaign.closeReport) {
        return { report: campaign.closeReport, skippedVisitIds: [], closedNow: false };
      }
      if (campaign.status === 'draft') {
        throw new ApplicationException(
          ErrorCode.CampaignConflict,
          `Campaign ${campaign.code} was never started: there is nothing to close`,
        );
      }
      const [inFlight] = await rows<{ n: number }>(
        tx,
        `SELECT count(*)::int AS n FROM campaign_visits WHERE campaign_id = $1 AND state = 'visited'`,
        [campaignId],
      );
      if (inFlight.n > 0) {
        throw new ApplicationException(
          ErrorCode.CampaignConflict,
          `Campaign ${campaign.code} has ${inFlight.n} confirmed visits still being paid; close it once they are settled`,
          { visitsBeingPaid: inFlight.n },
        );
      }
      const skipped = await rows<{ id: string }>(
        tx,
        `UPDATE campaign_visits SET state = 'skipped' WHERE campaign_id = $1 AND state = 'planned' RETURNING id`,
        [campaignId],
      );
      const [total] = await rows<Row>(
        tx,
        `SELECT ${REPORT_AGGREGATES} FROM campaign_visits v WHERE v.campaign_id = $1`,
        [campaignId],
      );
      const totals = toReportLine(total);
      const releasedFen = campaign.budgetFen - totals.paidFen;
      await tx.query(
        `UPDATE budget_envelopes SET reserved_fen = reserved_fen - $2
         WHERE id = (SELECT envelope_id FROM campaigns WHERE id = $1)`,
        [campaignId, releasedFen],
      );
      const byGroup = await rows<Row>(
        tx,
        `SELECT v.recipient_kind, v.group_code, ${REPORT_AGGREGATES} FROM campaign_visits v
         WHERE v.campaign_id = $1 GROUP BY v.recipient_kind, v.group_code ORDER BY v.recipient_kind, v.group_code`,
        [campaignId],
      );
      const byOrgUnit = await rows<Row>(
        tx,
        `SELECT ou.code, ou.name, ${REPORT_AGGREGATES} FROM campaign_visits v JOIN org_units ou ON ou.id = v.org_unit_id
         WHERE v.campaign_id = $1 GROUP BY ou.code, ou.name ORDER BY ou.code`,
        [campaignId],
      );
      const closedAt = new Date();
      const report: CloseReport = {
        campaignId,
        code: campaign.code,
        budgetFen: campaign.budgetFen,
        releasedFen,
        closedAt: closedAt.toISOString(),
        ...totals,
        byGroup: byGroup.map((r) => ({
          kind: r.recipient_kind as RecipientKind,
          group: r.group_code as string,
          ...toReportLine(r),
        })),
        byOrgUnit: byOrgUnit.map((r) => ({
          orgUnitCode: r.code as string,
          orgUnitName: r.name as string,
          ...toReportLine(r),
        })),
      };
      await tx.query(
        `UPDATE campaigns SET status = 'closed', closed_at = $2, released_fen = $3, close_report = $4 WHERE id = $1`,
        [campaignId, closedAt, releasedFen, JSON.stringify(report)],
      );
      await appendEvent(tx, {
        campaignId,
        kind: 'closed',
        dedupeKey: 'closed',
        actorId,
        payload: { ...totals, releasedFen, skippedNow: skipped.length },
      });
      return { report, skippedVisitIds: skipped.map((r) => r.id), closedNow: true };
    });
  }

  async nextVisitPage(campaignId: string, afterVisitId: string | null, limit: number): Promise<string[]> {
    const list = await this.db.query<Array<{ id: string }>>(
      `SELECT id FROM campaign_visits WHERE campaign_id = $1 AND ($2::uuid IS NULL OR id > $2::uuid)
       ORDER BY id LIMIT $3`,
      [campaignId, afterVisitId, limit],
    );
    return list.map((r) => r.id);
  }

  async markCasesStarted(campaignId: string, visitIds: string[]): Promise<void> {
    await this.db.query(
      `UPDATE campaign_visits SET case_started_at = now()
       WHERE campaign_id = $1 AND id = ANY($2::uuid[]) AND case_started_at IS NULL`,
      [campaignId, visitIds],
    );
  }

  async markFannedOut(campaignId: string): Promise<void> {
    await this.db.query(`UPDATE campaigns SET fanned_out_at = now() WHERE id = $1 AND fanned_out_at IS NULL`, [
      campaignId,
    ]);
  }

  async completeIfSettled(campaignId: string): Promise<CampaignStatus> {
    return this.db.transaction(async (tx) => {
      const [done] = await rows<{ id: string }>(
        tx,
        `UPDATE campaigns c SET status = 'completed', completed_at = now()
         WHERE c.id = $1 AND c.status = 'running' AND c.fanned_out_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM campaign_visits v
                           WHERE v.campaign_id = c.id AND v.state IN ('planned', 'visited'))
         RETURNING c.id`,
        [campaignId],
      );
      if (done) {
        await appendEvent(tx, { campaignId, kind: 'completed', dedupeKey: 'completed', actorId: null, payload: {} });
      }
      const [row] = await rows<{ status: CampaignStatus }>(tx, `SELECT status FROM campaigns WHERE id = $1`, [
        campaignId,
      ]);
      if (!row) throw new ApplicationException(ErrorCode.CampaignNotFound, `No campaign ${campaignId}`);
      return row.status;
    });
  }

  private async lockCampaign(
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

  private async requireCampaign(tx: EntityManager, campaignId: string): Promise<Campaign> {
    const [row] = await rows<Row>(tx, `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = $1`, [campaignId]);
    if (!row) throw new ApplicationException(ErrorCode.CampaignNotFound, `No campaign ${campaignId}`);
    return toCampaign(row);
  }
}
