import { Inject, Injectable } from '@nestjs/common';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { DEFAULT_ROUTING } from '@aidflow/policy';
import type { HardshipStandard, RoutingRules } from '@aidflow/policy';
import type { ProgramStandardEntity } from './program-standard.entity';
import type { ProgramEntity } from './program.entity';
import { ProgramsRepository } from './programs.repository';

export const HARDSHIP_PROGRAM_CODE = 'hardship-aid';

const HARDSHIP_PARAMS = [
  'minimumLivingStandardFen',
  'livingReliefFen',
  'medicalReliefRate',
  'educationReliefPerStudentFen',
  'accidentCostShare',
] as const;

export function toHardshipStandard(row: ProgramStandardEntity): HardshipStandard {
  const missing = HARDSHIP_PARAMS.filter((k) => typeof row.params[k] !== 'number');
  if (missing.length > 0) {
    throw new ApplicationException(
      ErrorCode.StandardNotFound,
      `Standard ${row.policyVersion} lacks parameter(s): ${missing.join(', ')}`,
    );
  }
  return {
    standardId: row.id,
    policyVersion: row.policyVersion,
    validFrom: row.validFrom,
    minimumLivingStandardFen: row.params.minimumLivingStandardFen,
    livingReliefFen: row.params.livingReliefFen,
    medicalReliefRate: row.params.medicalReliefRate,
    educationReliefPerStudentFen: row.params.educationReliefPerStudentFen,
    accidentCostShare: row.params.accidentCostShare,
  };
}

@Injectable()
export class ProgramsService {
  constructor(@Inject(ProgramsRepository) private readonly programs: ProgramsRepository) {}

  async requireProgram(code: string): Promise<ProgramEntity> {
    const program = await this.programs.findByCode(code);
    if (!program) throw new ApplicationException(ErrorCode.ProgramNotFound, `Program "${code}" does not exist`);
    return program;
  }

  /** The routing rules of a pinned standard (policy version); the three default levels when it carries none. */
  async routingFor(standardId: string): Promise<RoutingRules> {
    const row = await this.programs.findStandard(standardId);
    if (!row) throw new ApplicationException(ErrorCode.StandardNotFound, `Standard ${standardId} does not exist`);
    return row.routing ?? DEFAULT_ROUTING;
  }

  /** The standard row an application pinned when it was submitted. */
  async pinnedHardshipStandard(standardId: string): Promise<HardshipStandard> {
    const row = await this.programs.findStandard(standardId);
    if (!row) throw new ApplicationException(ErrorCode.StandardNotFound, `Standard ${standardId} does not exist`);
    return toHardshipStandard(row);
  }

  /** The hardship-aid standard in force on `date`, to be pinned into an application. */
  async hardshipStandardOn(program: ProgramEntity, date: string): Promise<HardshipStandard> {
    const row = await this.programs.standardInForce(program.id, date);
    if (!row) {
      throw new ApplicationException(
        ErrorCode.StandardNotFound,
        `No standard of program "${program.code}" is in force on ${date}; an administrator must add one`,
      );
    }
    return toHardshipStandard(row);
  }
}
