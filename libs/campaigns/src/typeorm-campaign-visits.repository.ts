import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { appendEvent, branchCte, rows, toVisit, VISIT_COLUMNS } from './campaign-rows';
import type { VisitDbRow } from './campaign-rows';
import { CampaignVisitsRepository } from './campaign-visits.repository';
import type { VisitPageQuery } from './campaign-visits.repository';
import type {
  CampaignStatus,
  ConfirmationResult,
  Confirmer,
  VisitConfirmation,
  VisitRow,
  VisitState,
} from './campaign.types';

/** A campaign's visits: listed by branch, confirmed with proof, paid once, and paged for the fan-out. */
@Injectable()
export class TypeOrmCampaignVisitsRepository extends CampaignVisitsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  async listVisits(campaignId: string, q: VisitPageQuery): Promise<{ total: number; visits: VisitRow[] }> {
    const params: unknown[] = [campaignId, q.state, q.pageSize, (q.page - 1) * q.pageSize, q.branchOrgUnitId];
    const list = await this.db.query<Array<VisitDbRow & { total: number }>>(
      `${branchCte('$5::uuid')}
       SELECT ${VISIT_COLUMNS}, count(*) OVER ()::int AS total
       FROM campaign_visits v JOIN org_units ou ON ou.id = v.org_unit_id
       WHERE v.campaign_id = $1 AND ($2::text IS NULL OR v.state = $2)
         AND ($5::uuid IS NULL OR v.org_unit_id IN (SELECT id FROM branch))
       ORDER BY ou.code, v.group_code, v.id LIMIT $3 OFFSET $4`,
      params,
    );
    let total = list.length > 0 ? list[0].total : 0;
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
    const [row] = await this.db.query<VisitDbRow[]>(
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
}
