import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ArchivedHistory {
  workflowId: string;
  runId: string;
  applicationId: string | null;
  workflowType: string;
  status: string;
  startedAt: Date | null;
  closedAt: Date | null;
  eventCount: number;
  /** The history in Temporal's proto3 JSON form (what `temporal workflow show --output json` prints). */
  history: unknown;
}

/** Port: closed workflow histories, kept in PostgreSQL whatever the Temporal server's retention. */
export abstract class HistoryArchiveRepository {
  abstract save(entry: ArchivedHistory): Promise<void>;
  /** The case's last run (the one that closed it). */
  abstract findByApplication(applicationId: string): Promise<ArchivedHistory | null>;
  /** Every run of the case, first to last: one unless it continued as new (a long-lived case). */
  abstract findRunsByApplication(applicationId: string): Promise<ArchivedHistory[]>;
  /** Applications in a final status whose history is not archived yet. */
  /** Closed cases not archived yet, by id, after `afterId` (keyset paging). */
  abstract pendingApplications(limit: number, afterId?: string | null): Promise<string[]>;
  abstract listApplicationIds(
    filters: { from?: Date; to?: Date; program?: string },
    afterId: string | null,
    limit: number,
  ): Promise<string[]>;
  abstract count(filters: { from?: Date; to?: Date; program?: string }): Promise<number>;
}

interface Row {
  workflow_id: string;
  run_id: string;
  application_id: string | null;
  workflow_type: string;
  status: string;
  started_at: Date | null;
  closed_at: Date | null;
  event_count: number;
  history: unknown;
}

const FINAL = `('refused', 'rejected', 'budget_exhausted', 'approved')`;

@Injectable()
export class TypeOrmHistoryArchiveRepository extends HistoryArchiveRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  async save(e: ArchivedHistory): Promise<void> {
    await this.db.query(
      `INSERT INTO workflow_archive (workflow_id, run_id, application_id, workflow_type, status, started_at, closed_at, event_count, history)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (workflow_id, run_id) DO NOTHING`,
      [
        e.workflowId,
        e.runId,
        e.applicationId,
        e.workflowType,
        e.status,
        e.startedAt,
        e.closedAt,
        e.eventCount,
        JSON.stringify(e.history),
      ],
    );
  }

  async findByApplication(applicationId: string): Promise<ArchivedHistory | null> {
    const [row] = await this.db.query<Row[]>(
      'SELECT * FROM workflow_archive WHERE application_id = $1 ORDER BY closed_at DESC NULLS LAST LIMIT 1',
      [applicationId],
    );
    return row ? toArchived(row) : null;
  }

  async findRunsByApplication(applicationId: string): Promise<ArchivedHistory[]> {
    const rows = await this.db.query<Row[]>(
      'SELECT * FROM workflow_archive WHERE application_id = $1 ORDER BY started_at, closed_at NULLS LAST',
      [applicationId],
    );
    return rows.map(toArchived);
  }

  async pendingApplications(limit: number, afterId: string | null = null): Promise<string[]> {
    const rows = await this.db.query<Array<{ id: string }>>(
      `SELECT a.id FROM applications a
       WHERE a.status IN ${FINAL}
         AND NOT EXISTS (SELECT 1 FROM workflow_archive w
                         WHERE w.application_id = a.id AND w.status <> 'CONTINUED_AS_NEW')
         AND ($2::uuid IS NULL OR a.id > $2::uuid)
       ORDER BY a.id LIMIT $1`,
      [limit, afterId],
    );
    return rows.map((r) => r.id);
  }

  async listApplicationIds(
    filters: { from?: Date; to?: Date; program?: string },
    afterId: string | null,
    limit: number,
  ): Promise<string[]> {
    const rows = await this.db.query<Array<{ application_id: string }>>(
      `SELECT DISTINCT w.application_id FROM workflow_archive w JOIN applications a ON a.id = w.application_id
       WHERE ($1::timestamptz IS NULL OR a.created_at >= $1) AND ($2::timestamptz IS NULL OR a.created_at < $2)
         AND ($3::text IS NULL OR a.program_code = $3) AND ($4::uuid IS NULL OR w.application_id > $4)
       ORDER BY w.application_id LIMIT $5`,
      [filters.from ?? null, filters.to ?? null, filters.program ?? null, afterId, limit],
    );
    return rows.map((r) => r.application_id);
  }

  async count(filters: { from?: Date; to?: Date; program?: string }): Promise<number> {
    const [row] = await this.db.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM workflow_archive w JOIN applications a ON a.id = w.application_id
       WHERE ($1::timestamptz IS NULL OR a.created_at >= $1) AND ($2::timestamptz IS NULL OR a.created_at < $2)
         AND ($3::text IS NULL OR a.program_code = $3)`,
      [filters.from ?? null, filters.to ?? null, filters.program ?? null],
    );
    return Number(row?.n ?? 0);
  }
}

function toArchived(row: Row): ArchivedHistory {
  return {
    workflowId: row.workflow_id,
    runId: row.run_id,
    applicationId: row.application_id,
    workflowType: row.workflow_type,
    status: row.status,
    startedAt: row.started_at,
    closedAt: row.closed_at,
    eventCount: row.event_count,
    history: row.history,
  };
}
