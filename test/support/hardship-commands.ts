import type { SubmitHardshipCommand } from '../../libs/applications/src';

/** A deep-hardship household of three: (24,000 - 6,000) / 12 / 3 = 500 CNY per person per month; asks 5,000 CNY. */
export const ELIGIBLE_HARDSHIP: SubmitHardshipCommand = {
  category: 'living',
  requestedAmountFen: 500_000,
  facts: {
    householdSize: 3,
    annualIncomeFen: 2_400_000,
    unavoidableCostsFen: 600_000,
    accidentCostsFen: 0,
    medicalOutOfPocketFen: 0,
    studentCount: 0,
  },
};

/** The same household as the API and `resubmit` take it: money in CNY. */
export const ELIGIBLE_HARDSHIP_FACTS_CNY = {
  householdSize: 3,
  annualIncome: 24_000,
  unavoidableCosts: 6_000,
  accidentCosts: 0,
  medicalOutOfPocket: 0,
  studentCount: 0,
};
