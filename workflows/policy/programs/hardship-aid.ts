import { assessHardship, HARDSHIP_CATEGORIES } from '../hardship';
import type { HardshipCategory, HardshipStandard, HouseholdFacts } from '../hardship';
import { daysBetween } from '../program-policy';
import type { Assessment, PinnedStandard, ProgramFacts, ProgramPolicy, RuleOutcome } from '../program-policy';

/**
 * Hardship aid (困难职工帮扶): the three tiers of hardship.ts, plus, from policy versions that set
 * `requiresHouseholdFile: 1`, an open household file (一户一档) re-verified within `fileVerificationDays`.
 * Standards without that parameter decide exactly as before (recorded histories replay unchanged).
 */
export const hardshipAidPolicy: ProgramPolicy = {
  code: 'hardship-aid',
  name: '困难职工帮扶',
  nameEn: 'Hardship aid for registered needy workers',
  subject: 'household',
  categories: HARDSHIP_CATEGORIES,
  factFields: [
    { name: 'householdSize', kind: 'int', required: true, min: 1, max: 30, description: 'People in the household' },
    { name: 'annualIncome', kind: 'money', required: true, min: 0, description: 'Annual disposable household income' },
    {
      name: 'unavoidableCosts',
      kind: 'money',
      required: false,
      default: 0,
      min: 0,
      description: 'Unavoidable hardship costs (刚性支出)',
    },
    {
      name: 'accidentCosts',
      kind: 'money',
      required: false,
      default: 0,
      min: 0,
      description: 'Disaster, accident or sudden-illness costs of the year',
    },
    {
      name: 'medicalOutOfPocket',
      kind: 'money',
      required: false,
      default: 0,
      min: 0,
      description: 'Self-paid medical costs (medical category)',
    },
    {
      name: 'studentCount',
      kind: 'int',
      required: false,
      default: 0,
      min: 0,
      max: 20,
      description: 'Students in the household (education category)',
    },
  ],
  verifiedFacts: ['householdFile'],
  requiredParams: [
    'minimumLivingStandardFen',
    'livingReliefFen',
    'medicalReliefRate',
    'educationReliefPerStudentFen',
    'accidentCostShare',
  ],
  documents: ['household income statement (收入证明)', 'home-visit record of the grassroots union (入户调查表)'],
  // Living, medical and education relief: each once per household and year.
  period: (_facts, budgetYear, category) => `${budgetYear}:${category}`,
  assess(facts: ProgramFacts, category: string, requestedAmountFen: number, standard: PinnedStandard): Assessment {
    const base = assessHardship(
      facts as unknown as HouseholdFacts,
      category as HardshipCategory,
      requestedAmountFen,
      standard as unknown as HardshipStandard,
    );
    if (standard.requiresHouseholdFile !== 1) return base;
    const file = facts.verified?.householdFile ?? null;
    const maxAge = typeof standard.fileVerificationDays === 'number' ? standard.fileVerificationDays : 366;
    const submittedOn = typeof facts.submittedOn === 'string' ? facts.submittedOn : null;
    let rule: RuleOutcome;
    if (!file) {
      rule = { rule: 'household-file', passed: false, detail: 'the household has no open file (建档): file it first' };
    } else if (submittedOn && daysBetween(file.verifiedOn, submittedOn) > maxAge) {
      rule = {
        rule: 'household-file',
        passed: false,
        detail: `household file ${file.fileId} was last verified on ${file.verifiedOn}, more than ${maxAge} days ago: re-verify it first`,
      };
    } else {
      rule = {
        rule: 'household-file',
        passed: true,
        detail: `household file ${file.fileId} is open (filed ${file.filedOn}, verified ${file.verifiedOn})`,
      };
    }
    if (rule.passed) return { ...base, reasons: [rule.detail, ...base.reasons], rules: [rule, ...base.rules] };
    const refusal = `ineligible: ${rule.detail}`;
    return {
      ...base,
      eligible: false,
      tier: null,
      grantedAmountFen: 0,
      reasons: [rule.detail, ...base.reasons, refusal],
      rules: [
        rule,
        ...base.rules.filter((r) => r.rule !== 'amount'),
        { rule: 'eligibility', passed: false, detail: refusal },
      ],
    };
  },
};
