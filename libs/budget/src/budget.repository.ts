import type { BudgetReservationEntity } from './budget-reservation.entity';
import type { DisbursementEntity } from './disbursement.entity';

export interface CampaignPaymentRecord {
  visitId: string;
  campaignId: string;
  status: 'pending_payment' | 'paid' | 'payment_failed';
  amountFen: number;
  bankPaymentId: string | null;
}

export interface ReserveRequest {
  applicationId: string;
  programId: string;
  year: number;
  amountFen: number;
}

/** Port: money. Every method is idempotent, keyed by the application id. */
export abstract class BudgetRepository {
  /**
   * Reserves `amountFen` from one envelope of the program's year, atomically: racing reservations never overspend.
   * Throws BUDGET_EXHAUSTED / BUDGET_ENVELOPE_NOT_FOUND. A second call for the same application returns the first
   * reservation.
   */
  abstract reserve(request: ReserveRequest): Promise<BudgetReservationEntity>;
  abstract findReservation(applicationId: string): Promise<BudgetReservationEntity | null>;
  /**
   * Gives a reservation's money back to its envelope (rejection, withdrawal, an upheld objection), in one
   * transaction: the reservation becomes `released`, the envelope's reserved money shrinks by its amount, and a
   * `budget_released` ledger entry names the reason. Idempotent: a reservation already released (or committed, or
   * missing) is returned unchanged (null when there is none).
   */
  abstract release(applicationId: string, reason: string): Promise<BudgetReservationEntity | null>;
  abstract createDisbursement(applicationId: string, amountFen: number): Promise<DisbursementEntity>;
  abstract findDisbursement(applicationId: string): Promise<DisbursementEntity | null>;
  abstract findDisbursementById(disbursementId: string): Promise<DisbursementEntity | null>;
  abstract listDisbursements(): Promise<DisbursementEntity[]>;
  /** Cash visits of campaigns that were confirmed (the bank is paid per visit, keyed by the visit id). */
  abstract listCampaignPayments(): Promise<CampaignPaymentRecord[]>;
  /**
   * In one transaction: the disbursement becomes `paid` with the bank's payment id, its reservation `committed`
   * (the envelope's reserved money becomes paid money), and a `payment_recorded` ledger entry is appended. A
   * disbursement already paid is returned unchanged.
   */
  abstract recordPayment(disbursementId: string, bankPaymentId: string): Promise<DisbursementEntity>;
  /** The bank refused the instruction for good: status `payment_failed` and a `payment_failed` ledger entry. */
  abstract recordPaymentFailure(disbursementId: string, error: string): Promise<DisbursementEntity>;
  abstract saveReconciliation(matched: number, flagged: unknown[]): Promise<{ id: string; runAt: Date }>;
}
