import { assessmentFrom, intOrNull, isOneOf, param, trimmedText, unknownCategory } from '../program-policy';
import { yuan } from '../money';
import type { Assessment, PinnedStandard, ProgramFacts, ProgramPolicy, RuleOutcome } from '../program-policy';

/**
 * Funding subsidies for grassroots unions (基层工会经费补助) that meet the standard (达标建设): the union applies,
 * the level above reviews, the money comes from an earmarked fund and the union reports how it was used.
 *
 * Rules, in order:
 * 1. the standardisation assessment score is at least `passScore` (example 80 of 100);
 * 2. a usage plan is given;
 * 3. the union has at least one member;
 * the cap is min(members x `perMemberFen`, `subsidyCapFen`) (example 20 CNY a member, at most 30,000 CNY). No tier.
 * The business key counts per union and budget year.
 */
export const UNION_SUBSIDY_CATEGORIES = ['standardisation'] as const;

export const unionSubsidyPolicy: ProgramPolicy = {
  code: 'union-subsidy',
  name: '基层工会经费补助',
  nameEn: 'Funding subsidies for grassroots unions',
  subject: 'union',
  categories: UNION_SUBSIDY_CATEGORIES,
  factFields: [
    {
      name: 'assessmentScore',
      kind: 'int',
      required: true,
      min: 0,
      max: 100,
      description: 'Score of the standardisation assessment (达标建设考核), 0 to 100',
    },
    { name: 'memberCount', kind: 'int', required: true, min: 1, description: 'Members of the union' },
    { name: 'usagePlan', kind: 'text', required: true, description: 'How the union will use the subsidy' },
  ],
  verifiedFacts: [],
  requiredParams: ['passScore', 'perMemberFen', 'subsidyCapFen'],
  documents: [
    '达标建设考核结果 (result of the standardisation assessment)',
    '经费使用计划 (usage plan for the subsidy)',
    '会员名册 (membership roll)',
  ],
  period: (_facts, budgetYear) => String(budgetYear),
  assess(facts: ProgramFacts, category: string, requestedAmountFen: number, standard: PinnedStandard): Assessment {
    const rules: RuleOutcome[] = [];
    if (!isOneOf(UNION_SUBSIDY_CATEGORIES, category)) {
      return unknownCategory(category, UNION_SUBSIDY_CATEGORIES, requestedAmountFen, standard);
    }

    const passScore = param(standard, 'passScore');
    const score = intOrNull(facts.assessmentScore);
    if (score === null || score < 0 || score > 100) {
      rules.push({
        rule: 'score',
        passed: false,
        detail: 'the assessment score is missing or not a whole number 0 to 100',
      });
    } else {
      rules.push({
        rule: 'score',
        passed: score >= passScore,
        detail:
          score >= passScore
            ? `assessment score ${score} meets the pass score ${passScore}`
            : `assessment score ${score} is below the pass score ${passScore}`,
      });
    }

    rules.push(
      trimmedText(facts.usagePlan)
        ? { rule: 'usage-plan', passed: true, detail: 'a usage plan is given' }
        : { rule: 'usage-plan', passed: false, detail: 'no usage plan is given' },
    );

    const perMember = param(standard, 'perMemberFen');
    const max = param(standard, 'subsidyCapFen');
    const members = intOrNull(facts.memberCount);
    let capFen = 0;
    if (members === null || members < 1) {
      rules.push({ rule: 'members', passed: false, detail: 'the member count is missing or below 1' });
    } else {
      capFen = Math.min(members * perMember, max);
      rules.push({
        rule: 'members',
        passed: true,
        detail: `${members} members x ${yuan(perMember)} = ${yuan(members * perMember)}, at most ${yuan(max)}: cap ${yuan(capFen)}`,
      });
    }

    return assessmentFrom(rules, { category, requestedAmountFen, capFen, tier: null }, standard);
  },
};
