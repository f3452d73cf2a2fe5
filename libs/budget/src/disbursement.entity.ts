import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintToNumber } from '@aidflow/common';

export type DisbursementStatus = 'pending_payment' | 'paid' | 'payment_failed';

/** The instruction finance pays from; one per application, keyed by it. Its id is the bank's idempotency key. */
@Entity({ name: 'disbursements' })
export class DisbursementEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid', unique: true }) applicationId: string;
  @Column({ name: 'reservation_id', type: 'uuid' }) reservationId: string;
  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintToNumber }) amountFen: number;
  @Column({ type: 'text' }) status: DisbursementStatus;
  /** The bank's payment id, once paid. */
  @Column({ name: 'bank_payment_id', type: 'text', nullable: true }) bankPaymentId: string | null;
  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true }) paidAt: Date | null;
  /** Why the bank refused the instruction for good (status payment_failed). */
  @Column({ name: 'payment_error', type: 'text', nullable: true }) paymentError: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
