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
 * One-time emergency relief (一次性临时救助): a fast track for sudden serious illness or accident, open to filed and
 * not-yet-filed workers alike.
 *
 * Rules, in order:
 * 1. the event is not after the submission date and at most `eventWindowDays` before it (example 180 days);
 * 2. the self-paid costs are above zero;
 * the cap is min(self-paid costs, `emergencyCapFen`) (example 20,000 CNY). No tier. One payment per event: the
 * business key counts per budget year and event date.
 */
export const EMERGENCY_CATEGORIES = ['serious_illness', 'accident'] as const;
export type EmergencyCategory = (typeof EMERGENCY_CATEGORIES)[number];

export const emergencyReliefPolicy: ProgramPolicy = {
  code: 'emergency-relief',
  name: '一次性临时救助',
  nameEn: 'One-time emergency relief',
  subject: 'person',
  categories: EMERGENCY_CATEGORIES,
  factFields: [
    {
      name: 'eventDate',
      kind: 'date',
      required: true,
      description: 'Date of the sudden illness diagnosis or the accident',
    },
    {
      name: 'selfPaidCosts',
      kind: 'money',
      required: true,
      min: 0,
      description: 'Costs the worker paid themselves after insurance',
    },
    { name: 'description', kind: 'text', required: false, description: 'What happened, in a few words' },
  ],
  verifiedFacts: [],
  requiredParams: ['emergencyCapFen', 'eventWindowDays'],
  documents: [
    '诊断证明或事故证明 (diagnosis or accident report)',
    '医疗费用票据及结算单 (medical receipts and the insurance settlement)',
  ],
  // One-time: once per person and year, whatever the event's date.
  period: (_facts, budgetYear) => String(budgetYear),
  assess(facts: ProgramFacts, category: string, requestedAmountFen: number, standard: PinnedStandard): Assessment {
    const rules: RuleOutcome[] = [];
    if (!isOneOf(EMERGENCY_CATEGORIES, category)) {
      return unknownCategory(category, EMERGENCY_CATEGORIES, requestedAmountFen, standard);
    }

    const windowDays = param(standard, 'eventWindowDays');
    const event = facts.eventDate;
    const submitted = facts.submittedOn;
    if (!isIsoDate(event)) {
      rules.push({ rule: 'event-window', passed: false, detail: 'the event date is missing or not a YYYY-MM-DD date' });
    } else if (!isIsoDate(submitted)) {
      rules.push({ rule: 'event-window', passed: false, detail: 'the submission date is missing' });
    } else {
      const days = daysBetween(event, submitted);
      if (days < 0) {
        rules.push({
          rule: 'event-window',
          passed: false,
          detail: `event on ${event} is after submission on ${submitted}`,
        });
      } else if (days > windowDays) {
        rules.push({
          rule: 'event-window',
          passed: false,
          detail: `event on ${event} is ${days} days before submission on ${submitted}; the window is ${windowDays} days`,
        });
      } else {
        rules.push({
          rule: 'event-window',
          passed: true,
          detail: `event on ${event} is ${days} days before submission on ${submitted}, within the ${windowDays}-day window`,
        });
      }
    }

    const cap = param(standard, 'emergencyCapFen');
    const costs = positiveFenOrZero(facts.selfPaidCostsFen);
    let capFen = 0;
    if (costs > 0) {
      capFen = Math.min(costs, cap);
      rules.push({
        rule: 'costs',
        passed: true,
        detail: `self-paid costs ${yuan(costs)}; emergency relief pays them up to ${yuan(cap)} = ${yuan(capFen)}`,
      });
    } else {
      rules.push({
        rule: 'costs',
        passed: false,
        detail: `self-paid costs are ${yuan(costs)}: emergency relief needs self-paid costs above zero`,
      });
    }

    return assessmentFrom(rules, { category, requestedAmountFen, capFen, tier: null }, standard);
  },
};
