import type { PinnedStandard, ProgramFacts } from '../program-policy';
import { assessApplication, EXAMPLE_STANDARDS, PROGRAM_POLICIES, programPolicy } from './index';

const standardFor = (code: string): PinnedStandard => ({
  standardId: `std-${code}-2026`,
  policyVersion: `${code}/2026.1`,
  validFrom: '2026-01-01',
  ...EXAMPLE_STANDARDS[code],
});

/** One eligible case per program, with the example standard's grant. */
const ELIGIBLE: Record<
  string,
  { category: string; facts: ProgramFacts; requestedAmountFen: number; grantFen: number }
> = {
  'hardship-aid': {
    category: 'living',
    facts: {
      householdSize: 3,
      annualIncomeFen: 2_400_000,
      unavoidableCostsFen: 600_000,
      accidentCostsFen: 0,
      medicalOutOfPocketFen: 0,
      studentCount: 0,
    },
    requestedAmountFen: 760_000,
    grantFen: 760_000,
  },
  'tuition-grant': {
    category: 'university',
    facts: {
      schoolYear: '2026',
      studentRef: 'S-1',
      schoolType: 'regular',
      enrolledThisYear: true,
      aidedByOtherBody: false,
      verified: { householdFile: { fileId: 'HF-1', tier: 'deep', filedOn: '2025-01-01', verifiedOn: '2026-01-01' } },
    },
    requestedAmountFen: 500_000,
    grantFen: 500_000,
  },
  'model-worker-funds': {
    category: 'festival',
    facts: { verified: { modelWorker: { entryId: 'MW-1', honourLevel: 'national', workStatus: 'working' } } },
    requestedAmountFen: 300_000,
    grantFen: 300_000,
  },
  'emergency-relief': {
    category: 'accident',
    facts: { eventDate: '2026-05-01', selfPaidCostsFen: 3_000_000 },
    requestedAmountFen: 3_000_000,
    grantFen: 2_000_000,
  },
  'medical-mutual-aid': {
    category: 'serious_illness',
    facts: {
      admissionDate: '2026-05-01',
      illnessSeverity: 'mild',
      verified: {
        medicalEnrolment: {
          enrolmentId: 'ME-1',
          coverageFrom: '2026-01-01',
          coverageTo: '2026-12-31',
          enrolledOn: '2025-12-01',
        },
        paidInPeriodFen: 0,
      },
    },
    requestedAmountFen: 300_000,
    grantFen: 300_000,
  },
  condolence: {
    category: 'killed_on_duty',
    facts: { dutyCertificateNo: 'GA-2026-1', eventDate: '2026-05-01', occupation: 'police' },
    requestedAmountFen: 200_000,
    grantFen: 200_000,
  },
  'union-subsidy': {
    category: 'standardisation',
    facts: { assessmentScore: 90, memberCount: 100, usagePlan: 'Training' },
    requestedAmountFen: 200_000,
    grantFen: 200_000,
  },
};

const withSystemFacts = (facts: ProgramFacts): ProgramFacts => ({
  submittedOn: '2026-06-01',
  ...facts,
  verified: { ...facts.verified },
});

const policies = Object.entries(PROGRAM_POLICIES);

describe('program policy registry', () => {
  it('knows the seven programs', () => {
    expect(Object.keys(PROGRAM_POLICIES).sort()).toEqual([
      'condolence',
      'emergency-relief',
      'hardship-aid',
      'medical-mutual-aid',
      'model-worker-funds',
      'tuition-grant',
      'union-subsidy',
    ]);
  });

  it('refuses an unknown program code by name', () => {
    expect(() => programPolicy('lottery')).toThrow('No policy module for program "lottery"');
  });

  describe.each(policies)('%s', (code, policy) => {
    it('is registered under its own code, with names', () => {
      expect(policy.code).toBe(code);
      expect(policy.name).not.toHaveLength(0);
      expect(policy.nameEn).not.toHaveLength(0);
      expect(['person', 'household', 'union']).toContain(policy.subject);
    });

    it('has distinct, non-empty categories', () => {
      expect(policy.categories.length).toBeGreaterThan(0);
      expect(new Set(policy.categories).size).toBe(policy.categories.length);
    });

    it('describes every fact field once, with values for enums and no Fen suffix on money', () => {
      const names = policy.factFields.map((f) => f.name);
      expect(new Set(names).size).toBe(names.length);
      for (const field of policy.factFields) {
        expect(field.description).not.toHaveLength(0);
        if (field.kind === 'enum') expect(field.values?.length).toBeGreaterThan(0);
        if (field.kind === 'money') expect(field.name).not.toMatch(/Fen$/);
      }
    });

    it('lists the proof documents', () => {
      expect(policy.documents.length).toBeGreaterThan(0);
    });

    it('has an example standard with exactly its required parameters, all numbers', () => {
      const example = EXAMPLE_STANDARDS[code];
      expect(example).toBeDefined();
      expect(Object.keys(example).sort()).toEqual([...policy.requiredParams].sort());
      for (const name of policy.requiredParams) expect(typeof example[name]).toBe('number');
    });

    it('grants the example case, explains the amount last, and serialises to JSON', () => {
      const example = ELIGIBLE[code];
      const facts = withSystemFacts(example.facts);
      const a = assessApplication(code, facts, example.category, example.requestedAmountFen, standardFor(code));
      expect(a).toMatchObject({ eligible: true, category: example.category, grantedAmountFen: example.grantFen });
      expect(a.policyVersion).toBe(`${code}/2026.1`);
      expect(a.reasons[a.reasons.length - 1]).toMatch(/^requested .* (is within|exceeds) the cap/);
      expect(JSON.parse(JSON.stringify(a))).toEqual(a);
      expect(policy.assess(facts, example.category, example.requestedAmountFen, standardFor(code))).toEqual(a);
      expect(typeof policy.period(facts, 2026, policy.categories[0])).toBe('string');
    });

    it('refuses empty facts in every category, explaining why in the last reason', () => {
      for (const category of policy.categories) {
        const a = policy.assess(withSystemFacts({}), category, 100_000, standardFor(code));
        expect(a.eligible).toBe(false);
        expect(a.grantedAmountFen).toBe(0);
        expect(a.tier).toBeNull();
        expect(a.reasons[a.reasons.length - 1]).toMatch(/^ineligible: ./);
      }
    });
  });
});

// hardship-aid.ts (assessHardship) has no category guard of its own: the API's category check protects it.
describe.each(policies.filter(([code]) => code !== 'hardship-aid'))('%s', (code, policy) => {
  it('refuses an unknown category, naming it', () => {
    const a = policy.assess(withSystemFacts(ELIGIBLE[code].facts), 'no-such-category', 100_000, standardFor(code));
    expect(a).toMatchObject({ eligible: false, grantedAmountFen: 0, capFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toMatch(/^ineligible: category "no-such-category" is not/);
  });
});
