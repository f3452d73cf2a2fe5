import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationException, ErrorCode, fenToYuan } from '@aidflow/common';
import {
  appendEvent,
  CAMPAIGN_COLUMNS,
  lockCampaign,
  REPORT_AGGREGATES,
  requireCampaign,
  rows,
  toCampaign,
  toReportLine,
} from './campaign-rows';
import type { CampaignDbRow, ReportDbRow } from './campaign-rows';
import { CampaignsRepository } from './campaigns.repository';
import { RECIPIENT_KIND, VISIT_STATES } from './campaign.types';
import type {
  Campaign,
  CampaignProgress,
  CampaignStatus,
  CloseOutcome,
  CloseReport,
  NewCampaign,
  RecipientKind,
  StartOutcome,
  TargetKind,
  VisitState,
} from './campaign.types';

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

/** The campaign aggregate: its definition, start (visits drawn, budget reserved), progress, completion and close. */
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
      return requireCampaign(tx, row.id);
    });
  }

  async findById(id: string): Promise<Campaign | null> {
    const [row] = await this.db.query<CampaignDbRow[]>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = $1`, [
      id,
    ]);
    return row ? toCampaign(row) : null;
  }

  async findByCode(code: string): Promise<Campaign | null> {
    const [row] = await this.db.query<CampaignDbRow[]>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.code = $1`,
      [code],
    );
    return row ? toCampaign(row) : null;
  }

  async list(): Promise<Campaign[]> {
    const list = await this.db.query<CampaignDbRow[]>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c ORDER BY c.created_at DESC`,
    );
    return list.map(toCampaign);
  }

  async start(campaignId: string, actorId: string): Promise<StartOutcome> {
    return this.db.transaction(async (tx) => {
      const campaign = await lockCampaign(tx, campaignId);
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
      return { campaign: await requireCampaign(tx, campaignId), startedNow: true };
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

  async close(campaignId: string, actorId: string): Promise<CloseOutcome> {
    return this.db.transaction(async (tx) => {
      const campaign = await lockCampaign(tx, campaignId, 'FOR UPDATE');
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
      const [total] = await rows<ReportDbRow>(
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
      const byGroup = await rows<ReportDbRow & { recipient_kind: RecipientKind; group_code: string }>(
        tx,
        `SELECT v.recipient_kind, v.group_code, ${REPORT_AGGREGATES} FROM campaign_visits v
         WHERE v.campaign_id = $1 GROUP BY v.recipient_kind, v.group_code ORDER BY v.recipient_kind, v.group_code`,
        [campaignId],
      );
      const byOrgUnit = await rows<ReportDbRow & { code: string; name: string }>(
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
          kind: r.recipient_kind,
          group: r.group_code,
          ...toReportLine(r),
        })),
        byOrgUnit: byOrgUnit.map((r) => ({
          orgUnitCode: r.code,
          orgUnitName: r.name,
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
}
