import {
  assessmentFrom,
  daysBetween,
  isIsoDate,
  isOneOf,
  param,
  positiveFenOrZero,
  unknownCategory,
} from '../program-policy';
import { yuan } from '../money';
import type { Assessment, PinnedStandard, ProgramFacts, ProgramPolicy, RuleOutcome } from '../program-policy';

/**
 * Medical mutual aid claims (职工医疗互助). Members enrol yearly through their unit; the system looks up the enrolment
 * covering the claim and what was already paid to the person in the coverage period.
 *
 * Rules, in order:
 * 1. the person is enrolled;
 * 2. the admission date lies in the coverage period [coverageFrom, coverageTo];
 * 3. the waiting period is over: admission at least `waitingPeriodDays` after enrolment (example 90 days);
 * 4. the amount: `hospitalisation` pays `hospitalisationRate` of self-paid hospital costs (example 70 %, rounded
 *    down to the fen); `serious_illness` pays a fixed sum for a listed illness (example mild 3,000, severe 10,000 CNY);
 * 5. the per-person cap across claims: remaining = `perPersonCapFen` - paid so far in the period; nothing remains
 *    means ineligible; the cap is min(amount, remaining).
 *
 * No tier. The business key counts per admission date and category.
 */
export const MEDICAL_CATEGORIES = ['hospitalisation', 'serious_illness'] as const;
export type MedicalCategory = (typeof MEDICAL_CATEGORIES)[number];

export const ILLNESS_SEVERITIES = ['mild', 'severe'] as const;

/**
 * `${admissionDate}:${category}`: one claim per admission and category.
 */
export function medicalMutualAidPeriod(facts: ProgramFacts, _budgetYear: number, category: string): string {
  const admission = isIsoDate(facts.admissionDate) ? facts.admissionDate : '';
  return `${admission}:${category}`;
}

export const medicalMutualAidPolicy: ProgramPolicy = {
  code: 'medical-mutual-aid',
  name: '职工医疗互助',
  nameEn: 'Medical mutual aid for workers',
  subject: 'person',
  categories: MEDICAL_CATEGORIES,
  factFields: [
    { name: 'admissionDate', kind: 'date', required: true, description: 'Hospital admission (or diagnosis) date' },
    {
      name: 'selfPaidHospitalCosts',
      kind: 'money',
      required: false,
      min: 0,
      description: 'Self-paid hospital costs after basic medical insurance (hospitalisation category)',
    },
    {
      name: 'illnessSeverity',
      kind: 'enum',
      values: ILLNESS_SEVERITIES,
      required: false,
      description: 'Listed serious illness, mild or severe (serious_illness category)',
    },
  ],
  verifiedFacts: ['medicalEnrolment', 'paidInPeriodFen'],
  requiredParams: ['hospitalisationRate', 'seriousMildFen', 'seriousSevereFen', 'waitingPeriodDays', 'perPersonCapFen'],
  documents: [
    '住院病历首页及出院小结 (admission record and discharge summary)',
    '医疗费用结算单 (medical insurance settlement showing self-paid costs)',
    '重大疾病诊断证明 (diagnosis of the listed serious illness; serious_illness)',
  ],
  period: medicalMutualAidPeriod,
  assess(facts: ProgramFacts, category: string, requestedAmountFen: number, standard: PinnedStandard): Assessment {
    const rules: RuleOutcome[] = [];
    if (!isOneOf(MEDICAL_CATEGORIES, category)) {
      return unknownCategory(category, MEDICAL_CATEGORIES, requestedAmountFen, standard);
    }

    const enrolment = facts.verified?.medicalEnrolment ?? null;
    const admission = isIsoDate(facts.admissionDate) ? facts.admissionDate : null;
    if (!enrolment) {
      rules.push({ rule: 'enrolment', passed: false, detail: 'the person is not enrolled in medical mutual aid' });
    } else {
      rules.push({
        rule: 'enrolment',
        passed: true,
        detail: `enrolment ${enrolment.enrolmentId} on ${enrolment.enrolledOn} covers ${enrolment.coverageFrom} to ${enrolment.coverageTo}`,
      });
      if (!admission) {
        rules.push({
          rule: 'coverage',
          passed: false,
          detail: 'the admission date is missing or not a YYYY-MM-DD date',
        });
      } else {
        const covered = admission >= enrolment.coverageFrom && admission <= enrolment.coverageTo;
        rules.push({
          rule: 'coverage',
          passed: covered,
          detail: covered
            ? `admission on ${admission} is within the coverage period ${enrolment.coverageFrom} to ${enrolment.coverageTo}`
            : `admission on ${admission} is outside the coverage period ${enrolment.coverageFrom} to ${enrolment.coverageTo}`,
        });
        const waiting = param(standard, 'waitingPeriodDays');
        const days = daysBetween(enrolment.enrolledOn, admission);
        rules.push({
          rule: 'waiting-period',
          passed: days >= waiting,
          detail:
            days >= waiting
              ? `admission on ${admission} is ${days} days after enrolment on ${enrolment.enrolledOn}; the waiting period of ${waiting} days is over`
              : `admission on ${admission} is ${days} days after enrolment on ${enrolment.enrolledOn}; the waiting period is ${waiting} days`,
        });
      }
    }

    let amountFen = 0;
    switch (category) {
      case 'hospitalisation': {
        const rate = param(standard, 'hospitalisationRate');
        const costs = positiveFenOrZero(facts.selfPaidHospitalCostsFen);
        // The epsilon keeps 0.7 x 1,200,000 from flooring to 839,999 through binary rounding.
        amountFen = Math.floor(costs * rate + 1e-6);
        rules.push(
          costs > 0
            ? {
                rule: 'benefit',
                passed: true,
                detail: `${Math.round(rate * 100)}% of self-paid hospital costs ${yuan(costs)} = ${yuan(amountFen)}`,
              }
            : {
                rule: 'benefit',
                passed: false,
                detail: `self-paid hospital costs are ${yuan(costs)}: a hospitalisation claim needs costs above zero`,
              },
        );
        break;
      }
      case 'serious_illness': {
        const severity = facts.illnessSeverity;
        if (severity === 'mild' || severity === 'severe') {
          amountFen = param(standard, severity === 'mild' ? 'seriousMildFen' : 'seriousSevereFen');
          rules.push({
            rule: 'benefit',
            passed: true,
            detail: `the fixed sum for a ${severity} listed serious illness is ${yuan(amountFen)}`,
          });
        } else {
          rules.push({
            rule: 'benefit',
            passed: false,
            detail: `illness severity "${typeof severity === 'string' ? severity : ''}" is not one of ${ILLNESS_SEVERITIES.join(', ')}`,
          });
        }
        break;
      }
    }

    const perPersonCap = param(standard, 'perPersonCapFen');
    const paid = positiveFenOrZero(facts.verified?.paidInPeriodFen);
    const remaining = perPersonCap - paid;
    const capFen = remaining > 0 ? Math.min(amountFen, remaining) : 0;
    rules.push(
      remaining > 0
        ? {
            rule: 'per-person-cap',
            passed: true,
            detail: `${yuan(paid)} already paid in the coverage period; ${yuan(remaining)} of the per-person cap ${yuan(perPersonCap)} remains`,
          }
        : {
            rule: 'per-person-cap',
            passed: false,
            detail: `${yuan(paid)} already paid in the coverage period reaches the per-person cap ${yuan(perPersonCap)}`,
          },
    );

    return assessmentFrom(rules, { category, requestedAmountFen, capFen, tier: null }, standard);
  },
};
