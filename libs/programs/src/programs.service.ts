import { Inject, Injectable } from '@nestjs/common';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { DEFAULT_ROUTING, PROGRAM_POLICIES } from '@aidflow/policy';
import type { HardshipStandard, PinnedStandard, ProgramPolicy, RoutingRules } from '@aidflow/policy';
import type { ProgramStandardEntity } from './program-standard.entity';
import type { ProgramEntity } from './program.entity';
import { ProgramsRepository } from './programs.repository';
import type { ProgramExclusion } from './program-standard.entity';

export const HARDSHIP_PROGRAM_CODE = 'hardship-aid';

/**
 * The pinned form of a standard row: id, version and valid-from with the program's parameters flattened. Throws
 * STANDARD_NOT_FOUND naming the parameters the program's policy module needs and the row lacks.
 */
export function toPinnedStandard(programCode: string, row: ProgramStandardEntity): PinnedStandard {
  const policy = PROGRAM_POLICIES[programCode];
  const missing = (policy?.requiredParams ?? []).filter((k) => typeof row.params[k] !== 'number');
  if (missing.length > 0) {
    throw new ApplicationException(
      ErrorCode.StandardNotFound,
      `Standard ${row.policyVersion} lacks parameter(s): ${missing.join(', ')}`,
    );
  }
  return { ...row.params, standardId: row.id, policyVersion: row.policyVersion, validFrom: row.validFrom };
}

/** Hardship aid's typed view of a pinned row (kept for callers that read its named parameters). */
export function toHardshipStandard(row: ProgramStandardEntity): HardshipStandard {
  return toPinnedStandard(HARDSHIP_PROGRAM_CODE, row) as unknown as HardshipStandard;
}

@Injectable()
export class ProgramsService {
  constructor(@Inject(ProgramsRepository) private readonly programs: ProgramsRepository) {}

  async requireProgram(code: string): Promise<ProgramEntity> {
    const program = await this.programs.findByCode(code);
    if (!program) {
      const known = (await this.programs.list()).map((p) => p.code);
      throw new ApplicationException(
        ErrorCode.ProgramNotFound,
        `Program "${code}" does not exist (programs: ${known.join(', ')})`,
      );
    }
    return program;
  }

  /** The program's policy module: its facts, categories, documents and rules. */
  policyOf(program: ProgramEntity): ProgramPolicy {
    const policy = PROGRAM_POLICIES[program.code];
    if (!policy) {
      throw new ApplicationException(
        ErrorCode.ProgramNotFound,
        `Program "${program.code}" has no policy module in this version of aidflow`,
      );
    }
    return policy;
  }

  list(): Promise<ProgramEntity[]> {
    return this.programs.list();
  }

  standardsOf(program: ProgramEntity): Promise<ProgramStandardEntity[]> {
    return this.programs.standardsOf(program.id);
  }

  /** The row in force on `date`, or STANDARD_NOT_FOUND telling the administrator to add one. */
  async rowOn(program: ProgramEntity, date: string): Promise<ProgramStandardEntity> {
    const row = await this.programs.standardInForce(program.id, date);
    if (!row) {
      throw new ApplicationException(
        ErrorCode.StandardNotFound,
        `No standard of program "${program.code}" is in force on ${date}; an administrator must add one`,
      );
    }
    return row;
  }

  /**
   * A new policy version from `validFrom`: every parameter the program's rules read must be a number; routing and
   * exclusions carry over from the version before unless given. Running cases keep the row they pinned.
   */
  async addStandard(
    program: ProgramEntity,
    input: {
      policyVersion: string;
      validFrom: string;
      params: Record<string, unknown>;
      routing?: RoutingRules;
      exclusions?: ProgramExclusion[];
      note?: string;
    },
    createdBy: string,
  ): Promise<ProgramStandardEntity> {
    const policy = this.policyOf(program);
    const problems: string[] = [];
    for (const name of policy.requiredParams) {
      const value = input.params[name];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        problems.push(`params.${name} must be a number >= 0`);
      }
    }
    for (const [name, value] of Object.entries(input.params)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`params.${name} must be a number`);
    }
    if (input.routing) problems.push(...routingProblems(input.routing));
    const today = new Date().toISOString().slice(0, 10);
    if (input.validFrom < today) {
      // A start in the past would change which version was in force on days already decided (re-derivation).
      problems.push(`validFrom ${input.validFrom} is in the past; a new version starts today (${today}) or later`);
    }
    for (const [i, exclusion] of (input.exclusions ?? []).entries()) {
      if (!PROGRAM_POLICIES[exclusion.program]) {
        problems.push(`exclusions[${i}].program "${exclusion.program}" is not a program`);
      }
    }
    if (problems.length > 0) {
      throw new ApplicationException(ErrorCode.StandardInvalid, `The standard is incomplete: ${problems.join('; ')}`, {
        problems,
        requiredParams: policy.requiredParams,
      });
    }
    return this.programs.addStandard({
      programId: program.id,
      policyVersion: input.policyVersion,
      validFrom: input.validFrom,
      params: input.params as Record<string, number>,
      ...(input.routing ? { routing: input.routing } : {}),
      ...(input.exclusions ? { exclusions: input.exclusions } : {}),
      createdBy,
      note: input.note ?? null,
    });
  }

  /** The routing rules of a pinned standard (policy version); the three default levels when it carries none. */
  async routingFor(standardId: string): Promise<RoutingRules> {
    const row = await this.programs.findStandard(standardId);
    if (!row) throw new ApplicationException(ErrorCode.StandardNotFound, `Standard ${standardId} does not exist`);
    return row.routing ?? DEFAULT_ROUTING;
  }

  /** The standard row an application pinned when it was submitted. */
  async pinnedStandard(programCode: string, standardId: string): Promise<PinnedStandard> {
    const row = await this.programs.findStandard(standardId);
    if (!row) throw new ApplicationException(ErrorCode.StandardNotFound, `Standard ${standardId} does not exist`);
    return toPinnedStandard(programCode, row);
  }

  /** The program's standard in force on `date`, to be pinned into an application. */
  async standardOn(program: ProgramEntity, date: string): Promise<PinnedStandard> {
    return toPinnedStandard(program.code, await this.rowOn(program, date));
  }
}

const DURATION_KEYS = ['workingDays', 'hours', 'minutes', 'seconds'] as const;

/** What is wrong with an administrator's routing, in words (the workflow would otherwise fail on it much later). */
export function routingProblems(routing: RoutingRules): string[] {
  const problems: string[] = [];
  if (!Array.isArray(routing.levels) || routing.levels.length === 0) {
    problems.push('routing.levels must list at least one approval level');
  }
  const notice = (routing as { notice?: { window?: Record<string, unknown> } }).notice;
  if (notice !== undefined) {
    const window = notice?.window ?? {};
    const given = DURATION_KEYS.filter((k) => window[k] !== undefined);
    const bad = given.filter(
      (k) => typeof window[k] !== 'number' || !Number.isInteger(window[k]) || Number(window[k]) < 0,
    );
    if (given.length === 0 || bad.length > 0 || given.every((k) => window[k] === 0)) {
      problems.push(
        `routing.notice.window must be a duration like {"workingDays": 5} (whole numbers of ${DURATION_KEYS.join(', ')})`,
      );
    }
  }
  return problems;
}
