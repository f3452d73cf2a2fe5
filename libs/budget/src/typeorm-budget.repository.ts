import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { appendLedgerEntry } from '@aidflow/audit';
import { ApplicationException, ErrorCode, fenToYuan } from '@aidflow/common';
import { BudgetRepository } from './budget.repository';
import type { CampaignPaymentRecord, ReserveRequest } from './budget.repository';
import { BudgetReservationEntity } from './budget-reservation.entity';
import { DisbursementEntity } from './disbursement.entity';

/** Rows an UPDATE ... RETURNING gave back (TypeORM's plain `query` returns `[rows, count]` for UPDATE). */
async function updated<T>(tx: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = (await tx.queryRunner!.query(sql, params, true)) as { records: T[] };
  return result.records;
}

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

  findDisbursementById(disbursementId: string): Promise<DisbursementEntity | null> {
    return this.db.getRepository(DisbursementEntity).findOneBy({ id: disbursementId });
  }

  listDisbursements(): Promise<DisbursementEntity[]> {
    return this.db.getRepository(DisbursementEntity).find({ order: { createdAt: 'ASC' } });
  }

  async listCampaignPayments(): Promise<CampaignPaymentRecord[]> {
    const rows = await this.db.query<
      Array<{ id: string; campaign_id: string; state: string; amount_fen: string; bank_payment_id: string | null }>
    >(
      `SELECT id, campaign_id, state, amount_fen, bank_payment_id FROM campaign_visits
       WHERE delivery = 'cash' AND state IN ('visited', 'paid', 'payment_failed') ORDER BY confirmed_at, id`,
    );
    return rows.map((r) => ({
      visitId: r.id,
      campaignId: r.campaign_id,
      status: r.state === 'visited' ? 'pending_payment' : (r.state as 'paid' | 'payment_failed'),
      amountFen: Number(r.amount_fen),
      bankPaymentId: r.bank_payment_id,
    }));
  }

  async recordPayment(disbursementId: string, bankPaymentId: string): Promise<DisbursementEntity> {
    await this.db.transaction(async (tx) => {
      const [row] = await updated<{ application_id: string; reservation_id: string; amount_fen: string }>(
        tx,
        `UPDATE disbursements SET status = 'paid', bank_payment_id = $2, paid_at = now(), payment_error = NULL
         WHERE id = $1 AND status <> 'paid' RETURNING application_id, reservation_id, amount_fen`,
        [disbursementId, bankPaymentId],
      );
      if (!row) return; // already paid (a retried activity), or no such disbursement (the read below says which)
      const [reservation] = await updated<{ envelope_id: string; amount_fen: string }>(
        tx,
        `UPDATE budget_reservations SET status = 'committed' WHERE id = $1 AND status = 'reserved'
         RETURNING envelope_id, amount_fen`,
        [row.reservation_id],
      );
      if (reservation) {
        await tx.query(
          `UPDATE budget_envelopes SET reserved_fen = reserved_fen - $2, paid_fen = paid_fen + $2 WHERE id = $1`,
          [reservation.envelope_id, reservation.amount_fen],
        );
      }
      await appendLedgerEntry(tx, {
        applicationId: row.application_id,
        kind: 'payment_recorded',
        dedupeKey: 'payment',
        actorId: null,
        occurredAt: new Date().toISOString(),
        payload: { disbursementId, bankPaymentId, amountFen: Number(row.amount_fen), status: 'paid' },
      });
    });
    return this.db.getRepository(DisbursementEntity).findOneByOrFail({ id: disbursementId });
  }

  async release(applicationId: string, reason: string): Promise<BudgetReservationEntity | null> {
    await this.db.transaction(async (tx) => {
      const [reservation] = await updated<{ id: string; envelope_id: string; amount_fen: string }>(
        tx,
        `UPDATE budget_reservations SET status = 'released' WHERE application_id = $1 AND status = 'reserved'
         RETURNING id, envelope_id, amount_fen`,
        [applicationId],
      );
      if (!reservation) return; // released already (a retried activity), committed, or never reserved
      await tx.query(`UPDATE budget_envelopes SET reserved_fen = reserved_fen - $2 WHERE id = $1`, [
        reservation.envelope_id,
        reservation.amount_fen,
      ]);
      await appendLedgerEntry(tx, {
        applicationId,
        kind: 'budget_released',
        dedupeKey: 'budget_released',
        actorId: null,
        occurredAt: new Date().toISOString(),
        payload: {
          reservationId: reservation.id,
          envelopeId: reservation.envelope_id,
          amountFen: Number(reservation.amount_fen),
          reason,
        },
      });
    });
    return this.findReservation(applicationId);
  }

  async recordPaymentFailure(disbursementId: string, error: string): Promise<DisbursementEntity> {
    await this.db.transaction(async (tx) => {
      const [row] = await updated<{ application_id: string; amount_fen: string }>(
        tx,
        `UPDATE disbursements SET status = 'payment_failed', payment_error = $2
         WHERE id = $1 AND status = 'pending_payment' RETURNING application_id, amount_fen`,
        [disbursementId, error],
      );
      if (!row) return;
      await appendLedgerEntry(tx, {
        applicationId: row.application_id,
        kind: 'payment_failed',
        dedupeKey: 'payment_failed',
        actorId: null,
        occurredAt: new Date().toISOString(),
        payload: { disbursementId, amountFen: Number(row.amount_fen), status: 'payment_failed', error },
      });
    });
    return this.db.getRepository(DisbursementEntity).findOneByOrFail({ id: disbursementId });
  }

  async saveReconciliation(matched: number, flagged: unknown[]): Promise<{ id: string; runAt: Date }> {
    const [row] = await this.db.query<Array<{ id: string; run_at: Date }>>(
      `INSERT INTO payment_reconciliations (matched, flagged) VALUES ($1, $2) RETURNING id, run_at`,
      [matched, JSON.stringify(flagged)],
    );
    return { id: row.id, runAt: row.run_at };
  }

  async reserve(request: ReserveRequest): Promise<BudgetReservationEntity> {
    return this.db.transaction(async (tx) => {
      // One reservation per application: concurrent attempts for the same application queue here, and the later
      // ones return the first one's reservation.
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`reservation:${request.applicationId}`]);
      const existing = await tx
        .getRepository(BudgetReservationEntity)
        .findOneBy({ applicationId: request.applicationId });
      if (existing) return existing;
      for (let attempt = 1; ; attempt++) {
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
        if (envelopeId) return this.recordReservation(tx, request, envelopeId);
        // Nothing updated: either no envelope has enough, or the one this statement's snapshot chose was drained by
        // a concurrent reservation before we locked it. A new statement sees the new balances; look again.
        const [state] = await tx.query<Array<{ envelopes: number; fitting: number; best: string }>>(
          `SELECT count(*)::int AS envelopes,
                  count(*) FILTER (WHERE allocated_fen - reserved_fen - paid_fen >= $3)::int AS fitting,
                  coalesce(max(allocated_fen - reserved_fen - paid_fen), 0)::bigint AS best
           FROM budget_envelopes WHERE program_id = $1 AND year = $2`,
          [request.programId, request.year, request.amountFen],
        );
        if (!state || state.envelopes === 0) {
          throw new ApplicationException(
            ErrorCode.BudgetEnvelopeNotFound,
            `The program has no budget envelope for ${request.year}`,
          );
        }
        if (state.fitting === 0 || attempt >= 50) {
          // A reservation of this application committed meanwhile (outside this lock) explains the drained envelope.
          const committed = await tx
            .getRepository(BudgetReservationEntity)
            .findOneBy({ applicationId: request.applicationId });
          if (committed) return committed;
          throw new ApplicationException(
            ErrorCode.BudgetExhausted,
            `No budget envelope of ${request.year} has ${fenToYuan(request.amountFen)} CNY left (largest remaining: ${fenToYuan(
              state.best,
            )} CNY)`,
            { year: request.year, requestedFen: request.amountFen, largestRemainingFen: Number(state.best) },
          );
        }
      }
    });
  }

  private async recordReservation(
    tx: EntityManager,
    request: ReserveRequest,
    envelopeId: string,
  ): Promise<BudgetReservationEntity> {
    await tx.query(
      `INSERT INTO budget_reservations (envelope_id, application_id, amount_fen, status) VALUES ($1, $2, $3, 'reserved')`,
      [envelopeId, request.applicationId, request.amountFen],
    );
    await appendLedgerEntry(tx, {
      applicationId: request.applicationId,
      kind: 'budget_reserved',
      dedupeKey: 'budget_reserved',
      actorId: null,
      occurredAt: new Date().toISOString(),
      payload: { envelopeId, year: request.year, amountFen: request.amountFen },
    });
    return tx.getRepository(BudgetReservationEntity).findOneByOrFail({ applicationId: request.applicationId });
  }

  async createDisbursement(applicationId: string, amountFen: number): Promise<DisbursementEntity> {
    const reservation = await this.findReservation(applicationId);
    if (!reservation) {
      throw new ApplicationException(ErrorCode.NotFound, `Application ${applicationId} has no budget reservation`);
    }
    await this.db.transaction(async (tx) => {
      const inserted = await tx.query<unknown[]>(
        `INSERT INTO disbursements (application_id, reservation_id, amount_fen, status)
         VALUES ($1, $2, $3, 'pending_payment') ON CONFLICT (application_id) DO NOTHING RETURNING id`,
        [applicationId, reservation.id, amountFen],
      );
      if (inserted.length === 0) return;
      await appendLedgerEntry(tx, {
        applicationId,
        kind: 'disbursement_recorded',
        dedupeKey: 'disbursement',
        actorId: null,
        occurredAt: new Date().toISOString(),
        payload: { reservationId: reservation.id, amountFen, status: 'pending_payment' },
      });
    });
    return this.db.getRepository(DisbursementEntity).findOneByOrFail({ applicationId });
  }
}
