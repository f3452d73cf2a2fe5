import { assessmentFrom, fenOrNull, isOneOf, param, unknownCategory } from '../program-policy';
import { yuan } from '../money';
import type { Assessment, PinnedStandard, ProgramFacts, ProgramPolicy, RuleOutcome } from '../program-policy';

/**
 * Model-worker "three funds" (劳模"三金"), per model worker, category and budget year.
 *
 * Rules, in order:
 * 1. the person is in the model-worker registry (劳模名册; the system looks the entry up);
 * 2. by category:
 *    - `festival` (Spring Festival condolence, 春节慰问金): a fixed amount by honour level (example national 3,000,
 *      provincial 1,500, city 1,000 CNY);
 *    - `living_hardship` (生活困难补助): monthly income below the floor; the subsidy tops it up to the floor for a
 *      year, cap = (floor - income) x 12;
 *    - `special_hardship` (特殊困难补助): hardship costs above zero, cap = min(costs, special-hardship cap; example
 *      15,000 CNY).
 *
 * The tier is the honour level. The business key counts per budget year and category, so one model worker may
 * receive each of the three funds once a year.
 */
export const MODEL_WORKER_CATEGORIES = ['festival', 'living_hardship', 'special_hardship'] as const;
export type ModelWorkerCategory = (typeof MODEL_WORKER_CATEGORIES)[number];

type HonourLevel = 'national' | 'provincial' | 'city';

const HONOUR_WORDS: Readonly<Record<HonourLevel, string>> = {
  national: 'national model worker (全国劳模)',
  provincial: 'provincial / ministerial model worker (省部级劳模)',
  city: 'city model worker (市级劳模)',
};

const FESTIVAL_PARAM: Readonly<Record<HonourLevel, string>> = {
  national: 'festivalNationalFen',
  provincial: 'festivalProvincialFen',
  city: 'festivalCityFen',
};

/**
 * `${budgetYear}:${category}`: each of the three funds once a year.
 */
export function modelWorkerFundsPeriod(_facts: ProgramFacts, budgetYear: number, category: string): string {
  return `${budgetYear}:${category}`;
}

export const modelWorkerFundsPolicy: ProgramPolicy = {
  code: 'model-worker-funds',
  name: '劳模"三金"',
  nameEn: 'Model-worker "three funds"',
  subject: 'person',
  categories: MODEL_WORKER_CATEGORIES,
  factFields: [
    {
      name: 'monthlyIncome',
      kind: 'money',
      required: false,
      min: 0,
      description: 'Monthly income of the model worker; state it for living_hardship (0 means no income at all)',
    },
    {
      name: 'hardshipCosts',
      kind: 'money',
      required: false,
      min: 0,
      description: 'Costs of the special hardship: illness, accident, disaster (special_hardship category)',
    },
  ],
  verifiedFacts: ['modelWorker'],
  requiredParams: [
    'festivalNationalFen',
    'festivalProvincialFen',
    'festivalCityFen',
    'livingFloorMonthlyFen',
    'specialHardshipCapFen',
  ],
  documents: [
    '劳模荣誉证书 (model-worker honour certificate)',
    '收入证明 (proof of income; living_hardship)',
    '特殊困难费用票据 (receipts for the hardship costs; special_hardship)',
  ],
  period: modelWorkerFundsPeriod,
  assess(facts: ProgramFacts, category: string, requestedAmountFen: number, standard: PinnedStandard): Assessment {
    const rules: RuleOutcome[] = [];
    if (!isOneOf(MODEL_WORKER_CATEGORIES, category)) {
      return unknownCategory(category, MODEL_WORKER_CATEGORIES, requestedAmountFen, standard);
    }

    const entry = facts.verified?.modelWorker ?? null;
    const level: HonourLevel | null = entry ? entry.honourLevel : null;
    if (entry && level) {
      rules.push({
        rule: 'registry',
        passed: true,
        detail: `model-worker registry entry ${entry.entryId}: ${HONOUR_WORDS[level]}, ${entry.workStatus}`,
      });
    } else {
      rules.push({
        rule: 'registry',
        passed: false,
        detail: 'the person is not in the model-worker registry (劳模名册)',
      });
    }

    let capFen = 0;
    switch (category) {
      case 'festival': {
        if (level) {
          capFen = param(standard, FESTIVAL_PARAM[level]);
          rules.push({
            rule: 'festival',
            passed: true,
            detail: `the Spring Festival condolence payment for a ${HONOUR_WORDS[level]} is ${yuan(capFen)}`,
          });
        }
        break;
      }
      case 'living_hardship': {
        const floor = param(standard, 'livingFloorMonthlyFen');
        const income = fenOrNull(facts.monthlyIncomeFen);
        if (income === null) {
          rules.push({ rule: 'living-floor', passed: false, detail: 'the monthly income is not stated' });
        } else if (income < floor) {
          capFen = (floor - income) * 12;
          rules.push({
            rule: 'living-floor',
            passed: true,
            detail: `monthly income ${yuan(income)} is below the floor ${yuan(floor)}: topping up ${yuan(floor - income)} a month for 12 months = ${yuan(capFen)}`,
          });
        } else {
          rules.push({
            rule: 'living-floor',
            passed: false,
            detail: `monthly income ${yuan(income)} is not below the floor ${yuan(floor)}`,
          });
        }
        break;
      }
      case 'special_hardship': {
        const max = param(standard, 'specialHardshipCapFen');
        const costs = fenOrNull(facts.hardshipCostsFen) ?? 0;
        if (costs > 0) {
          capFen = Math.min(costs, max);
          rules.push({
            rule: 'special-hardship',
            passed: true,
            detail: `hardship costs ${yuan(costs)}; the special-hardship grant is the costs up to ${yuan(max)} = ${yuan(capFen)}`,
          });
        } else {
          rules.push({
            rule: 'special-hardship',
            passed: false,
            detail: `hardship costs are ${yuan(costs)}: a special-hardship grant needs costs above zero`,
          });
        }
        break;
      }
    }

    return assessmentFrom(rules, { category, requestedAmountFen, capFen, tier: level }, standard);
  },
};
