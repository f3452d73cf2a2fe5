import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { HardshipTier } from '@aidflow/policy';

export type HouseholdFileStatus = 'open' | 'closed';
export type HouseholdFileEventKind = 'filed' | 'verified' | 'retiered' | 'closed';

/**
 * What the grassroots union found on its home visit, in fen, and what the tiering concluded from it. Files written
 * outside the API (imports, demo seeds) may carry only the figures: readers tolerate missing derived fields.
 */
export interface HouseholdFileFacts {
  householdSize: number;
  annualIncomeFen: number;
  unavoidableCostsFen: number;
  accidentCostsFen: number;
  /** (income - unavoidable costs) / 12 / household size, fen. */
  perCapitaMonthlyIncomeFen: number;
  /** The tiering rules in words (hardshipTier). */
  reasons: string[];
  /** The hardship-aid standard the tier was computed with. */
  policyVersion: string;
  note: string | null;
}

/** 一户一档: one open file per household, headed by a registered user; re-verified yearly, closed on recovery (退档). */
@Entity({ name: 'household_files' })
export class HouseholdFileEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** e.g. HF-2026-000123 */
  @Column({ name: 'file_no', type: 'text', unique: true }) fileNo: string;
  @Column({ name: 'head_user_id', type: 'uuid' }) headUserId: string;
  @Column({ name: 'org_unit_id', type: 'uuid' }) orgUnitId: string;
  @Column({ type: 'text' }) tier: HardshipTier;
  @Column({ name: 'household_size', type: 'int' }) householdSize: number;
  @Column({ type: 'jsonb' }) facts: HouseholdFileFacts;
  @Column({ name: 'standard_id', type: 'uuid', nullable: true }) standardId: string | null;
  @Column({ type: 'text' }) status: HouseholdFileStatus;
  @Column({ name: 'filed_on', type: 'date' }) filedOn: string;
  @Column({ name: 'verified_on', type: 'date' }) verifiedOn: string;
  @Column({ name: 'closed_on', type: 'date', nullable: true }) closedOn: string | null;
  @Column({ name: 'closed_reason', type: 'text', nullable: true }) closedReason: string | null;
  @Column({ name: 'filed_by', type: 'uuid' }) filedBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** Every change of a household file, written in the same transaction as the change. */
@Entity({ name: 'household_file_events' })
export class HouseholdFileEventEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'file_id', type: 'uuid' }) fileId: string;
  @Column({ type: 'text' }) kind: HouseholdFileEventKind;
  @Column({ name: 'actor_id', type: 'uuid' }) actorId: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Column({ type: 'text', nullable: true }) tier: HardshipTier | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'jsonb', nullable: true }) facts: HouseholdFileFacts | null;
}
