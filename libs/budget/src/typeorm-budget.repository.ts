import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationException, ErrorCode, fenToYuan } from '@aidflow/common';
import { BudgetRepository } from './budget.repository';
import type { ReserveRequest } from './budget.repository';
import { BudgetReservationEntity } from './budget-reservation.entity';
import { DisbursementEntity } from './disbursement.entity';

/** Envelopes are drawn in this order: earmarked central funds first, donations last. */
const SOURCE_ORDER = `CASE funding_source WHEN 'central_special' THEN 1 WHEN 'city_finance' THEN 2
  WHEN 'union_funds' THEN 3 ELSE 4 END`;

@Injectable()
export class TypeOrmBudgetRepository extends BudgetRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  findReservation(applicationId: string): Promise<BudgetReservationEntity | null> {
    return this.db.getRepository(BudgetReservationEntity).findOneBy({ applicationId });
  }

  findDisbursement(applicationId: string): Promise<DisbursementEntity | null> {
    return this.db.getRepository(DisbursementEntity).findOneBy({ applicationId });
  }

  async reserve(request: ReserveRequest): Promise<BudgetReservationEntity> {
    const existing = await this.findReservation(request.applicationId);
    if (existing) return existing;
    return this.db
      .transaction(async (tx) => {
        // The WHERE clause is re-checked on the locked row, so two reservations racing for the last yuan cannot both
        // succeed; the CHECK constraint on the table is the backstop.
        const updated = (await tx.queryRunner!.query(
          `UPDATE budget_envelopes SET reserved_fen = reserved_fen + $3
         WHERE id = (
           SELECT id FROM budget_envelopes
           WHERE program_id = $1 AND year = $2 AND allocated_fen - reserved_fen - paid_fen >= $3
           ORDER BY ${SOURCE_ORDER} LIMIT 1
         ) AND allocated_fen - reserved_fen - paid_fen >= $3
         RETURNING id`,
          [request.programId, request.year, request.amountFen],
          true, // structured result: for UPDATE, TypeORM otherwise returns [rows, count]
        )) as { records: Array<{ id: string }> };
        const envelopeId = updated.records[0]?.id;
        if (!envelopeId) {
          const [totals] = await tx.query<Array<{ envelopes: number; best: string }>>(
            `SELECT count(*)::int AS envelopes, coalesce(max(allocated_fen - reserved_fen - paid_fen), 0)::bigint AS best
           FROM budget_envelopes WHERE program_id = $1 AND year = $2`,
            [request.programId, request.year],
          );
          if (!totals || totals.envelopes === 0) {
            throw new ApplicationException(
              ErrorCode.BudgetEnvelopeNotFound,
              `The program has no budget envelope for ${request.year}`,
            );
          }
          throw new ApplicationException(
            ErrorCode.BudgetExhausted,
            `No budget envelope of ${request.year} has ${fenToYuan(request.amountFen)} CNY left (largest remaining: ${fenToYuan(
              totals.best,
            )} CNY)`,
            { year: request.year, requestedFen: request.amountFen, largestRemainingFen: Number(totals.best) },
          );
        }
        const inserted: BudgetReservationEntity[] = await tx.query(
          `INSERT INTO budget_reservations (envelope_id, application_id, amount_fen, status)
         VALUES ($1, $2, $3, 'reserved') ON CONFLICT (application_id) DO NOTHING RETURNING id`,
          [envelopeId, request.applicationId, request.amountFen],
        );
        if (inserted.length === 0) {
          // A concurrent attempt for the same application won: undo ours, keep theirs.
          throw new ReservationRaceLost();
        }
        return tx.getRepository(BudgetReservationEntity).findOneByOrFail({ applicationId: request.applicationId });
      })
      .catch(async (err: unknown) => {
        if (err instanceof ReservationRaceLost) {
          return this.db
            .getRepository(BudgetReservationEntity)
            .findOneByOrFail({ applicationId: request.applicationId });
        }
        throw err;
      });
  }

  async createDisbursement(applicationId: string, amountFen: number): Promise<DisbursementEntity> {
    const reservation = await this.findReservation(applicationId);
    if (!reservation) {
      throw new ApplicationException(ErrorCode.NotFound, `Application ${applicationId} has no budget reservation`);
    }
    await this.db.query(
      `INSERT INTO disbursements (application_id, reservation_id, amount_fen, status)
       VALUES ($1, $2, $3, 'pending_payment') ON CONFLICT (application_id) DO NOTHING`,
      [applicationId, reservation.id, amountFen],
    );
    return this.db.getRepository(DisbursementEntity).findOneByOrFail({ applicationId });
  }
}

class ReservationRaceLost extends Error {}
