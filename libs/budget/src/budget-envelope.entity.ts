import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintToNumber } from '@aidflow/common';

export type FundingSource = 'central_special' | 'city_finance' | 'union_funds' | 'donations';

@Entity({ name: 'budget_envelopes' })
export class BudgetEnvelopeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'program_id', type: 'uuid' }) programId: string;
  @Column({ type: 'int' }) year: number;
  @Column({ name: 'funding_source', type: 'text' }) fundingSource: FundingSource;
  @Column({ name: 'allocated_fen', type: 'bigint', transformer: bigintToNumber }) allocatedFen: number;
  @Column({ name: 'reserved_fen', type: 'bigint', transformer: bigintToNumber }) reservedFen: number;
  @Column({ name: 'paid_fen', type: 'bigint', transformer: bigintToNumber }) paidFen: number;
}
