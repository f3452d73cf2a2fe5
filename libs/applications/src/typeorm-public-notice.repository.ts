import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { appendLedgerEntry } from '@aidflow/audit';
import { ApplicationException, ErrorCode, maskIdentifier, maskName } from '@aidflow/common';
import { OBJECTION_REVIEW_LEVEL, PublicNoticeRepository } from './public-notice.repository';
import type {
  LodgeObjection,
  Objection,
  OpenNotice,
  PublicNotice,
  PublicNoticeClosing,
  ReviewObjections,
} from './public-notice.repository';

interface NoticeRow {
  application_id: string;
  opened_at: Date;
  closes_at: Date;
  closed_at: Date | null;
  status: PublicNotice['status'];
  applicant_name_masked: string;
  national_id_masked: string | null;
  program_code: string;
  program_name: string | null;
  amount_fen: string;
  org_unit_name: string;
  objection_count: number;
  provisional_calendar_years: number[];
}

interface ObjectionRow {
  id: string;
  application_id: string;
  objector_user_id: string;
  reason: string;
  lodged_at: Date;
  status: Objection['status'];
  reviewed_by: string | null;
  review_comment: string | null;
  reviewed_at: Date | null;
}

const NOTICE_SELECT = `
  SELECT n.*, p.name AS program_name,
         (SELECT count(*)::int FROM objections o WHERE o.application_id = n.application_id) AS objection_count
  FROM public_notices n LEFT JOIN programs p ON p.code = n.program_code`;

const toNotice = (r: NoticeRow): PublicNotice => ({
  applicationId: r.application_id,
  openedAt: r.opened_at,
  closesAt: r.closes_at,
  closedAt: r.closed_at,
  status: r.status,
  applicantNameMasked: r.applicant_name_masked,
  nationalIdMasked: r.national_id_masked,
  programCode: r.program_code,
  programName: r.program_name ?? r.program_code,
  amountFen: Number(r.amount_fen),
  orgUnitName: r.org_unit_name,
  objectionCount: r.objection_count,
  provisionalCalendarYears: r.provisional_calendar_years ?? [],
});

const toObjection = (r: ObjectionRow): Objection => ({
  id: r.id,
  applicationId: r.application_id,
  objectorUserId: r.objector_user_id,
  reason: r.reason,
  lodgedAt: r.lodged_at,
  status: r.status,
  reviewedBy: r.reviewed_by,
  reviewComment: r.review_comment,
  reviewedAt: r.reviewed_at,
});

