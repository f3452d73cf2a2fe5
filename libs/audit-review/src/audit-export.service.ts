import { Inject, Injectable, Logger } from '@nestjs/common';
import { fenToYuan, maskIdentifier, maskName } from '@aidflow/common';
import { AuditExportRepository } from './audit-export.repository';
import type { CaseRow, ExportFilters, LedgerRow } from './audit-export.repository';

export interface ExportRequest {
  actorId: string;
  kind: 'cases' | 'ledger';
  format: 'csv' | 'json';
  unmasked: boolean;
  filters: ExportFilters;
}

const PAGE = 500;
const CASE_COLUMNS = [
  'id',
  'program',
  'category',
  'status',
  'tier',
  'requestedAmount',
  'grantedAmount',
  'policyVersion',
  'orgUnitCode',
  'orgUnit',
  'applicantUsername',
  'applicantName',
  'nationalId',
  'outcomeReason',
  'createdAt',
  'updatedAt',
] as const;
const LEDGER_COLUMNS = [
  'seq',
  'applicationId',
  'caseSeq',
  'kind',
  'actorId',
  'occurredAt',
  'payload',
  'caseHash',
  'globalHash',
] as const;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    text = value.toString();
  else text = JSON.stringify(value) ?? '';
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Streams cases or ledger entries page by page (keyset pagination: constant memory whatever the size). Personal
 * data is masked unless an auditor asks for the unmasked export, which is logged before the first byte leaves.
 */
@Injectable()
export class AuditExportService {
  private readonly logger = new Logger(AuditExportService.name);

  constructor(@Inject(AuditExportRepository) private readonly repo: AuditExportRepository) {}

  async *export(request: ExportRequest): AsyncGenerator<string> {
    const logId = await this.repo.logExport({
      actorId: request.actorId,
      kind: request.kind,
      format: request.format,
      unmasked: request.unmasked,
      filters: { ...request.filters },
    });
    if (request.unmasked) this.logger.warn(`Unmasked ${request.kind} export by ${request.actorId} (export ${logId})`);
    const columns = request.kind === 'cases' ? CASE_COLUMNS : LEDGER_COLUMNS;
    const records = request.kind === 'cases' ? this.caseRecords(request) : this.ledgerRecords(request.filters);
    let count = 0;
    if (request.format === 'csv') yield `${columns.join(',')}\n`;
    else yield '[';
    for await (const record of records) {
      if (request.format === 'csv') yield `${columns.map((c) => csvCell(record[c])).join(',')}\n`;
      else yield `${count === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`;
      count++;
    }
    if (request.format === 'json') yield '\n]\n';
    await this.repo.finishExport(logId, count);
  }

  private async *caseRecords(request: ExportRequest): AsyncGenerator<Record<string, unknown>> {
    let after: { created: Date; id: string } | null = null;
    for (;;) {
      const rows: CaseRow[] = await this.repo.casesPage(
        request.filters,
        after?.created ?? null,
        after?.id ?? null,
        PAGE,
      );
      for (const r of rows) {
        yield {
          id: r.id,
          program: r.program_code,
          category: r.category,
          status: r.status,
          tier: r.tier,
          requestedAmount: fenToYuan(r.requested_amount_fen),
          grantedAmount: r.granted_amount_fen === null ? null : fenToYuan(r.granted_amount_fen),
          policyVersion: r.policy_version,
          orgUnitCode: r.org_unit_code,
          orgUnit: r.org_unit_name,
          applicantUsername: request.unmasked ? r.applicant_username : maskName(r.applicant_username),
          applicantName: request.unmasked ? r.applicant_name : maskName(r.applicant_name),
          nationalId: request.unmasked ? r.national_id : maskIdentifier(r.national_id),
          outcomeReason: r.outcome_reason,
          createdAt: r.created_at.toISOString(),
          updatedAt: r.updated_at.toISOString(),
        };
      }
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1];
      after = { created: last.created_at, id: last.id };
    }
  }

  private async *ledgerRecords(filters: ExportFilters): AsyncGenerator<Record<string, unknown>> {
    let afterSeq = 0;
    // Every entry committed before the export starts carries its global link in the file.
    await this.repo.sealLedger();
    for (;;) {
      const rows: LedgerRow[] = await this.repo.ledgerPage(filters, afterSeq, PAGE);
      for (const r of rows) {
        yield {
          seq: Number(r.seq),
          applicationId: r.application_id,
          caseSeq: r.case_seq,
          kind: r.kind,
          actorId: r.actor_id,
          occurredAt: r.occurred_at.toISOString(),
          payload: r.payload,
          caseHash: r.case_hash,
          globalHash: r.global_hash,
        };
      }
      if (rows.length < PAGE) return;
      afterSeq = Number(rows[rows.length - 1].seq);
    }
  }
}
