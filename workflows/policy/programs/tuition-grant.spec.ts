import type { PinnedStandard, ProgramFacts } from '../program-policy';
import { EXAMPLE_STANDARDS } from './index';
import { tuitionGrantPolicy } from './tuition-grant';

// Example standard: filed family 5,000 (university) / 3,000 (high school); non-filed 4,000 / 2,000 CNY.
const standard: PinnedStandard = {
  standardId: 'std-tuition-2026',
  policyVersion: 'tuition-grant/2026.1',
  validFrom: '2026-01-01',
  ...EXAMPLE_STANDARDS['tuition-grant'],
};

const householdFile = { fileId: 'HF-0042', tier: 'deep', filedOn: '2025-03-01', verifiedOn: '2026-03-01' };

const facts = (overrides: Partial<ProgramFacts> = {}): ProgramFacts => ({
  schoolYear: '2026',
  studentRef: 'S2026-0117',
  schoolType: 'regular',
  enrolledThisYear: true,
  aidedByOtherBody: false,
  submittedOn: '2026-08-20',
  verified: { householdFile },
  ...overrides,
});

const nonFiled = (overrides: Partial<ProgramFacts> = {}): ProgramFacts =>
  facts({ verified: { householdFile: null }, migrantWorker: true, temporaryHardship: true, ...overrides });

describe('tuition grant (金秋助学)', () => {
  it("grants a filed family's university student 5,000 CNY", () => {
    const a = tuitionGrantPolicy.assess(facts(), 'university', 500_000, standard);
    expect(a).toMatchObject({ eligible: true, tier: 'filed', capFen: 500_000, grantedAmountFen: 500_000 });
    expect(a.reasons.join('\n')).toContain('household file HF-0042 is open');
    expect(a.policyVersion).toBe('tuition-grant/2026.1');
  });

  it("caps a filed family's high-school grant at 3,000 CNY", () => {
    const a = tuitionGrantPolicy.assess(facts(), 'high_school', 500_000, standard);
    expect(a).toMatchObject({ eligible: true, capFen: 300_000, grantedAmountFen: 300_000 });
    expect(a.reasons[a.reasons.length - 1]).toContain('exceeds the cap');
  });

  it("grants a migrant worker's non-filed family in temporary hardship 2,000 CNY for high school", () => {
    const a = tuitionGrantPolicy.assess(nonFiled(), 'high_school', 200_000, standard);
    expect(a).toMatchObject({ eligible: true, tier: 'non_filed', capFen: 200_000, grantedAmountFen: 200_000 });
  });

  it('grants a non-filed family 4,000 CNY for university', () => {
    const a = tuitionGrantPolicy.assess(nonFiled(), 'university', 500_000, standard);
    expect(a).toMatchObject({ eligible: true, tier: 'non_filed', grantedAmountFen: 400_000 });
  });

  it('refuses a non-filed family that is not in temporary hardship', () => {
    const a = tuitionGrantPolicy.assess(nonFiled({ temporaryHardship: false }), 'university', 400_000, standard);
    expect(a).toMatchObject({ eligible: false, tier: null, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toContain('no open file (建档)');
  });

  it('refuses a non-filed family that is not a migrant worker family', () => {
    const a = tuitionGrantPolicy.assess(nonFiled({ migrantWorker: false }), 'high_school', 200_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons.join('\n')).toContain('migrant worker: no');
  });

  it('refuses a student not entering or in school this year', () => {
    const a = tuitionGrantPolicy.assess(facts({ enrolledThisYear: false }), 'university', 500_000, standard);
    expect(a).toMatchObject({ eligible: false, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toContain('not entering or in university in school year 2026');
  });

  it.each([
    ['military_academy', 'military academy students are excluded'],
    ['free_teacher_training', 'tuition-free teacher-training students are excluded'],
    ['directed', 'directed (定向) students are excluded'],
  ])('refuses school type %s', (schoolType, words) => {
    const a = tuitionGrantPolicy.assess(facts({ schoolType }), 'university', 500_000, standard);
    expect(a).toMatchObject({ eligible: false, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toContain(words);
  });

  it('passes the school-type rule for a regular school', () => {
    const a = tuitionGrantPolicy.assess(facts(), 'university', 500_000, standard);
    expect(a.rules?.find((r) => r.rule === 'school-type')).toMatchObject({ passed: true });
  });

  it('refuses schooling already aided by another body', () => {
    const a = tuitionGrantPolicy.assess(facts({ aidedByOtherBody: true }), 'university', 500_000, standard);
    expect(a).toMatchObject({ eligible: false, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toContain('already aided by another body');
  });

  it('refuses when it is not stated whether another body aids the schooling', () => {
    const a = tuitionGrantPolicy.assess(facts({ aidedByOtherBody: undefined }), 'university', 500_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons.join('\n')).toContain('it is not stated whether another body');
  });

  it('refuses an unknown category', () => {
    const a = tuitionGrantPolicy.assess(facts(), 'kindergarten', 100_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain('category "kindergarten" is not one of university, high_school');
  });

  it('counts the business key per school year and student', () => {
    expect(tuitionGrantPolicy.period(facts(), 2026, 'university')).toBe('2026:S2026-0117');
  });

  it('produces a JSON-serialisable assessment', () => {
    const a = tuitionGrantPolicy.assess(facts(), 'university', 500_000, standard);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});
