import type { ProgramStandardEntity } from './program-standard.entity';
import type { ProgramEntity } from './program.entity';

/** Port: programs and their effective-dated standards. */
export abstract class ProgramsRepository {
  abstract findByCode(code: string): Promise<ProgramEntity | null>;
  /** The standard row in force on `date` (YYYY-MM-DD), if any. */
  abstract standardInForce(programId: string, date: string): Promise<ProgramStandardEntity | null>;
  abstract findStandard(id: string): Promise<ProgramStandardEntity | null>;
}
