import type { ProgramStandardEntity } from './program-standard.entity';
import type { ProgramEntity } from './program.entity';

export interface NewStandard {
  programId: string;
  policyVersion: string;
  validFrom: string;
  params: Record<string, number>;
  /** Absent: the latest version's. */
  routing?: NonNullable<ProgramStandardEntity['routing']>;
  /** Absent: the latest version's. */
  exclusions?: ProgramStandardEntity['exclusions'];
  createdBy: string;
  note: string | null;
}

/** Port: programs and their effective-dated standards. */
export abstract class ProgramsRepository {
  abstract findByCode(code: string): Promise<ProgramEntity | null>;
  abstract list(): Promise<ProgramEntity[]>;
  /** The standard row in force on `date` (YYYY-MM-DD), if any. */
  abstract standardInForce(programId: string, date: string): Promise<ProgramStandardEntity | null>;
  abstract findStandard(id: string): Promise<ProgramStandardEntity | null>;
  abstract standardsOf(programId: string): Promise<ProgramStandardEntity[]>;
  /**
   * In one transaction: the open-ended row before `validFrom` ends on it, and the new row starts, with the latest
   * row's routing and exclusions where none are given. Refuses (throws STANDARD_INVALID) a version that exists or a
   * start not after every existing row's start.
   */
  abstract addStandard(standard: NewStandard): Promise<ProgramStandardEntity>;
}
