import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 职工医疗互助: a member's yearly enrolment through their unit; claims are covered inside coverage_from..coverage_to. */
@Entity({ name: 'medical_enrolments' })
export class MedicalEnrolmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ name: 'coverage_year', type: 'int' }) coverageYear: number;
  @Column({ name: 'unit_org_id', type: 'uuid' }) unitOrgId: string;
  @Column({ name: 'enrolled_on', type: 'date' }) enrolledOn: string;
  @Column({ name: 'coverage_from', type: 'date' }) coverageFrom: string;
  @Column({ name: 'coverage_to', type: 'date' }) coverageTo: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
