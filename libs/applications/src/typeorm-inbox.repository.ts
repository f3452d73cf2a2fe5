import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { unitsInBranch } from '@aidflow/org';
import type { LevelSla, RouteLevel } from '@aidflow/policy';
import type { ApplicationStatus, DecisionVerb } from '@aidflow/workflows/types';
import { InboxRepository } from './inbox.repository';
import type {
  CopiedCase,
  DecidedCase,
  InboxBranch,
  InboxCase,
  InboxFilter,
  InboxPage,
  InboxTask,
} from './inbox.repository';

/** The columns of CASE_COLUMNS, as PostgreSQL answers them (bigint as text). */
interface CaseRow {
  application_id: string;
  program_code: string;
  category: string;
  status: ApplicationStatus;
  current_level: number | null;
  requested_amount_fen: string;
  granted_amount_fen: string | null;
  tier: string | null;
  org_unit_id: string;
  org_unit_name: string;
  applicant_name: string;
  created_at: Date;
}

interface TaskRow extends CaseRow {
  task_id: string;
  level: number;
  round: number;
  level_name: string;
  opened_at: Date;
  route: unknown;
}

interface DecidedRow extends CaseRow {
  verb: DecisionVerb | 'return';
  level: number | null;
  acted_at: Date;
}

interface CopiedRow extends CaseRow {
  added_at: Date;
}

/** The columns of an InboxCase, from `applications a`, `users u` (the applicant) and `org_units o` (the case's unit). */
const CASE_COLUMNS = `a.id AS application_id, a.program_code, a.category, a.status, a.current_level,
  a.requested_amount_fen, a.granted_amount_fen, a.tier, a.org_unit_id, o.name AS org_unit_name,
  u.display_name AS applicant_name, a.created_at`;

const CASE_JOINS = `JOIN applications a ON a.id = x.application_id
  JOIN users u ON u.id = a.applicant_user_id
  JOIN org_units o ON o.id = a.org_unit_id`;

/** The filter as SQL conditions on `a`, with its parameters numbered from `first`. */
function where(filter: InboxFilter, first: number): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return `$${first + params.length - 1}`;
  };
  if (filter.programCode) conditions.push(`a.program_code = ${next(filter.programCode)}`);
  if (filter.minAmountFen !== undefined) conditions.push(`a.requested_amount_fen >= ${next(filter.minAmountFen)}`);
  if (filter.maxAmountFen !== undefined) conditions.push(`a.requested_amount_fen <= ${next(filter.maxAmountFen)}`);
  if (filter.branchId) {
    conditions.push(`a.org_unit_id IN ${unitsInBranch(next(filter.branchId))}`);
  }
  return { sql: conditions.map((c) => ` AND ${c}`).join(''), params };
}

function toCase(r: CaseRow): InboxCase {
  return {
    applicationId: r.application_id,
    programCode: r.program_code,
    category: r.category,
    status: r.status,
    currentLevel: r.current_level ?? null,
    requestedAmountFen: Number(r.requested_amount_fen),
    grantedAmountFen: r.granted_amount_fen === null ? null : Number(r.granted_amount_fen),
    tier: r.tier ?? null,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    applicantName: r.applicant_name,
    createdAt: r.created_at,
  };
}

/** The SLA of `level` in the route recorded with the case's `submitted` ledger entry (null when it has none). */
function slaOf(route: unknown, level: number): LevelSla | null {
  if (!Array.isArray(route)) return null;
  const def = (route as RouteLevel[]).find((l) => l.level === level);
  return def?.sla ?? null;
}

