import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@aidflow/auth';
import { ApplicationException, ErrorCode, fenToYuan } from '@aidflow/common';
import type { FundingSource } from './budget-envelope.entity';

/** The four funding sources, in the order envelopes are drawn (earmarked central funds first, donations last). */
export const FUNDING_SOURCES: ReadonlyArray<{ code: FundingSource; name: string }> = [
  { code: 'central_special', name: '中央专项资金' },
  { code: 'city_finance', name: '市财政' },
  { code: 'union_funds', name: '工会经费' },
  { code: 'donations', name: '社会捐赠' },
];

export const FUNDING_SOURCE_CODES: readonly FundingSource[] = FUNDING_SOURCES.map((s) => s.code);

export function fundingSourceName(code: FundingSource): string {
  return FUNDING_SOURCES.find((s) => s.code === code)?.name ?? code;
}

/** Money of one envelope or a sum of envelopes, in CNY. `remaining = allocated - reserved - paid`. */
export interface BudgetFigures {
  allocated: number;
  reserved: number;
  paid: number;
  remaining: number;
}

export interface BudgetEnvelopeView extends BudgetFigures {
  id: string;
  program: string;
  programName: string;
  year: number;
  fundingSource: FundingSource;
  fundingSourceName: string;
}

export interface BudgetProgramTotal extends BudgetFigures {
  program: string;
  programName: string;
}

export interface BudgetReport {
  year: number;
  /** The program code asked for, or null for every program. */
  program: string | null;
  envelopes: BudgetEnvelopeView[];
  programs: BudgetProgramTotal[];
  total: BudgetFigures;
}

export interface EnvelopeChangeView {
  id: string;
  envelopeId: string;
  /** Null on the row that records the envelope's creation. */
  oldAllocated: number | null;
  newAllocated: number;
  reason: string;
  changedBy: { id: string; name: string };
  changedAt: string;
}

export interface CreateEnvelopeCommand {
  /** Program code, e.g. `hardship-aid`. */
  program: string;
  year: number;
  fundingSource: FundingSource;
  allocatedFen: number;
}

export interface ChangeAllocationCommand {
  allocatedFen: number;
  reason: string;
}

interface EnvelopeRow {
  id: string;
  program: string;
  program_name: string;
  year: number;
  funding_source: FundingSource;
  allocated_fen: string;
  reserved_fen: string;
  paid_fen: string;
}

const ENVELOPE_SELECT = `
  SELECT e.id, p.code AS program, p.name AS program_name, e.year, e.funding_source,
         e.allocated_fen, e.reserved_fen, e.paid_fen
  FROM budget_envelopes e JOIN programs p ON p.id = e.program_id`;

const SOURCE_ORDER = `CASE e.funding_source WHEN 'central_special' THEN 1 WHEN 'city_finance' THEN 2
  WHEN 'union_funds' THEN 3 ELSE 4 END`;

function figures(allocatedFen: number, reservedFen: number, paidFen: number): BudgetFigures {
  return {
    allocated: fenToYuan(allocatedFen),
    reserved: fenToYuan(reservedFen),
    paid: fenToYuan(paidFen),
    remaining: fenToYuan(allocatedFen - reservedFen - paidFen),
  };
}

function toView(row: EnvelopeRow): BudgetEnvelopeView {
  return {
    id: row.id,
    program: row.program,
    programName: row.program_name,
    year: row.year,
    fundingSource: row.funding_source,
    fundingSourceName: fundingSourceName(row.funding_source),
    ...figures(Number(row.allocated_fen), Number(row.reserved_fen), Number(row.paid_fen)),
  };
}

/**
 * The budget report (allocated, reserved, paid and remaining per program, year and funding source) and the
 * administrators' envelope operations. Reservations and payments move the money (BudgetRepository); this only reads
 * the envelopes and changes their allocations, each change kept in `budget_envelope_changes`.
 */
