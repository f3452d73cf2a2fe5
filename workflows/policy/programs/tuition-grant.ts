import { assessmentFrom, isOneOf, param, trimmedText, unknownCategory } from '../program-policy';
import { yuan } from '../money';
import type { Assessment, PinnedStandard, ProgramFacts, ProgramPolicy, RuleOutcome } from '../program-policy';

/**
 * Golden-autumn tuition grants (金秋助学), per student and school year.
 *
 * Rules, in order:
 * 1. the student enters or is in senior high / vocational school (`high_school`) or university this year;
 * 2. the school type is not excluded: military academies, tuition-free teacher training and directed students are
 *    funded otherwise;
 * 3. nobody else aids the same schooling (a tuition grant is never paid twice for it);
 * 4. the family: a filed needy household (open household file, 建档) gets the filed amount; otherwise the child of a
 *    migrant worker in temporary hardship gets the non-filed amount; otherwise nothing.
 *
 * The cap is the table amount for the category and family (example: filed 5,000 / 3,000 CNY, non-filed 4,000 /
 * 2,000 CNY); the tier is `filed` or `non_filed`. The business key counts per school year and student.
 */
export const TUITION_CATEGORIES = ['university', 'high_school'] as const;
export type TuitionCategory = (typeof TUITION_CATEGORIES)[number];

export const SCHOOL_TYPES = ['regular', 'military_academy', 'free_teacher_training', 'directed'] as const;

const EXCLUDED_SCHOOL_TYPES: Readonly<Record<string, string>> = {
  military_academy: 'military academy students are excluded',
  free_teacher_training: 'tuition-free teacher-training students are excluded',
  directed: 'directed (定向) students are excluded',
};

const CATEGORY_WORDS: Readonly<Record<TuitionCategory, string>> = {
  university: 'university',
  high_school: 'senior high / vocational school',
};

function tableAmountFen(category: TuitionCategory, filed: boolean, standard: PinnedStandard): number {
  switch (category) {
    case 'university':
      return param(standard, filed ? 'filedUniversityFen' : 'nonFiledUniversityFen');
    case 'high_school':
      return param(standard, filed ? 'filedHighSchoolFen' : 'nonFiledHighSchoolFen');
  }
}

export const tuitionGrantPolicy: ProgramPolicy = {
  code: 'tuition-grant',
  name: '金秋助学',
  nameEn: 'Golden-autumn tuition grants',
  subject: 'household',
  categories: TUITION_CATEGORIES,
  factFields: [
    { name: 'schoolYear', kind: 'text', required: true, description: 'School year the grant is for, e.g. 2026' },
    {
      name: 'studentRef',
      kind: 'text',
      required: true,
      description: "The student's school or enrolment number (学籍号 / 录取编号)",
    },
    {
      name: 'schoolType',
      kind: 'enum',
      values: SCHOOL_TYPES,
      required: true,
      description: 'Regular school, military academy, tuition-free teacher training or directed student (定向生)',
    },
    {
      name: 'enrolledThisYear',
      kind: 'bool',
      required: true,
      description: 'The student enters or is in senior high / vocational school or university this year',
    },
    {
      name: 'aidedByOtherBody',
      kind: 'bool',
      required: true,
      description: 'The same schooling is already aided by another body',
    },
    {
      name: 'migrantWorker',
      kind: 'bool',
      required: false,
      default: false,
      description: 'A parent is a migrant worker (农民工)',
    },
    {
      name: 'temporaryHardship',
      kind: 'bool',
      required: false,
      description: 'The (non-filed) family is in temporary hardship this year',
    },
  ],
  verifiedFacts: ['householdFile'],
  requiredParams: ['filedUniversityFen', 'filedHighSchoolFen', 'nonFiledUniversityFen', 'nonFiledHighSchoolFen'],
  documents: [
    '录取通知书或在读证明 (admission letter or proof of enrolment)',
    '学生证或学籍证明 (student card or enrolment record)',
    '未获其他机构同类资助的承诺书 (declaration of no other aid for the same schooling)',
    '农民工身份及临时困难证明 (proof of migrant-worker status and temporary hardship; non-filed families)',
  ],
  keyedBy: 'period',
  period: (facts, budgetYear) =>
    `${trimmedText(facts.schoolYear) || String(budgetYear)}:${trimmedText(facts.studentRef)}`,
  assess(facts: ProgramFacts, category: string, requestedAmountFen: number, standard: PinnedStandard): Assessment {
    const rules: RuleOutcome[] = [];
    const schoolYear = trimmedText(facts.schoolYear) || 'this year';
    if (!isOneOf(TUITION_CATEGORIES, category)) {
      return unknownCategory(category, TUITION_CATEGORIES, requestedAmountFen, standard);
    }

    rules.push(
      facts.enrolledThisYear === true
        ? {
            rule: 'enrolment',
            passed: true,
            detail: `the student enters or is in ${CATEGORY_WORDS[category]} in school year ${schoolYear}`,
          }
        : {
            rule: 'enrolment',
            passed: false,
            detail: `the student is not entering or in ${CATEGORY_WORDS[category]} in school year ${schoolYear}`,
          },
    );

    const schoolType = trimmedText(facts.schoolType);
    const excluded = EXCLUDED_SCHOOL_TYPES[schoolType];
    if (schoolType === 'regular') {
      rules.push({ rule: 'school-type', passed: true, detail: 'the school type (regular) is not excluded' });
    } else if (excluded) {
      rules.push({ rule: 'school-type', passed: false, detail: `school type ${schoolType}: ${excluded}` });
    } else {
      rules.push({
        rule: 'school-type',
        passed: false,
        detail: `school type "${schoolType}" is not one of ${SCHOOL_TYPES.join(', ')}`,
      });
    }

    if (facts.aidedByOtherBody === false) {
      rules.push({ rule: 'no-double-aid', passed: true, detail: 'no other body aids the same schooling' });
    } else if (facts.aidedByOtherBody === true) {
      rules.push({
        rule: 'no-double-aid',
        passed: false,
        detail: 'the same schooling is already aided by another body; a tuition grant is not paid twice for it',
      });
    } else {
      rules.push({
        rule: 'no-double-aid',
        passed: false,
        detail: 'it is not stated whether another body already aids the same schooling',
      });
    }

    const file = facts.verified?.householdFile ?? null;
    let tier: 'filed' | 'non_filed' | null = null;
    let capFen = 0;
    if (file) {
      tier = 'filed';
      capFen = tableAmountFen(category, true, standard);
      rules.push({
        rule: 'family',
        passed: true,
        detail: `household file ${file.fileId} is open (filed ${file.filedOn}): the filed family's ${CATEGORY_WORDS[category]} grant is ${yuan(capFen)}`,
      });
    } else if (facts.migrantWorker === true && facts.temporaryHardship === true) {
      tier = 'non_filed';
      capFen = tableAmountFen(category, false, standard);
      rules.push({
        rule: 'family',
        passed: true,
        detail: `a migrant worker's family in temporary hardship, not filed: the non-filed ${CATEGORY_WORDS[category]} grant is ${yuan(capFen)}`,
      });
    } else {
      rules.push({
        rule: 'family',
        passed: false,
        detail:
          "the household has no open file (建档) and is not a migrant worker's family in temporary hardship" +
          ` (migrant worker: ${facts.migrantWorker === true ? 'yes' : 'no'}, temporary hardship: ${facts.temporaryHardship === true ? 'yes' : 'no'})`,
      });
    }

    return assessmentFrom(rules, { category, requestedAmountFen, capFen, tier }, standard);
  },
};
