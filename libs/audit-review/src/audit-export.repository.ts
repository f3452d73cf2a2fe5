import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sealLedger } from '@aidflow/audit';

export interface ExportFilters {
  program?: string;
  from?: Date;
  to?: Date;
  orgUnitId?: string;
  outcome?: string;
}

export interface CaseRow {
  id: string;
  program_code: string;
  category: string;
  status: string;
  tier: string | null;
  requested_amount_fen: string;
  granted_amount_fen: string | null;
  policy_version: string;
  org_unit_code: string;
  org_unit_name: string;
  applicant_username: string;
  applicant_name: string;
  national_id: string | null;
  outcome_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface LedgerRow {
  seq: string;
  application_id: string;
  case_seq: number;
  kind: string;
  actor_id: string | null;
  occurred_at: Date;
  payload: Record<string, unknown>;
  case_hash: string;
  /** Null while the entry waits for the sealer (a fraction of a second). */
  global_hash: string | null;
}

export interface ExportLogEntry {
  actorId: string;
  /** history: one case's Temporal history viewed (logged when unmasked). */
  kind: 'cases' | 'ledger' | 'history';
  format: 'csv' | 'json';
  unmasked: boolean;
  filters: Record<string, unknown>;
}

/** Port: keyset-paged reads for streamed exports, and the log of exports. */
export abstract class AuditExportRepository {
  abstract casesPage(
    filters: ExportFilters,
    afterCreated: Date | null,
    afterId: string | null,
    limit: number,
  ): Promise<CaseRow[]>;
  abstract ledgerPage(filters: ExportFilters, afterSeq: number, limit: number): Promise<LedgerRow[]>;
  /** Links every committed entry into the global chain (see `sealLedger`). */
  abstract sealLedger(): Promise<void>;
  abstract logExport(entry: ExportLogEntry): Promise<string>;
  abstract finishExport(id: string, rowCount: number): Promise<void>;
}

const CASE_FILTER = `($1::text IS NULL OR a.program_code = $1)
  AND ($2::timestamptz IS NULL OR a.created_at >= $2)
  AND ($3::timestamptz IS NULL OR a.created_at < $3)
  AND ($4::uuid IS NULL OR a.org_unit_id = $4)
  AND ($5::text IS NULL OR a.status = $5)`;

@Injectable()
export class TypeOrmAuditExportRepository extends AuditExportRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  private params(f: ExportFilters): unknown[] {
    return [f.program ?? null, f.from ?? null, f.to ?? null, f.orgUnitId ?? null, f.outcome ?? null];
  }

  casesPage(
    filters: ExportFilters,
    afterCreated: Date | null,
    afterId: string | null,
    limit: number,
  ): Promise<CaseRow[]> {
    return this.db.query<CaseRow[]>(
      `SELECT a.id, a.program_code, a.category, a.status, a.tier, a.requested_amount_fen, a.granted_amount_fen,
              a.policy_version, o.code AS org_unit_code, o.name AS org_unit_name, u.username AS applicant_username,
              u.display_name AS applicant_name, a.national_id, a.outcome_reason, a.created_at, a.updated_at
       FROM applications a JOIN org_units o ON o.id = a.org_unit_id JOIN users u ON u.id = a.applicant_user_id
       WHERE ${CASE_FILTER} AND ($6::timestamptz IS NULL OR (a.created_at, a.id) > ($6, $7::uuid))
       ORDER BY a.created_at, a.id LIMIT $8`,
      [...this.params(filters), afterCreated, afterId, limit],
    );
  }

  async sealLedger(): Promise<void> {
    await sealLedger(this.db, { wait: true });
  }

  ledgerPage(filters: ExportFilters, afterSeq: number, limit: number): Promise<LedgerRow[]> {
    return this.db.query<LedgerRow[]>(
      `SELECT l.seq, l.application_id, l.case_seq, l.kind, l.actor_id, l.occurred_at, l.payload, l.case_hash, c.global_hash
       FROM ledger_entries l JOIN applications a ON a.id = l.application_id
       LEFT JOIN ledger_global_chain c ON c.entry_seq = l.seq
       WHERE ${CASE_FILTER} AND l.seq > $6 ORDER BY l.seq LIMIT $7`,
      [...this.params(filters), afterSeq, limit],
    );
  }

  async logExport(entry: ExportLogEntry): Promise<string> {
    const [row] = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO export_log (actor_id, kind, format, unmasked, filters) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [entry.actorId, entry.kind, entry.format, entry.unmasked, JSON.stringify(entry.filters)],
    );
    return row.id;
  }

  async finishExport(id: string, rowCount: number): Promise<void> {
    await this.db.query('UPDATE export_log SET row_count = $2 WHERE id = $1', [id, rowCount]);
  }
}