@Injectable()
export class BudgetReportRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Administrators, auditors and approvers of the city federation read budgets; everybody else is refused. */
  async assertMayReadReport(actor: Principal): Promise<void> {
    if (actor.role === 'admin' || actor.role === 'auditor') return;
    if (actor.role === 'approver' && actor.orgUnitId) {
      const [unit] = await this.db.query<Array<{ kind: string }>>('SELECT kind FROM org_units WHERE id = $1', [
        actor.orgUnitId,
      ]);
      if (unit?.kind === 'city') return;
    }
    throw new ApplicationException(
      ErrorCode.Forbidden,
      `Budgets are read by administrators, auditors and city-level approvers; you are ${actor.role}`,
    );
  }

  async report(actor: Principal, filter: { year: number; program?: string }): Promise<BudgetReport> {
    await this.assertMayReadReport(actor);
    if (filter.program !== undefined) await this.programByCode(filter.program);
    const rows = await this.db.query<EnvelopeRow[]>(
      `${ENVELOPE_SELECT}
       WHERE e.year = $1 AND ($2::text IS NULL OR p.code = $2)
       ORDER BY p.code, ${SOURCE_ORDER}`,
      [filter.year, filter.program ?? null],
    );
    const byProgram = new Map<string, { name: string; allocated: number; reserved: number; paid: number }>();
    let allocated = 0;
    let reserved = 0;
    let paid = 0;
    for (const row of rows) {
      const sum = byProgram.get(row.program) ?? { name: row.program_name, allocated: 0, reserved: 0, paid: 0 };
      sum.allocated += Number(row.allocated_fen);
      sum.reserved += Number(row.reserved_fen);
      sum.paid += Number(row.paid_fen);
      byProgram.set(row.program, sum);
      allocated += Number(row.allocated_fen);
      reserved += Number(row.reserved_fen);
      paid += Number(row.paid_fen);
    }
    return {
      year: filter.year,
      program: filter.program ?? null,
      envelopes: rows.map(toView),
      programs: [...byProgram].map(([program, sum]) => ({
        program,
        programName: sum.name,
        ...figures(sum.allocated, sum.reserved, sum.paid),
      })),
      total: figures(allocated, reserved, paid),
    };
  }

  async findEnvelope(id: string): Promise<BudgetEnvelopeView> {
    const [row] = await this.db.query<EnvelopeRow[]>(`${ENVELOPE_SELECT} WHERE e.id = $1`, [id]);
    if (!row) throw new ApplicationException(ErrorCode.NotFound, `Budget envelope ${id} does not exist`);
    return toView(row);
  }

  /** Creates an envelope and records its first allocation; BUDGET_ENVELOPE_EXISTS when the program has one. */
  async createEnvelope(actor: Principal, command: CreateEnvelopeCommand): Promise<BudgetEnvelopeView> {
    const program = await this.programByCode(command.program);
    const id = await this.db.transaction(async (tx) => {
      const inserted = await tx.query<Array<{ id: string }>>(
        `INSERT INTO budget_envelopes (program_id, year, funding_source, allocated_fen) VALUES ($1, $2, $3, $4)
         ON CONFLICT (program_id, year, funding_source) DO NOTHING RETURNING id`,
        [program.id, command.year, command.fundingSource, command.allocatedFen],
      );
      const created = inserted[0]?.id;
      if (!created) {
        const [existing] = await tx.query<Array<{ id: string }>>(
          'SELECT id FROM budget_envelopes WHERE program_id = $1 AND year = $2 AND funding_source = $3',
          [program.id, command.year, command.fundingSource],
        );
        throw new ApplicationException(
          ErrorCode.BudgetEnvelopeExists,
          `Program ${command.program} already has a ${command.year} envelope from ${command.fundingSource} ` +
            `(${fundingSourceName(command.fundingSource)}): ${existing?.id}; change its allocation with ` +
            `PATCH /budgets/envelopes/${existing?.id}`,
          {
            envelopeId: existing?.id,
            program: command.program,
            year: command.year,
            fundingSource: command.fundingSource,
          },
        );
      }
      await tx.query(
        `INSERT INTO budget_envelope_changes (envelope_id, old_allocated_fen, new_allocated_fen, reason, changed_by)
         VALUES ($1, NULL, $2, $3, $4)`,
        [created, command.allocatedFen, 'envelope created', actor.userId],
      );
      return created;
    });
    return this.findEnvelope(id);
  }

  /**
   * Sets a new allocation, never below what the envelope has already reserved and paid: the envelope row is locked,
   * so a reservation racing with the change either lands first (and counts) or waits for the new allocation.
   */
  async changeAllocation(actor: Principal, id: string, command: ChangeAllocationCommand): Promise<BudgetEnvelopeView> {
    await this.db.transaction(async (tx) => {
      const [envelope] = await tx.query<Array<{ allocated_fen: string; reserved_fen: string; paid_fen: string }>>(
        'SELECT allocated_fen, reserved_fen, paid_fen FROM budget_envelopes WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!envelope) throw new ApplicationException(ErrorCode.NotFound, `Budget envelope ${id} does not exist`);
      const reservedFen = Number(envelope.reserved_fen);
      const paidFen = Number(envelope.paid_fen);
      if (command.allocatedFen < reservedFen + paidFen) {
        throw new ApplicationException(
          ErrorCode.AllocationBelowCommitted,
          `allocated ${fenToYuan(command.allocatedFen)} CNY is below what the envelope has already reserved + paid: ` +
            `${fenToYuan(reservedFen + paidFen)} CNY (reserved ${fenToYuan(reservedFen)} + paid ${fenToYuan(paidFen)})`,
          {
            allocated: fenToYuan(command.allocatedFen),
            reserved: fenToYuan(reservedFen),
            paid: fenToYuan(paidFen),
            minimum: fenToYuan(reservedFen + paidFen),
          },
        );
      }
      await tx.query('UPDATE budget_envelopes SET allocated_fen = $2 WHERE id = $1', [id, command.allocatedFen]);
      await tx.query(
        `INSERT INTO budget_envelope_changes (envelope_id, old_allocated_fen, new_allocated_fen, reason, changed_by)
         VALUES ($1, $2, $3, $4, $5)`,
        [id, envelope.allocated_fen, command.allocatedFen, command.reason, actor.userId],
      );
    });
    return this.findEnvelope(id);
  }

  /** Every allocation change of an envelope, oldest first (its creation included). */
  async listChanges(id: string): Promise<{ envelope: BudgetEnvelopeView; changes: EnvelopeChangeView[] }> {
    const envelope = await this.findEnvelope(id);
    const rows = await this.db.query<
      Array<{
        id: string;
        old_allocated_fen: string | null;
        new_allocated_fen: string;
        reason: string;
        changed_by: string;
        changed_by_name: string;
        changed_at: Date;
      }>
    >(
      `SELECT c.id, c.old_allocated_fen, c.new_allocated_fen, c.reason, c.changed_by,
              u.display_name AS changed_by_name, c.changed_at
       FROM budget_envelope_changes c JOIN users u ON u.id = c.changed_by
       WHERE c.envelope_id = $1 ORDER BY c.changed_at, c.id`,
      [id],
    );
    return {
      envelope,
      changes: rows.map((r) => ({
        id: r.id,
        envelopeId: id,
        oldAllocated: r.old_allocated_fen === null ? null : fenToYuan(r.old_allocated_fen),
        newAllocated: fenToYuan(r.new_allocated_fen),
        reason: r.reason,
        changedBy: { id: r.changed_by, name: r.changed_by_name },
        changedAt: r.changed_at.toISOString(),
      })),
    };
  }

  private async programByCode(code: string): Promise<{ id: string }> {
    const [program] = await this.db.query<Array<{ id: string }>>('SELECT id FROM programs WHERE code = $1', [code]);
    if (!program) {
      throw new ApplicationException(ErrorCode.ProgramNotFound, `Program ${code} does not exist`, { program: code });
    }
    return program;
  }
}
