import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'programs' })
export class ProgramEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'name_en', type: 'text' }) nameEn: string;
  /** Whose aid the business key counts: person, household or union. */
  @Column({ type: 'text' }) subject: 'person' | 'household' | 'union';
  @Column({ name: 'open_for_submission', type: 'boolean' }) openForSubmission: boolean;
}
