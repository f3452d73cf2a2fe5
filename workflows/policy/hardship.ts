/**
 * Hardship aid for registered needy workers (困难职工帮扶): tiering and amount rules.
 * Pure code: the workflow uses it to decide, the API uses it to preview, auditors use it to re-derive.
 * All amounts are integer fen. Imports nothing but ./money.
 */

import { yuan } from './money';

export type HardshipTier = 'deep' | 'relative' | 'accident';
export type HardshipCategory = 'living' | 'medical' | 'education';
export const HARDSHIP_CATEGORIES: readonly HardshipCategory[] = ['living', 'medical', 'education'];

/** One row of the hardship-aid standard table, pinned into each application when it is submitted. */
export type HardshipStandard = {
  standardId: string;
  policyVersion: string;
  validFrom: string;
  /** 低保标准: local minimum living standard, per person per month. */
  minimumLivingStandardFen: number;
  /** Living relief per household per year (example 7,600 CNY). */
  livingReliefFen: number;
  /** Share of out-of-pocket medical costs that medical relief pays (example 0.5). */
  medicalReliefRate: number;
  /** Education relief per student per year (example 6,300 CNY). */
  educationReliefPerStudentFen: number;
  /** Accident tier: accident / illness costs above this share of annual household income (example 0.8). */
  accidentCostShare: number;
};

export type HouseholdFacts = {
  householdSize: number;
  annualIncomeFen: number;
  /** Unavoidable hardship costs of the year (刚性支出), deducted before the per-capita test. */
  unavoidableCostsFen: number;
  /** Costs of disaster, accident or sudden illness in the year. */
  accidentCostsFen: number;
  /** Self-paid medical costs (for the medical category). */
  medicalOutOfPocketFen: number;
  /** Students in the household (for the education category). */
  studentCount: number;
};

/** One rule in words (the same shape as program-policy's RuleOutcome; this file imports nothing). */
export type HardshipRule = { rule: string; passed: boolean; detail: string };

export type HardshipAssessment = {
  eligible: boolean;
  tier: HardshipTier | null;
  /** (income - unavoidable costs) / 12 / household size, rounded down, in fen. */
  perCapitaMonthlyIncomeFen: number;
  category: HardshipCategory;
  requestedAmountFen: number;
  capFen: number;
  grantedAmountFen: number;
  /** Each rule, passed or failed, in words. */
  reasons: string[];
  /** The same, structured: the tier (its tests in one line), the cap, and the outcome. */
  rules: HardshipRule[];
  standardId: string;
  policyVersion: string;
};

export function perCapitaMonthlyIncomeFen(facts: HouseholdFacts): number {
  return Math.floor((facts.annualIncomeFen - facts.unavoidableCostsFen) / 12 / facts.householdSize);
}

export function hardshipTier(
  facts: HouseholdFacts,
  standard: HardshipStandard,
): { tier: HardshipTier | null; reasons: string[] } {
  const perCapita = perCapitaMonthlyIncomeFen(facts);
  const dibao = standard.minimumLivingStandardFen;
  const reasons: string[] = [];
  if (perCapita <= dibao) {
    reasons.push(`deep hardship (深度困难): per-capita monthly income ${yuan(perCapita)} <= 低保 ${yuan(dibao)}`);
    return { tier: 'deep', reasons };
  }
  reasons.push(`not deep hardship: per-capita monthly income ${yuan(perCapita)} > 低保 ${yuan(dibao)}`);
  if (perCapita <= 2 * dibao) {
    reasons.push(`relative hardship (相对困难): ${yuan(perCapita)} <= 2 x 低保 ${yuan(2 * dibao)}`);
    return { tier: 'relative', reasons };
  }
  reasons.push(`not relative hardship: ${yuan(perCapita)} > 2 x 低保 ${yuan(2 * dibao)}`);
  const threshold = Math.floor(facts.annualIncomeFen * standard.accidentCostShare);
  if (facts.accidentCostsFen > threshold) {
    reasons.push(
      `hardship by accident (意外致困): accident costs ${yuan(facts.accidentCostsFen)} > ${Math.round(
        standard.accidentCostShare * 100,
      )}% of annual income ${yuan(threshold)}`,
    );
    return { tier: 'accident', reasons };
  }
  reasons.push(
    `not hardship by accident: accident costs ${yuan(facts.accidentCostsFen)} <= ${Math.round(
      standard.accidentCostShare * 100,
    )}% of annual income ${yuan(threshold)}`,
  );
  return { tier: null, reasons };
}

export function categoryCapFen(category: HardshipCategory, facts: HouseholdFacts, standard: HardshipStandard): number {
  switch (category) {
    case 'living':
      return standard.livingReliefFen;
    case 'medical':
      return Math.floor(facts.medicalOutOfPocketFen * standard.medicalReliefRate);
    case 'education':
      return standard.educationReliefPerStudentFen * facts.studentCount;
  }
}

function describeCap(
  category: HardshipCategory,
  facts: HouseholdFacts,
  standard: HardshipStandard,
  cap: number,
): string {
  switch (category) {
    case 'living':
      return `living relief cap ${yuan(cap)} per household per year`;
    case 'medical':
      return `medical relief cap ${Math.round(standard.medicalReliefRate * 100)}% of out-of-pocket ${yuan(
        facts.medicalOutOfPocketFen,
      )} = ${yuan(cap)}`;
    case 'education':
      return `education relief cap ${yuan(standard.educationReliefPerStudentFen)} x ${facts.studentCount} student(s) = ${yuan(cap)}`;
  }
}

export function assessHardship(
  facts: HouseholdFacts,
  category: HardshipCategory,
  requestedAmountFen: number,
  standard: HardshipStandard,
): HardshipAssessment {
  const { tier, reasons } = hardshipTier(facts, standard);
  const capFen = categoryCapFen(category, facts, standard);
  const rules: HardshipRule[] = [{ rule: 'tier', passed: tier !== null, detail: reasons.join('; ') }];
  const add = (rule: string, passed: boolean, detail: string): void => {
    reasons.push(detail);
    rules.push({ rule, passed, detail });
  };
  add('cap', capFen > 0, describeCap(category, facts, standard, capFen));
  let grantedAmountFen = 0;
  let eligible = tier !== null;
  if (!eligible) add('eligibility', false, 'ineligible: the household meets none of the three hardship tiers');
  if (capFen <= 0) {
    eligible = false;
    add('eligibility', false, `ineligible: nothing can be paid in the ${category} category for these facts`);
  }
  if (eligible) {
    grantedAmountFen = Math.min(requestedAmountFen, capFen);
    add(
      'amount',
      true,
      requestedAmountFen > capFen
        ? `requested ${yuan(requestedAmountFen)} exceeds the cap; ${yuan(grantedAmountFen)} can be granted`
        : `requested ${yuan(requestedAmountFen)} is within the cap`,
    );
  }
  return {
    eligible,
    tier: eligible ? tier : null,
    perCapitaMonthlyIncomeFen: perCapitaMonthlyIncomeFen(facts),
    category,
    requestedAmountFen,
    capFen,
    grantedAmountFen,
    reasons,
    rules,
    standardId: standard.standardId,
    policyVersion: standard.policyVersion,
  };
}
