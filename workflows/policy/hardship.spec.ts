import { assessHardship, hardshipTier, perCapitaMonthlyIncomeFen } from './hardship';
import type { HardshipStandard, HouseholdFacts } from './hardship';

// Example standard: 低保 800 CNY / person / month; living relief 7,600; education 6,300 per student.
const standard: HardshipStandard = {
  standardId: 'std-2026',
  policyVersion: 'hardship-aid/2026.1',
  validFrom: '2026-01-01',
  minimumLivingStandardFen: 80_000,
  livingReliefFen: 760_000,
  medicalReliefRate: 0.5,
  educationReliefPerStudentFen: 630_000,
  accidentCostShare: 0.8,
};

const household = (overrides: Partial<HouseholdFacts>): HouseholdFacts => ({
  householdSize: 3,
  annualIncomeFen: 0,
  unavoidableCostsFen: 0,
  accidentCostsFen: 0,
  medicalOutOfPocketFen: 0,
  studentCount: 0,
  ...overrides,
});

describe('hardship tiers (three-tier formula)', () => {
  it('computes (income - unavoidable costs) / 12 / household size', () => {
    // (36,000 - 7,200) / 12 / 3 = 800 CNY
    expect(perCapitaMonthlyIncomeFen(household({ annualIncomeFen: 3_600_000, unavoidableCostsFen: 720_000 }))).toBe(
      80_000,
    );
  });

  it('is deep hardship at exactly the minimum living standard', () => {
    const { tier } = hardshipTier(household({ annualIncomeFen: 3_600_000, unavoidableCostsFen: 720_000 }), standard);
    expect(tier).toBe('deep');
  });

  it('is relative hardship one fen above the minimum and up to twice it', () => {
    expect(hardshipTier(household({ annualIncomeFen: 2_880_036 }), standard).tier).toBe('relative'); // 800.01 CNY
    expect(hardshipTier(household({ annualIncomeFen: 5_760_000 }), standard).tier).toBe('relative'); // 1,600 CNY
  });

  it('is not relative hardship above twice the minimum', () => {
    const result = hardshipTier(household({ annualIncomeFen: 5_760_036 }), standard); // 1,600.01 CNY
    expect(result.tier).toBeNull();
    expect(result.reasons.join('\n')).toContain('not relative hardship');
  });

  it('is hardship by accident when accident costs exceed 80 % of annual income', () => {
    const facts = household({ annualIncomeFen: 10_000_000, accidentCostsFen: 8_000_001 });
    expect(hardshipTier(facts, standard).tier).toBe('accident');
  });

  it('is not hardship by accident at exactly 80 % of annual income', () => {
    const facts = household({ annualIncomeFen: 10_000_000, accidentCostsFen: 8_000_000 });
    expect(hardshipTier(facts, standard).tier).toBeNull();
  });
});

describe('assessHardship amounts', () => {
  const deepFacts = { annualIncomeFen: 2_400_000, unavoidableCostsFen: 600_000 }; // 500 CNY per person

  it('grants the requested living relief when within the 7,600 CNY cap', () => {
    const a = assessHardship(household(deepFacts), 'living', 500_000, standard);
    expect(a).toMatchObject({ eligible: true, tier: 'deep', capFen: 760_000, grantedAmountFen: 500_000 });
    expect(a.policyVersion).toBe('hardship-aid/2026.1');
  });

  it('caps living relief at 7,600 CNY and says so', () => {
    const a = assessHardship(household(deepFacts), 'living', 1_000_000, standard);
    expect(a.grantedAmountFen).toBe(760_000);
    expect(a.reasons.join('\n')).toContain('exceeds the cap');
  });

  it('pays 50 % of out-of-pocket medical costs', () => {
    const a = assessHardship(
      household({ ...deepFacts, medicalOutOfPocketFen: 1_200_000 }),
      'medical',
      900_000,
      standard,
    );
    expect(a.capFen).toBe(600_000);
    expect(a.grantedAmountFen).toBe(600_000);
  });

  it('pays education relief of 6,300 CNY per student', () => {
    const a = assessHardship(household({ ...deepFacts, studentCount: 2 }), 'education', 2_000_000, standard);
    expect(a.capFen).toBe(1_260_000);
    expect(a.grantedAmountFen).toBe(1_260_000);
  });

  it('refuses education relief for a household without students, with the reason', () => {
    const a = assessHardship(household(deepFacts), 'education', 100_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.grantedAmountFen).toBe(0);
    expect(a.reasons[a.reasons.length - 1]).toContain('nothing can be paid in the education category');
  });

  it('refuses a household that meets no tier, naming the failed rules', () => {
    const a = assessHardship(household({ annualIncomeFen: 12_000_000 }), 'living', 500_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.tier).toBeNull();
    expect(a.reasons).toEqual(
      expect.arrayContaining([
        expect.stringContaining('not deep hardship'),
        expect.stringContaining('not relative hardship'),
        expect.stringContaining('not hardship by accident'),
        'ineligible: the household meets none of the three hardship tiers',
      ]),
    );
    expect(a.rules.map((r) => [r.rule, r.passed])).toEqual([
      ['tier', false],
      ['cap', true],
      ['eligibility', false],
    ]);
    expect(a.rules[0].detail).toContain('not relative hardship');
  });
});
