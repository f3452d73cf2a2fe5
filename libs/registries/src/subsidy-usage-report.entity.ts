import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintToNumber } from '@aidflow/common';

export interface UsageItem {
  purpose: string;
  amountFen: number;
}

/** How a grassroots union used a granted subsidy: one report per application. */
@Entity({ name: 'subsidy_usage_reports' })
export class SubsidyUsageReportEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid', unique: true }) applicationId: string;
  @Column({ name: 'reported_by', type: 'uuid' }) reportedBy: string;
  @Column({ type: 'jsonb' }) items: UsageItem[];
  @Column({ name: 'total_fen', type: 'bigint', transformer: bigintToNumber }) totalFen: number;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'reported_at', type: 'timestamptz' }) reportedAt: Date;
}
