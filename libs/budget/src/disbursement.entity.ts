import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintToNumber } from '@aidflow/common';

export type DisbursementStatus = 'pending_payment' | 'paid';

/** The instruction finance pays from; one per application, keyed by it. */
@Entity({ name: 'disbursements' })
export class DisbursementEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid', unique: true }) applicationId: string;
  @Column({ name: 'reservation_id', type: 'uuid' }) reservationId: string;
  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintToNumber }) amountFen: number;
  @Column({ type: 'text' }) status: DisbursementStatus;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