@Injectable()
export class TypeOrmPublicNoticeRepository extends PublicNoticeRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  async open(notice: OpenNotice): Promise<PublicNotice> {
    await this.db.transaction(async (tx) => {
      const [app] = await tx.query<
        Array<{ display_name: string; national_id: string | null; program_code: string; org_unit_name: string }>
      >(
        `SELECT u.display_name, a.national_id, a.program_code, o.name AS org_unit_name
         FROM applications a JOIN users u ON u.id = a.applicant_user_id JOIN org_units o ON o.id = a.org_unit_id
         WHERE a.id = $1`,
        [notice.applicationId],
      );
      if (!app) {
        throw new ApplicationException(ErrorCode.ApplicationNotFound, `Application ${notice.applicationId} not found`);
      }
      const inserted = await tx.query<unknown[]>(
        `INSERT INTO public_notices (application_id, opened_at, closes_at, status, applicant_name_masked,
           national_id_masked, program_code, amount_fen, org_unit_name, provisional_calendar_years)
         VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9) ON CONFLICT (application_id) DO NOTHING RETURNING 1`,
        [
          notice.applicationId,
          notice.openedAt,
          notice.closesAt,
          maskName(app.display_name) ?? '*',
          maskIdentifier(app.national_id),
          app.program_code,
          notice.amountFen,
          app.org_unit_name,
          notice.provisionalCalendarYears ?? [],
        ],
      );
      if (inserted.length === 0) return; // opened already (a retried activity): keep the first closing time
      await this.setStatus(tx, notice.applicationId, 'in_notice');
      await appendLedgerEntry(tx, {
        applicationId: notice.applicationId,
        kind: 'notice_opened',
        dedupeKey: 'notice_opened',
        actorId: null,
        occurredAt: notice.openedAt.toISOString(),
        payload: {
          openedAt: notice.openedAt.toISOString(),
          closesAt: notice.closesAt.toISOString(),
          amountFen: notice.amountFen,
          // Only when it happened, so entries of notices on official schedules keep their shape.
          ...(notice.provisionalCalendarYears?.length
            ? { provisionalCalendarYears: notice.provisionalCalendarYears }
            : {}),
        },
      });
    });
    return (await this.find(notice.applicationId))!;
  }

  async lodgeObjection(objection: LodgeObjection): Promise<Objection> {
    await this.db.transaction(async (tx) => {
      const [row] = await tx.query<Array<{ id: string; lodged_at: Date }>>(
        `INSERT INTO objections (application_id, objector_user_id, reason) VALUES ($1, $2, $3)
         ON CONFLICT (application_id, objector_user_id) DO NOTHING RETURNING id, lodged_at`,
        [objection.applicationId, objection.objectorUserId, objection.reason],
      );
      if (!row) return; // recorded already (a retried activity)
      await tx.query(
        `UPDATE public_notices SET status = 'under_review' WHERE application_id = $1 AND status = 'open'`,
        [objection.applicationId],
      );
      await this.setStatus(tx, objection.applicationId, 'under_review');
      // The reviewers' task, filed under the city office the reviewers belong to (the case's union when unknown).
      await tx.query(
        `INSERT INTO approval_tasks
           (application_id, level, round, level_name, org_unit_id, assignee_ids, assignment, status, opened_at)
         SELECT a.id, $2, $3, 'objection_review',
                coalesce((SELECT u.org_unit_id FROM users u WHERE u.id = ANY($4::uuid[]) AND u.org_unit_id IS NOT NULL
                          ORDER BY u.id LIMIT 1), a.org_unit_id),
                $4::uuid[], ARRAY['公示异议复核 review of the objections lodged during the public notice'], 'open', now()
         FROM applications a WHERE a.id = $1
         ON CONFLICT (application_id, level, round) DO NOTHING`,
        [objection.applicationId, OBJECTION_REVIEW_LEVEL, objection.round, objection.reviewerIds],
      );
      await appendLedgerEntry(tx, {
        applicationId: objection.applicationId,
        kind: 'objection_lodged',
        dedupeKey: `objection:${objection.objectorUserId}`,
        actorId: objection.objectorUserId,
        occurredAt: new Date(row.lodged_at).toISOString(),
        // The reason is free text that may name people: it stays in the objections table, not in the ledger.
        payload: { objectionId: row.id, reasonLength: objection.reason.length, reviewerIds: objection.reviewerIds },
      });
    });
    const [stored] = await this.db.query<ObjectionRow[]>(
      `SELECT * FROM objections WHERE application_id = $1 AND objector_user_id = $2`,
      [objection.applicationId, objection.objectorUserId],
    );
    return toObjection(stored);
  }

  async reviewObjections(review: ReviewObjections): Promise<Objection[]> {
    await this.db.transaction(async (tx) => {
      const reviewed = (await tx.queryRunner!.query(
        `UPDATE objections SET status = $2, reviewed_by = $3, review_comment = $4, reviewed_at = now()
         WHERE application_id = $1 AND status = 'open' RETURNING id`,
        [review.applicationId, review.outcome === 'uphold' ? 'upheld' : 'dismissed', review.reviewerId, review.comment],
        true,
      )) as { records: Array<{ id: string }> };
      if (reviewed.records.length === 0) return; // reviewed already (a retried activity)
      await tx.query(
        `UPDATE approval_tasks SET status = 'completed', closed_at = now()
         WHERE application_id = $1 AND level = $2 AND round = $3 AND status = 'open'`,
        [review.applicationId, OBJECTION_REVIEW_LEVEL, review.round],
      );
      await appendLedgerEntry(tx, {
        applicationId: review.applicationId,
        kind: 'objection_reviewed',
        dedupeKey: `objection_review:${review.round}`,
        actorId: review.reviewerId,
        occurredAt: new Date().toISOString(),
        payload: {
          outcome: review.outcome,
          comment: review.comment,
          objectionIds: reviewed.records.map((r) => r.id),
        },
      });
    });
    return this.listObjections(review.applicationId);
  }

  async close(applicationId: string, closing: PublicNoticeClosing): Promise<void> {
    await this.db.transaction(async (tx) => {
      const closed = (await tx.queryRunner!.query(
        `UPDATE public_notices SET status = $2, closed_at = now()
         WHERE application_id = $1 AND status IN ('open', 'under_review') RETURNING 1`,
        [applicationId, closing],
        true, // structured result: for UPDATE, TypeORM otherwise returns [rows, count]
      )) as { records: unknown[] };
      if (closed.records.length === 0) return; // ended already (a retried activity)
      await appendLedgerEntry(tx, {
        applicationId,
        kind: 'notice_closed',
        dedupeKey: 'notice_closed',
        actorId: null,
        occurredAt: new Date().toISOString(),
        payload: { outcome: closing },
      });
    });
  }

  async listCurrent(): Promise<PublicNotice[]> {
    const rows = await this.db.query<NoticeRow[]>(
      `${NOTICE_SELECT} WHERE n.status IN ('open', 'under_review') ORDER BY n.closes_at, n.application_id`,
    );
    return rows.map(toNotice);
  }

  async find(applicationId: string): Promise<PublicNotice | null> {
    const [row] = await this.db.query<NoticeRow[]>(`${NOTICE_SELECT} WHERE n.application_id = $1`, [applicationId]);
    return row ? toNotice(row) : null;
  }

  async listObjections(applicationId: string): Promise<Objection[]> {
    const rows = await this.db.query<ObjectionRow[]>(
      `SELECT * FROM objections WHERE application_id = $1 ORDER BY lodged_at, id`,
      [applicationId],
    );
    return rows.map(toObjection);
  }

  /** The projection's status, with its `status_changed` ledger entry (as the workflow's status updates write it). */
  private async setStatus(tx: EntityManager, applicationId: string, status: 'in_notice' | 'under_review') {
    await tx.query(`UPDATE applications SET status = $2, current_level = NULL, updated_at = now() WHERE id = $1`, [
      applicationId,
      status,
    ]);
    await appendLedgerEntry(tx, {
      applicationId,
      kind: 'status_changed',
      dedupeKey: `status:${status}`,
      actorId: null,
      occurredAt: new Date().toISOString(),
      payload: { status, currentLevel: null, reason: null },
    });
  }
}
