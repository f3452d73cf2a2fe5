import type { PinnedStandard, ProgramFacts, VerifiedFacts } from '../program-policy';
import { EXAMPLE_STANDARDS } from './index';
import { modelWorkerFundsPeriod, modelWorkerFundsPolicy } from './model-worker-funds';

// Example standard: festival national 3,000 / provincial 1,500 / city 1,000; floor 4,000 a month; special cap 15,000.
const standard: PinnedStandard = {
  standardId: 'std-mw-2026',
  policyVersion: 'model-worker-funds/2026.1',
  validFrom: '2026-01-01',
  ...EXAMPLE_STANDARDS['model-worker-funds'],
};

type Level = NonNullable<VerifiedFacts['modelWorker']>['honourLevel'];

const facts = (level: Level | null, overrides: Partial<ProgramFacts> = {}): ProgramFacts => ({
  submittedOn: '2026-01-10',
  verified: { modelWorker: level ? { entryId: 'MW-007', honourLevel: level, workStatus: 'retired' } : null },
  ...overrides,
});

describe('model-worker "three funds" (劳模"三金")', () => {
  it('pays a national model worker 3,000 CNY at Spring Festival', () => {
    const a = modelWorkerFundsPolicy.assess(facts('national'), 'festival', 300_000, standard);
    expect(a).toMatchObject({ eligible: true, tier: 'national', capFen: 300_000, grantedAmountFen: 300_000 });
    expect(a.reasons.join('\n')).toContain('model-worker registry entry MW-007');
  });

  it('pays a provincial model worker 1,500 CNY at Spring Festival, even when more is requested', () => {
    const a = modelWorkerFundsPolicy.assess(facts('provincial'), 'festival', 300_000, standard);
    expect(a).toMatchObject({ eligible: true, tier: 'provincial', grantedAmountFen: 150_000 });
  });

  it('pays a city model worker 1,000 CNY at Spring Festival', () => {
    const a = modelWorkerFundsPolicy.assess(facts('city'), 'festival', 100_000, standard);
    expect(a.grantedAmountFen).toBe(100_000);
  });

  it('refuses a person who is not in the model-worker registry', () => {
    const a = modelWorkerFundsPolicy.assess(facts(null), 'festival', 300_000, standard);
    expect(a).toMatchObject({ eligible: false, tier: null, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toContain('not in the model-worker registry');
  });

  it('tops monthly income up to the 4,000 CNY floor for a year', () => {
    const a = modelWorkerFundsPolicy.assess(
      facts('city', { monthlyIncomeFen: 250_000 }),
      'living_hardship',
      2_000_000,
      standard,
    );
    // (4,000 - 2,500) x 12 = 18,000 CNY
    expect(a).toMatchObject({ eligible: true, tier: 'city', capFen: 1_800_000, grantedAmountFen: 1_800_000 });
    expect(a.reasons.join('\n')).toContain('monthly income 2500.00 CNY is below the floor 4000.00 CNY');
  });

  it('refuses a living-hardship subsidy at income equal to the floor', () => {
    const a = modelWorkerFundsPolicy.assess(
      facts('city', { monthlyIncomeFen: 400_000 }),
      'living_hardship',
      100_000,
      standard,
    );
    expect(a).toMatchObject({ eligible: false, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toContain('monthly income 4000.00 CNY is not below the floor 4000.00 CNY');
  });

  it('refuses a living-hardship subsidy without a monthly income', () => {
    const a = modelWorkerFundsPolicy.assess(facts('city'), 'living_hardship', 100_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain('monthly income is not stated');
  });

  it('caps the special-hardship grant at 15,000 CNY', () => {
    const a = modelWorkerFundsPolicy.assess(
      facts('national', { hardshipCostsFen: 4_000_000 }),
      'special_hardship',
      4_000_000,
      standard,
    );
    expect(a).toMatchObject({ eligible: true, capFen: 1_500_000, grantedAmountFen: 1_500_000 });
  });

  it('grants special hardship up to the costs when they are below the cap', () => {
    const a = modelWorkerFundsPolicy.assess(
      facts('national', { hardshipCostsFen: 800_000 }),
      'special_hardship',
      1_500_000,
      standard,
    );
    expect(a).toMatchObject({ eligible: true, capFen: 800_000, grantedAmountFen: 800_000 });
  });

  it('refuses special hardship without costs', () => {
    const a = modelWorkerFundsPolicy.assess(
      facts('national', { hardshipCostsFen: 0 }),
      'special_hardship',
      100_000,
      standard,
    );
    expect(a).toMatchObject({ eligible: false, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toContain('needs costs above zero');
  });

  it('refuses an unknown category', () => {
    const a = modelWorkerFundsPolicy.assess(facts('national'), 'pension', 100_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain('category "pension" is not one of');
  });

  it('counts the business key per budget year and category', () => {
    expect(modelWorkerFundsPeriod(facts('national'), 2026, 'festival')).toBe('2026:festival');
    expect(modelWorkerFundsPeriod(facts('national'), 2026, 'special_hardship')).toBe('2026:special_hardship');
  });

  it('produces a JSON-serialisable assessment', () => {
    const a = modelWorkerFundsPolicy.assess(facts('national'), 'festival', 300_000, standard);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});
