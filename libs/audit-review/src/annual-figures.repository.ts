import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrgUnitRow, PaidCaseRow, PaidVisitRow } from './annual-figures';

/** Port: the ledger rows the annual figures add up, for payments dated in [from, to). */
export abstract class AnnualFiguresRepository {
  abstract paidCases(from: Date, to: Date): Promise<PaidCaseRow[]>;
  abstract paidVisits(from: Date, to: Date): Promise<PaidVisitRow[]>;
  abstract orgUnits(): Promise<OrgUnitRow[]>;
  abstract programNames(): Promise<Map<string, string>>;
}

/** The month of a timestamp as the federation counts it (China Standard Time). */
const MONTH = (column: string) => `extract(month FROM ${column} AT TIME ZONE 'Asia/Shanghai')::int`;

@Injectable()
export class TypeOrmAnnualFiguresRepository extends AnnualFiguresRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  /** Each case's payment entry with its submission entry (program, unit, household as filed). */
  async paidCases(from: Date, to: Date): Promise<PaidCaseRow[]> {
    const rows = await this.db.query<
      Array<{
        application_id: string;
        applicant_id: string;
        program_code: string;
        org_unit_id: string;
        household_size: number | null;
        amount_fen: string;
        month: number;
      }>
    >(
      `SELECT p.application_id, s.actor_id AS applicant_id, s.payload ->> 'programCode' AS program_code,
              s.payload ->> 'orgUnitId' AS org_unit_id,
              CASE WHEN jsonb_typeof(s.payload -> 'facts' -> 'householdSize') = 'number'
                   THEN (s.payload -> 'facts' ->> 'householdSize')::int END AS household_size,
              (p.payload ->> 'amountFen')::bigint AS amount_fen, ${MONTH('p.occurred_at')} AS month
       FROM ledger_entries p
       JOIN ledger_entries s ON s.application_id = p.application_id AND s.kind = 'submitted'
       WHERE p.kind = 'payment_recorded' AND p.payload ->> 'status' = 'paid'
         AND p.occurred_at >= $1 AND p.occurred_at < $2
       ORDER BY p.seq`,
      [from, to],
    );
    return rows.map((r) => ({
      applicationId: r.application_id,
      applicantId: r.applicant_id,
      programCode: r.program_code,
      orgUnitId: r.org_unit_id,
      householdSize: r.household_size,
      amountFen: Number(r.amount_fen),
      month: r.month,
    }));
  }

  /** Each campaign visit's payment event, with the recipient and the unit the visit belongs to. */
  async paidVisits(from: Date, to: Date): Promise<PaidVisitRow[]> {
    const rows = await this.db.query<
      Array<{
        campaign_id: string;
        campaign_name: string;
        recipient_key: string;
        org_unit_id: string;
        amount_fen: string;
        month: number;
      }>
    >(
      `SELECT e.campaign_id, c.name AS campaign_name, v.recipient_kind || ':' || v.recipient_id AS recipient_key,
              v.org_unit_id, (e.payload ->> 'amountFen')::bigint AS amount_fen, ${MONTH('e.occurred_at')} AS month
       FROM campaign_events e
       JOIN campaign_visits v ON v.id = e.visit_id
       JOIN campaigns c ON c.id = e.campaign_id
       WHERE e.kind = 'visit_paid' AND e.occurred_at >= $1 AND e.occurred_at < $2
       ORDER BY e.seq`,
      [from, to],
    );
    return rows.map((r) => ({
      campaignId: r.campaign_id,
      campaignName: r.campaign_name,
      recipientKey: r.recipient_key,
      orgUnitId: r.org_unit_id,
      amountFen: Number(r.amount_fen),
      month: r.month,
    }));
  }

  async orgUnits(): Promise<OrgUnitRow[]> {
    const rows = await this.db.query<Array<{ id: string; name: string; kind: string; parent_id: string | null }>>(
      'SELECT id, name, kind, parent_id FROM org_units',
    );
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, parentId: r.parent_id }));
  }

  async programNames(): Promise<Map<string, string>> {
    const rows = await this.db.query<Array<{ code: string; name: string }>>('SELECT code, name FROM programs');
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
