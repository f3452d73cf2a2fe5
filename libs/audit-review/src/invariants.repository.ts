import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DecisionGroupFacts, ProjectionFacts } from './invariant-rules';

/** Which cases a check covers: one application, those submitted since a moment, or all. */
export interface InvariantScope {
  applicationId?: string;
  since?: Date;
}

/** A case's row in `applications`, without what hangs off it. */
export type ApplicationRow = Omit<ProjectionFacts, 'openTasks' | 'decisions' | 'notice'>;

export type CaseDetails = Pick<ProjectionFacts, 'openTasks' | 'decisions' | 'notice'>;

/** A case with more than one row of what it may have once. */
export interface MoneyDuplicate {
  applicationId: string;
  what: 'budget_reservation' | 'disbursement' | 'payment';
  rows: number;
}

export interface NotificationRow {
  /** Null for system notices (the calendar running out, say), which are about no case. */
  applicationId: string | null;
  eventKey: string;
  recipientUserId: string;
  channel: string;
  status: string;
  createdAt: Date;
  lastError: string | null;
}

export interface NotificationDuplicate {
  applicationId: string | null;
  eventKey: string;
  recipientUserId: string;
  channel: string;
  rows: number;
  sent: number;
}

export interface NotificationFacts {
  checked: number;
  duplicates: NotificationDuplicate[];
  stalePending: { total: number; first: NotificationRow[] };
  failed: { total: number; first: NotificationRow[] };
}

/** Port: the read-only queries of the invariant checker over the product database. */
export abstract class InvariantsRepository {
  abstract countApplications(scope: InvariantScope): Promise<number>;
  /** Cases in scope by id, after `afterId` (keyset paging). */
  abstract listApplications(scope: InvariantScope, afterId: string | null, limit: number): Promise<ApplicationRow[]>;
  abstract findApplications(ids: readonly string[]): Promise<ApplicationRow[]>;
  /** Open tasks, decisions and the public notice of each case, by id (every id present). */
  abstract caseDetails(ids: readonly string[]): Promise<Map<string, CaseDetails>>;
  /** The level-and-round groups of decisions in scope with more than one decision. */
  abstract decisionGroups(scope: InvariantScope): Promise<DecisionGroupFacts[]>;
  abstract moneyDuplicates(scope: InvariantScope): Promise<MoneyDuplicate[]>;
  /**
   * Notifications in scope (with the system notices, about no case, unless one case is asked for): duplicates of one
   * idempotency key, pending past `graceMs`, given up.
   */
  abstract notificationFacts(scope: InvariantScope, graceMs: number, limit: number): Promise<NotificationFacts>;
  /** Cases in a final status with no archived history yet (the worker archives every 15 s). */
  abstract closedNotArchived(scope: InvariantScope): Promise<number>;
}

/** `applications a` restricted to the scope: $1 application id, $2 submitted at or after. */
const IN_SCOPE = `($1::uuid IS NULL OR a.id = $1::uuid) AND ($2::timestamptz IS NULL OR a.created_at >= $2::timestamptz)`;
const SCOPED_IDS = `SELECT a.id FROM applications a WHERE ${IN_SCOPE}`;
const scopeParams = (scope: InvariantScope): unknown[] => [scope.applicationId ?? null, scope.since ?? null];
const NOTIFICATION_COLUMNS = 'application_id, event_key, recipient_user_id, channel, status, created_at, last_error';
const FINAL = `('refused', 'rejected', 'withdrawn', 'budget_exhausted', 'approved')`;

interface Row {
  id: string;
  workflow_id: string;
  status: string;
  current_level: number | null;
  tier: string | null;
  granted_amount_fen: string | null;
  outcome_reason: string | null;
  created_at: Date;
}

const APPLICATION_COLUMNS = `a.id, a.workflow_id, a.status, a.current_level, a.tier, a.granted_amount_fen, a.outcome_reason, a.created_at`;

function toApplication(r: Row): ApplicationRow {
  return {
    applicationId: r.id,
    workflowId: r.workflow_id,
    status: r.status,
    currentLevel: r.current_level,
    tier: r.tier,
    grantedAmountFen: r.granted_amount_fen === null ? null : Number(r.granted_amount_fen),
    outcomeReason: r.outcome_reason,
    createdAt: r.created_at,
  };
}

/** A notification row's columns (NOTIFICATION_COLUMNS) as PostgreSQL answers them. */
interface NotificationDbRow {
  application_id: string | null;
  event_key: string;
  recipient_user_id: string;
  channel: string;
  status: string;
  created_at: Date;
  last_error: string | null;
}

