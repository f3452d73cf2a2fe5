import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RoutingRules } from '@aidflow/policy';

/** A cross-program exclusion: a held (open or granted) case of `program` for the same subject and year blocks. */
export interface ProgramExclusion {
  program: string;
  /** Only these categories of that program block (all when absent). */
  categories?: string[];
  /** The exclusion applies to these categories of this program (all when absent). */
  appliesTo?: string[];
  /** Why, in words: shown in the refusal. */
  reason: string;
}

/** One effective-dated row of a program's amount standard; applications pin the row they were decided on. */
@Entity({ name: 'program_standards' })
export class ProgramStandardEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'program_id', type: 'uuid' }) programId: string;
  @Column({ name: 'policy_version', type: 'text' }) policyVersion: string;
  @Column({ name: 'valid_from', type: 'date' }) validFrom: string;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo: string | null;
  @Column({ type: 'jsonb' }) params: Record<string, number>;
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" }) exclusions: ProgramExclusion[];
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** Routing rules of this policy version (levels, conditions, modes, SLAs); null: the three default levels. */
  @Column({ type: 'jsonb', nullable: true }) routing: RoutingRules | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
