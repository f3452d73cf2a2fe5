import type { Assessment, PinnedStandard, ProgramFacts, ProgramPolicy } from '../program-policy';
import { condolencePolicy } from './condolence';
import { emergencyReliefPolicy } from './emergency-relief';
import { hardshipAidPolicy } from './hardship-aid';
import { medicalMutualAidPolicy } from './medical-mutual-aid';
import { modelWorkerFundsPolicy } from './model-worker-funds';
import { tuitionGrantPolicy } from './tuition-grant';
import { unionSubsidyPolicy } from './union-subsidy';

/** Every program the engine knows, by code. A new program is a module here plus its standard rows (docs/programs.md, "Adding a program"). */
export const PROGRAM_POLICIES: Readonly<Record<string, ProgramPolicy>> = {
  [hardshipAidPolicy.code]: hardshipAidPolicy,
  [tuitionGrantPolicy.code]: tuitionGrantPolicy,
  [modelWorkerFundsPolicy.code]: modelWorkerFundsPolicy,
  [emergencyReliefPolicy.code]: emergencyReliefPolicy,
  [medicalMutualAidPolicy.code]: medicalMutualAidPolicy,
  [condolencePolicy.code]: condolencePolicy,
  [unionSubsidyPolicy.code]: unionSubsidyPolicy,
};

/**
 * Example standard parameters per program (amounts from public standards, in fen): seed rows, previews and tests.
 * Each map carries exactly the program's `requiredParams`.
 */
export const EXAMPLE_STANDARDS: Readonly<Record<string, Record<string, number>>> = {
  'hardship-aid': {
    minimumLivingStandardFen: 80_000,
    livingReliefFen: 760_000,
    medicalReliefRate: 0.5,
    educationReliefPerStudentFen: 630_000,
    accidentCostShare: 0.8,
  },
  'tuition-grant': {
    filedUniversityFen: 500_000,
    filedHighSchoolFen: 300_000,
    nonFiledUniversityFen: 400_000,
    nonFiledHighSchoolFen: 200_000,
  },
  'model-worker-funds': {
    festivalNationalFen: 300_000,
    festivalProvincialFen: 150_000,
    festivalCityFen: 100_000,
    livingFloorMonthlyFen: 400_000,
    specialHardshipCapFen: 1_500_000,
  },
  'emergency-relief': { emergencyCapFen: 2_000_000, eventWindowDays: 180 },
  'medical-mutual-aid': {
    hospitalisationRate: 0.7,
    seriousMildFen: 300_000,
    seriousSevereFen: 1_000_000,
    waitingPeriodDays: 90,
    perPersonCapFen: 5_000_000,
  },
  condolence: { condolenceKilledFen: 200_000, condolenceDisabledFen: 100_000 },
  'union-subsidy': { passScore: 80, perMemberFen: 2_000, subsidyCapFen: 3_000_000 },
};

export function programPolicy(code: string): ProgramPolicy {
  const policy = PROGRAM_POLICIES[code];
  if (!policy) throw new Error(`No policy module for program "${code}"`);
  return policy;
}

/** The one entry point the workflow, the preview and re-derivation use. */
export function assessApplication(
  programCode: string,
  facts: ProgramFacts,
  category: string,
  requestedAmountFen: number,
  standard: PinnedStandard,
): Assessment {
  return programPolicy(programCode).assess(facts, category, requestedAmountFen, standard);
}