@Injectable()
export class TypeOrmInboxRepository extends InboxRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  async openTasks(userId: string, filter: InboxFilter): Promise<InboxTask[]> {
    const f = where(filter, 2);
    const rows = await this.db.query<TaskRow[]>(
      `SELECT x.id AS task_id, x.level, x.round, x.level_name, x.opened_at, ${CASE_COLUMNS},
              (SELECT l.payload -> 'route' FROM ledger_entries l
                WHERE l.application_id = a.id AND l.kind = 'submitted' LIMIT 1) AS route
       FROM approval_tasks x ${CASE_JOINS}
       WHERE x.status = 'open' AND $1::uuid = ANY (x.assignee_ids)${f.sql}
       ORDER BY x.opened_at ASC, x.id ASC`,
      [userId, ...f.params],
    );
    return rows.map((r) => ({
      ...toCase(r),
      taskId: r.task_id,
      level: r.level,
      round: r.round,
      levelName: r.level_name,
      openedAt: r.opened_at,
      sla: slaOf(r.route, r.level),
    }));
  }

  async decidedBy(userId: string, filter: InboxFilter, offset: number, limit: number): Promise<InboxPage<DecidedCase>> {
    const f = where(filter, 2);
    const acts = `WITH acts AS (
        SELECT application_id, decision AS verb, level, decided_at AS acted_at FROM decisions WHERE actor_id = $1
        UNION ALL
        SELECT application_id, verb, level, occurred_at FROM case_actions WHERE actor_id = $1 AND verb = 'return'
      ), x AS (SELECT DISTINCT ON (application_id) * FROM acts ORDER BY application_id, acted_at DESC)`;
    const [rows, count] = await Promise.all([
      this.db.query<DecidedRow[]>(
        `${acts} SELECT x.verb, x.level, x.acted_at, ${CASE_COLUMNS} FROM x ${CASE_JOINS}
         WHERE true${f.sql} ORDER BY x.acted_at DESC, a.id ASC
         LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
        [userId, ...f.params],
      ),
      this.db.query<Array<{ n: number }>>(`${acts} SELECT count(*)::int AS n FROM x ${CASE_JOINS} WHERE true${f.sql}`, [
        userId,
        ...f.params,
      ]),
    ]);
    return {
      items: rows.map((r) => ({
        ...toCase(r),
        verb: r.verb,
        level: r.level ?? null,
        actedAt: r.acted_at,
      })),
      total: count[0].n,
    };
  }

  async copiedTo(userId: string, filter: InboxFilter, offset: number, limit: number): Promise<InboxPage<CopiedCase>> {
    const f = where(filter, 2);
    const [rows, count] = await Promise.all([
      this.db.query<CopiedRow[]>(
        `SELECT x.added_at, ${CASE_COLUMNS} FROM case_watchers x ${CASE_JOINS}
         WHERE x.user_id = $1${f.sql} ORDER BY x.added_at DESC, a.id ASC
         LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
        [userId, ...f.params],
      ),
      this.db.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM case_watchers x ${CASE_JOINS} WHERE x.user_id = $1${f.sql}`,
        [userId, ...f.params],
      ),
    ]);
    return { items: rows.map((r) => ({ ...toCase(r), copiedAt: r.added_at })), total: count[0].n };
  }

  async counts(userId: string): Promise<{ todo: number; decided: number; copied: number; mine: number }> {
    const [row] = await this.db.query<Array<{ todo: number; decided: number; copied: number; mine: number }>>(
      `SELECT
         (SELECT count(*)::int FROM approval_tasks WHERE status = 'open' AND $1::uuid = ANY (assignee_ids)) AS todo,
         (SELECT count(DISTINCT application_id)::int FROM (
            SELECT application_id FROM decisions WHERE actor_id = $1
            UNION ALL SELECT application_id FROM case_actions WHERE actor_id = $1 AND verb = 'return') d) AS decided,
         (SELECT count(*)::int FROM case_watchers WHERE user_id = $1) AS copied,
         (SELECT count(*)::int FROM applications WHERE applicant_user_id = $1) AS mine`,
      [userId],
    );
    return row;
  }

  async branchesUnder(unitId: string): Promise<InboxBranch[]> {
    const rows = await this.db.query<Array<{ id: string; name: string; kind: string; parent_id: string | null }>>(
      `WITH RECURSIVE sub AS (
         SELECT id, name, kind, parent_id, 0 AS depth FROM org_units WHERE id = $1
         UNION ALL SELECT c.id, c.name, c.kind, c.parent_id, s.depth + 1
         FROM org_units c JOIN sub s ON c.parent_id = s.id WHERE s.depth < 32
       ) SELECT id, name, kind, parent_id FROM sub ORDER BY depth, name`,
      [unitId],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, parentId: r.parent_id ?? null }));
  }
}
