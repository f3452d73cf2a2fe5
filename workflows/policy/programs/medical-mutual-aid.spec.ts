import type { PinnedStandard, ProgramFacts, VerifiedFacts } from '../program-policy';
import { EXAMPLE_STANDARDS } from './index';
import { medicalMutualAidPeriod, medicalMutualAidPolicy } from './medical-mutual-aid';

// Example standard: 70 % of self-paid hospital costs; 3,000 mild / 10,000 severe; 90-day wait; 50,000 per person.
const standard: PinnedStandard = {
  standardId: 'std-medical-2026',
  policyVersion: 'medical-mutual-aid/2026.1',
  validFrom: '2026-01-01',
  ...EXAMPLE_STANDARDS['medical-mutual-aid'],
};

const medicalEnrolment = {
  enrolmentId: 'ME-2026-31',
  coverageFrom: '2026-01-01',
  coverageTo: '2026-12-31',
  enrolledOn: '2025-12-15',
};

const facts = (overrides: Partial<ProgramFacts> = {}, verified: VerifiedFacts = {}): ProgramFacts => ({
  admissionDate: '2026-04-10',
  selfPaidHospitalCostsFen: 1_200_000,
  submittedOn: '2026-05-01',
  verified: { medicalEnrolment, paidInPeriodFen: 0, ...verified },
  ...overrides,
});

describe('medical mutual aid (职工医疗互助)', () => {
  it('pays 70 % of self-paid hospital costs', () => {
    const a = medicalMutualAidPolicy.assess(facts(), 'hospitalisation', 1_000_000, standard);
    // 70 % of 12,000 CNY = 8,400 CNY
    expect(a).toMatchObject({ eligible: true, tier: null, capFen: 840_000, grantedAmountFen: 840_000 });
    expect(a.reasons.join('\n')).toContain('70% of self-paid hospital costs 12000.00 CNY = 8400.00 CNY');
  });

  it('refuses a hospitalisation claim without self-paid costs', () => {
    const a = medicalMutualAidPolicy.assess(facts({ selfPaidHospitalCostsFen: 0 }), 'hospitalisation', 1, standard);
    expect(a).toMatchObject({ eligible: false, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toContain('needs costs above zero');
  });

  it('pays 3,000 CNY for a mild listed serious illness', () => {
    const a = medicalMutualAidPolicy.assess(facts({ illnessSeverity: 'mild' }), 'serious_illness', 1_000_000, standard);
    expect(a).toMatchObject({ eligible: true, capFen: 300_000, grantedAmountFen: 300_000 });
  });

  it('pays 10,000 CNY for a severe listed serious illness', () => {
    const a = medicalMutualAidPolicy.assess(
      facts({ illnessSeverity: 'severe' }),
      'serious_illness',
      1_000_000,
      standard,
    );
    expect(a).toMatchObject({ eligible: true, capFen: 1_000_000, grantedAmountFen: 1_000_000 });
  });

  it('refuses a serious-illness claim without a severity', () => {
    const a = medicalMutualAidPolicy.assess(facts(), 'serious_illness', 300_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain('illness severity "" is not one of mild, severe');
  });

  it('refuses a person who is not enrolled', () => {
    const a = medicalMutualAidPolicy.assess(facts({}, { medicalEnrolment: null }), 'hospitalisation', 100, standard);
    expect(a).toMatchObject({ eligible: false, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toContain('not enrolled in medical mutual aid');
  });

  it('refuses an admission outside the coverage period', () => {
    const a = medicalMutualAidPolicy.assess(facts({ admissionDate: '2027-01-02' }), 'hospitalisation', 100, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain(
      'admission on 2027-01-02 is outside the coverage period 2026-01-01 to 2026-12-31',
    );
  });

  it('accepts an admission on the last day of coverage', () => {
    const a = medicalMutualAidPolicy.assess(facts({ admissionDate: '2026-12-31' }), 'hospitalisation', 100, standard);
    expect(a.rules?.find((r) => r.rule === 'coverage')).toMatchObject({ passed: true });
    expect(a.eligible).toBe(true);
  });

  it('refuses an admission inside the waiting period', () => {
    const enrolled = { ...medicalEnrolment, enrolledOn: '2026-01-20' };
    const a = medicalMutualAidPolicy.assess(
      facts({ admissionDate: '2026-03-01' }, { medicalEnrolment: enrolled }),
      'hospitalisation',
      100_000,
      standard,
    );
    expect(a).toMatchObject({ eligible: false, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toContain(
      'admission on 2026-03-01 is 40 days after enrolment on 2026-01-20; the waiting period is 90 days',
    );
  });

  it('accepts an admission exactly 90 days after enrolment', () => {
    const enrolled = { ...medicalEnrolment, enrolledOn: '2026-01-20' };
    const a = medicalMutualAidPolicy.assess(
      facts({ admissionDate: '2026-04-20' }, { medicalEnrolment: enrolled }),
      'hospitalisation',
      100_000,
      standard,
    );
    expect(a.eligible).toBe(true);
  });

  it('caps a claim at what remains of the per-person cap across claims', () => {
    const a = medicalMutualAidPolicy.assess(
      facts({ illnessSeverity: 'severe' }, { paidInPeriodFen: 4_600_000 }),
      'serious_illness',
      1_000_000,
      standard,
    );
    // 50,000 - 46,000 already paid = 4,000 CNY remaining
    expect(a).toMatchObject({ eligible: true, capFen: 400_000, grantedAmountFen: 400_000 });
    expect(a.reasons.join('\n')).toContain('4000.00 CNY of the per-person cap 50000.00 CNY remains');
  });

  it('refuses when the per-person cap is used up', () => {
    const a = medicalMutualAidPolicy.assess(
      facts({}, { paidInPeriodFen: 5_000_000 }),
      'hospitalisation',
      100_000,
      standard,
    );
    expect(a).toMatchObject({ eligible: false, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toContain(
      '50000.00 CNY already paid in the coverage period reaches the per-person cap 50000.00 CNY',
    );
  });

  it('counts the business key per admission date and category', () => {
    expect(medicalMutualAidPeriod(facts(), 2026, 'hospitalisation')).toBe('2026-04-10:hospitalisation');
    expect(medicalMutualAidPolicy.period(facts(), 2026, 'serious_illness')).toBe('2026-04-10:serious_illness');
  });

  it('produces a JSON-serialisable assessment', () => {
    const a = medicalMutualAidPolicy.assess(facts(), 'hospitalisation', 100_000, standard);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});
