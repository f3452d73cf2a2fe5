import type { PinnedStandard, ProgramFacts } from '../program-policy';
import { EXAMPLE_STANDARDS } from './index';
import { unionSubsidyPolicy } from './union-subsidy';

// Example standard: pass score 80; 20 CNY per member, at most 30,000 CNY.
const standard: PinnedStandard = {
  standardId: 'std-union-2026',
  policyVersion: 'union-subsidy/2026.1',
  validFrom: '2026-01-01',
  ...EXAMPLE_STANDARDS['union-subsidy'],
};

const facts = (overrides: Partial<ProgramFacts> = {}): ProgramFacts => ({
  assessmentScore: 86,
  memberCount: 250,
  usagePlan: 'Staff library and a winter sports day',
  submittedOn: '2026-04-01',
  verified: {},
  ...overrides,
});

describe('funding subsidies for grassroots unions (基层工会经费补助)', () => {
  it('pays 20 CNY per member to a union that meets the standard', () => {
    const a = unionSubsidyPolicy.assess(facts(), 'standardisation', 1_000_000, standard);
    // 250 x 20 = 5,000 CNY
    expect(a).toMatchObject({ eligible: true, tier: null, capFen: 500_000, grantedAmountFen: 500_000 });
    expect(a.reasons.join('\n')).toContain('assessment score 86 meets the pass score 80');
  });

  it('caps the subsidy at 30,000 CNY', () => {
    const a = unionSubsidyPolicy.assess(facts({ memberCount: 4_000 }), 'standardisation', 8_000_000, standard);
    expect(a).toMatchObject({ eligible: true, capFen: 3_000_000, grantedAmountFen: 3_000_000 });
  });

  it('accepts a score exactly at the pass score', () => {
    const a = unionSubsidyPolicy.assess(facts({ assessmentScore: 80 }), 'standardisation', 100_000, standard);
    expect(a.eligible).toBe(true);
  });

  it('refuses a score below the pass score', () => {
    const a = unionSubsidyPolicy.assess(facts({ assessmentScore: 79 }), 'standardisation', 100_000, standard);
    expect(a).toMatchObject({ eligible: false, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toContain('assessment score 79 is below the pass score 80');
  });

  it('refuses without a usage plan', () => {
    const a = unionSubsidyPolicy.assess(facts({ usagePlan: '' }), 'standardisation', 100_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain('no usage plan is given');
  });

  it('refuses a union without members', () => {
    const a = unionSubsidyPolicy.assess(facts({ memberCount: 0 }), 'standardisation', 100_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain('the member count is missing or below 1');
  });

  it('refuses an unknown category', () => {
    const a = unionSubsidyPolicy.assess(facts(), 'premises', 100_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain('category "premises" is not standardisation');
  });

  it('counts the business key per budget year', () => {
    expect(unionSubsidyPolicy.period(facts(), 2026, 'standardisation')).toBe('2026');
  });

  it('produces a JSON-serialisable assessment', () => {
    const a = unionSubsidyPolicy.assess(facts(), 'standardisation', 100_000, standard);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});
