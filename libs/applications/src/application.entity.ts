import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintToNumber } from '@aidflow/common';
import type { Assessment, ProgramFacts } from '@aidflow/policy';
import type { ApplicationStatus } from '@aidflow/workflows/types';

@Entity({ name: 'applications' })
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'program_id', type: 'uuid' }) programId: string;
  @Column({ name: 'program_code', type: 'text' }) programCode: string;
  @Column({ name: 'applicant_user_id', type: 'uuid' }) applicantUserId: string;
  @Column({ name: 'org_unit_id', type: 'uuid' }) orgUnitId: string;
  @Column({ name: 'idempotency_key', type: 'text' }) idempotencyKey: string;
  /** sha256 of the submitted body: the same key with a different body is refused. */
  @Column({ name: 'request_hash', type: 'text' }) requestHash: string;
  @Column({ type: 'text' }) category: string;
  @Column({ name: 'requested_amount_fen', type: 'bigint', transformer: bigintToNumber }) requestedAmountFen: number;
  @Column({ name: 'granted_amount_fen', type: 'bigint', nullable: true, transformer: bigintToNumber })
  grantedAmountFen: number | null;
  @Column({ type: 'jsonb' }) facts: ProgramFacts;
  /** Sensitive: opt-in in queries, masked in responses and logs. */
  @Column({ name: 'national_id', type: 'text', nullable: true, select: false }) nationalId: string | null;
  @Column({ name: 'standard_id', type: 'uuid' }) standardId: string;
  @Column({ name: 'policy_version', type: 'text' }) policyVersion: string;
  @Column({ type: 'jsonb', nullable: true }) eligibility: Assessment | null;
  @Column({ type: 'text', nullable: true }) tier: string | null;
  @Column({ type: 'text' }) status: ApplicationStatus;
  @Column({ name: 'current_level', type: 'int', nullable: true }) currentLevel: number | null;
  @Column({ name: 'outcome_reason', type: 'text', nullable: true }) outcomeReason: string | null;
  @Column({ name: 'workflow_id', type: 'text' }) workflowId: string;
  @Column({ name: 'budget_year', type: 'int' }) budgetYear: number;
  /** No double aid: whose aid this is (`user:<id>`, `household:<file id>`, `union:<org unit id>`). */
  @Column({ name: 'subject_key', type: 'text', nullable: true }) subjectKey: string | null;
  @Column({ type: 'text', nullable: true }) period: string | null;
  /** sha256(subject | program | period): unique among open and granted cases (no personal data in clear). */
  @Column({ name: 'business_key', type: 'text', nullable: true }) businessKey: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
