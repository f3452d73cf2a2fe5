import { hardshipAidPolicy } from './hardship-aid';
import type { PinnedStandard, ProgramFacts } from '../program-policy';

const standard: PinnedStandard = {
  standardId: 'std-1',
  policyVersion: 'hardship-aid/2026.1',
  validFrom: '2026-01-01',
  minimumLivingStandardFen: 80_000,
  livingReliefFen: 760_000,
  medicalReliefRate: 0.5,
  educationReliefPerStudentFen: 630_000,
  accidentCostShare: 0.8,
};
const withFile: PinnedStandard = { ...standard, policyVersion: 'hardship-aid/2027.1', requiresHouseholdFile: 1 };

/** A household of 3 with 24,000 CNY income and 6,000 unavoidable costs: 500 CNY per person and month (deep). */
const facts = (verified: ProgramFacts['verified'] = {}): ProgramFacts => ({
  householdSize: 3,
  annualIncomeFen: 2_400_000,
  unavoidableCostsFen: 600_000,
  accidentCostsFen: 0,
  medicalOutOfPocketFen: 0,
  studentCount: 0,
  submittedOn: '2026-11-24',
  verified,
});
const file = (verifiedOn: string) => ({
  householdFile: { fileId: 'HF-2026-000001', tier: 'deep', filedOn: '2025-03-01', verifiedOn },
});

describe('hardship aid: the household file (建档) rule of versions that require it', () => {
  it('decides as before on a version without the rule, file or not', () => {
    const a = hardshipAidPolicy.assess(facts(), 'living', 500_000, standard);
    expect(a).toMatchObject({ eligible: true, tier: 'deep', grantedAmountFen: 500_000 });
    expect(a.reasons.join(' ')).not.toContain('household file');
  });

  it('passes with an open file re-verified within the year', () => {
    const a = hardshipAidPolicy.assess(facts(file('2026-03-01')), 'living', 500_000, withFile);
    expect(a).toMatchObject({ eligible: true, tier: 'deep', grantedAmountFen: 500_000 });
    expect(a.reasons[0]).toBe('household file HF-2026-000001 is open (filed 2025-03-01, verified 2026-03-01)');
    expect(a.rules?.map((r) => [r.rule, r.passed])).toEqual([
      ['household-file', true],
      ['tier', true],
      ['cap', true],
      ['amount', true],
    ]);
  });

  it('refuses a household without a file, saying to file it first', () => {
    const a = hardshipAidPolicy.assess(facts(), 'living', 500_000, withFile);
    expect(a).toMatchObject({ eligible: false, tier: null, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toBe('ineligible: the household has no open file (建档): file it first');
  });

  it('refuses a file not re-verified for more than a year', () => {
    const a = hardshipAidPolicy.assess(facts(file('2025-03-01')), 'living', 500_000, withFile);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain('last verified on 2025-03-01, more than 366 days ago');
  });

  it('counts one case per household, relief and year', () => {
    expect(hardshipAidPolicy.period(facts(), 2026, 'living')).toBe('2026:living');
  });
});
