import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintToNumber } from '@aidflow/common';

export type ReservationStatus = 'reserved' | 'committed' | 'released';

@Entity({ name: 'budget_reservations' })
export class BudgetReservationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'envelope_id', type: 'uuid' }) envelopeId: string;
  @Column({ name: 'application_id', type: 'uuid', unique: true }) applicationId: string;
  @Column({ name: 'amount_fen', type: 'bigint', transformer: bigintToNumber }) amountFen: number;
  @Column({ type: 'text' }) status: ReservationStatus;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