interface DuplicateNotificationDbRow {
  application_id: string | null;
  event_key: string;
  recipient_user_id: string;
  channel: string;
  n: number;
  sent: number;
}

function toNotification(r: NotificationDbRow): NotificationRow {
  return {
    applicationId: r.application_id ?? null,
    eventKey: r.event_key,
    recipientUserId: r.recipient_user_id,
    channel: r.channel,
    status: r.status,
    createdAt: r.created_at,
    lastError: r.last_error ?? null,
  };
}

@Injectable()
export class TypeOrmInvariantsRepository extends InvariantsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  async countApplications(scope: InvariantScope): Promise<number> {
    const [row] = await this.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM applications a WHERE ${IN_SCOPE}`,
      scopeParams(scope),
    );
    return row?.n ?? 0;
  }

  async listApplications(scope: InvariantScope, afterId: string | null, limit: number): Promise<ApplicationRow[]> {
    const rows = await this.db.query<Row[]>(
      `SELECT ${APPLICATION_COLUMNS} FROM applications a
       WHERE ${IN_SCOPE} AND ($3::uuid IS NULL OR a.id > $3::uuid) ORDER BY a.id LIMIT $4`,
      [...scopeParams(scope), afterId, limit],
    );
    return rows.map(toApplication);
  }

  async findApplications(ids: readonly string[]): Promise<ApplicationRow[]> {
    const rows = await this.db.query<Row[]>(
      `SELECT ${APPLICATION_COLUMNS} FROM applications a WHERE a.id = ANY($1::uuid[]) ORDER BY a.id`,
      [ids],
    );
    return rows.map(toApplication);
  }

  async caseDetails(ids: readonly string[]): Promise<Map<string, CaseDetails>> {
    const details = new Map<string, CaseDetails>(ids.map((id) => [id, { openTasks: [], decisions: [], notice: null }]));
    if (ids.length === 0) return details;
    const [tasks, decisions, notices, objections] = await Promise.all([
      this.db.query<Array<{ application_id: string; level: number; round: number; assignee_ids: string[] }>>(
        `SELECT application_id, level, round, assignee_ids::text[] AS assignee_ids FROM approval_tasks
         WHERE status = 'open' AND application_id = ANY($1::uuid[])`,
        [ids],
      ),
      this.db.query<
        Array<{ application_id: string; level: number; round: number; actor_id: string; decision: string }>
      >(
        `SELECT application_id, level, round, actor_id, decision FROM decisions WHERE application_id = ANY($1::uuid[])
         ORDER BY decided_at, level`,
        [ids],
      ),
      this.db.query<Array<{ application_id: string; status: string; closes_at: Date }>>(
        `SELECT application_id, status, closes_at FROM public_notices WHERE application_id = ANY($1::uuid[])`,
        [ids],
      ),
      this.db.query<Array<{ id: string; application_id: string; status: string }>>(
        `SELECT id, application_id, status FROM objections WHERE application_id = ANY($1::uuid[])`,
        [ids],
      ),
    ]);
    for (const t of tasks) {
      details.get(t.application_id)?.openTasks.push({ level: t.level, round: t.round, assigneeIds: t.assignee_ids });
    }
    for (const d of decisions) {
      details
        .get(d.application_id)
        ?.decisions.push({ level: d.level, round: d.round, actorId: d.actor_id, decision: d.decision });
    }
    for (const n of notices) {
      const entry = details.get(n.application_id);
      if (entry) entry.notice = { status: n.status, closesAt: n.closes_at, objections: [] };
    }
    for (const o of objections) details.get(o.application_id)?.notice?.objections.push({ id: o.id, status: o.status });
    return details;
  }

  async decisionGroups(scope: InvariantScope): Promise<DecisionGroupFacts[]> {
    const rows = await this.db.query<
      Array<{
        application_id: string;
        level: number;
        round: number;
        mode: 'any' | 'all' | null;
        added: number;
        decisions: DecisionGroupFacts['decisions'];
      }>
    >(
      `SELECT d.application_id, d.level, d.round,
              json_agg(json_build_object('actorId', d.actor_id, 'actorName', d.actor_name, 'decision', d.decision)
                       ORDER BY d.decided_at) AS decisions,
              (SELECT coalesce(r->>'mode', 'any')
               FROM ledger_entries l
               CROSS JOIN LATERAL jsonb_array_elements(
                 CASE WHEN jsonb_typeof(l.payload->'route') = 'array' THEN l.payload->'route' ELSE '[]'::jsonb END) r
               WHERE l.application_id = d.application_id AND l.kind = 'submitted' AND (r->>'level')::int = d.level
               LIMIT 1) AS mode,
              (SELECT count(*)::int FROM case_actions c
               WHERE c.application_id = d.application_id AND c.verb = 'add_approver'
                 AND c.level = d.level AND coalesce(c.round, 1) = d.round) AS added
       FROM decisions d
       WHERE d.application_id IN (${SCOPED_IDS})
       GROUP BY d.application_id, d.level, d.round
       HAVING count(*) > 1
       ORDER BY d.application_id, d.level, d.round`,
      scopeParams(scope),
    );
    return rows.map((r) => ({
      applicationId: r.application_id,
      level: r.level,
      round: r.round,
      mode: r.mode,
      addedApprovers: r.added,
      decisions: r.decisions,
    }));
  }

  async moneyDuplicates(scope: InvariantScope): Promise<MoneyDuplicate[]> {
    const rows = await this.db.query<Array<{ application_id: string; what: MoneyDuplicate['what']; n: number }>>(
      `SELECT application_id, 'budget_reservation' AS what, count(*)::int AS n FROM budget_reservations
       WHERE application_id IN (${SCOPED_IDS}) GROUP BY application_id HAVING count(*) > 1
       UNION ALL
       SELECT application_id, 'disbursement', count(*)::int FROM disbursements
       WHERE application_id IN (${SCOPED_IDS}) GROUP BY application_id HAVING count(*) > 1
       UNION ALL
       SELECT application_id, 'payment', count(*)::int FROM ledger_entries
       WHERE kind = 'payment_recorded' AND application_id IN (${SCOPED_IDS}) GROUP BY application_id HAVING count(*) > 1
       ORDER BY 1, 2`,
      scopeParams(scope),
    );
    return rows.map((r) => ({ applicationId: r.application_id, what: r.what, rows: r.n }));
  }

  async notificationFacts(scope: InvariantScope, graceMs: number, limit: number): Promise<NotificationFacts> {
    const params = scopeParams(scope);
    // The notices of the cases in scope; without --application, also the system notices (about no case) since then.
    const scoped = `(application_id IN (${SCOPED_IDS}) OR (application_id IS NULL AND $1::uuid IS NULL
                     AND ($2::timestamptz IS NULL OR created_at >= $2::timestamptz)))`;
    const [[total], duplicates, [stale], staleRows, [failed], failedRows] = await Promise.all([
      this.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM notifications WHERE ${scoped}`, params),
      this.db.query<DuplicateNotificationDbRow[]>(
        `SELECT application_id, event_key, recipient_user_id, channel, count(*)::int AS n,
                count(*) FILTER (WHERE status = 'sent')::int AS sent
         FROM notifications WHERE ${scoped}
         GROUP BY application_id, event_key, recipient_user_id, channel HAVING count(*) > 1
         ORDER BY application_id, event_key LIMIT $3`,
        [...params, limit],
      ),
      this.db.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM notifications
         WHERE ${scoped} AND status = 'pending' AND created_at < now() - make_interval(secs => $3)`,
        [...params, graceMs / 1000],
      ),
      this.db.query<NotificationDbRow[]>(
        `SELECT ${NOTIFICATION_COLUMNS} FROM notifications
         WHERE ${scoped} AND status = 'pending' AND created_at < now() - make_interval(secs => $3)
         ORDER BY created_at LIMIT $4`,
        [...params, graceMs / 1000, limit],
      ),
      this.db.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM notifications WHERE ${scoped} AND status = 'failed'`,
        params,
      ),
      this.db.query<NotificationDbRow[]>(
        `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE ${scoped} AND status = 'failed' ORDER BY created_at LIMIT $3`,
        [...params, limit],
      ),
    ]);
    return {
      checked: total?.n ?? 0,
      duplicates: duplicates.map((r) => ({
        applicationId: r.application_id ?? null,
        eventKey: r.event_key,
        recipientUserId: r.recipient_user_id,
        channel: r.channel,
        rows: r.n,
        sent: r.sent,
      })),
      stalePending: { total: stale?.n ?? 0, first: staleRows.map(toNotification) },
      failed: { total: failed?.n ?? 0, first: failedRows.map(toNotification) },
    };
  }

  async closedNotArchived(scope: InvariantScope): Promise<number> {
    const [row] = await this.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM applications a
       WHERE ${IN_SCOPE} AND a.status IN ${FINAL}
         AND NOT EXISTS (SELECT 1 FROM workflow_archive w WHERE w.application_id = a.id)`,
      scopeParams(scope),
    );
    return row?.n ?? 0;
  }
}
