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
