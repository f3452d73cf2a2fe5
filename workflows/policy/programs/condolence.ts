import { assessmentFrom, isIsoDate, isOneOf, param, trimmedText, unknownCategory } from '../program-policy';
import { yuan } from '../money';
import type { Assessment, PinnedStandard, ProgramFacts, ProgramPolicy, RuleOutcome } from '../program-policy';

/**
 * Condolence payments (慰问金) to the families of police, firefighters and others killed or disabled on duty.
 *
 * Rules, in order:
 * 1. the official certificate of death or disability on duty is given (its number, at least 6 characters);
 * 2. the event date is not after the submission date;
 * 3. the occupation is stated (police, firefighter or other);
 * the amount is fixed by category (example killed 2,000, disabled 1,000 CNY). No tier. One payment per certificate:
 * the business key counts per certificate number.
 */
export const CONDOLENCE_CATEGORIES = ['killed_on_duty', 'disabled_on_duty'] as const;
export type CondolenceCategory = (typeof CONDOLENCE_CATEGORIES)[number];

export const OCCUPATIONS = ['police', 'firefighter', 'other'] as const;

/** Shortest certificate number accepted. */
export const MIN_CERTIFICATE_LENGTH = 6;

const CATEGORY_WORDS: Readonly<Record<CondolenceCategory, { param: string; words: string }>> = {
  killed_on_duty: { param: 'condolenceKilledFen', words: 'killed on duty' },
  disabled_on_duty: { param: 'condolenceDisabledFen', words: 'disabled on duty' },
};

export const condolencePolicy: ProgramPolicy = {
  code: 'condolence',
  name: '慰问金',
  nameEn: 'Condolence payments for those killed or disabled on duty',
  subject: 'person',
  categories: CONDOLENCE_CATEGORIES,
  factFields: [
    {
      name: 'dutyCertificateNo',
      kind: 'text',
      required: true,
      description: 'Number of the official certificate of death or disability on duty (因公牺牲 / 因公致残证明)',
    },
    { name: 'eventDate', kind: 'date', required: true, description: 'Date of the death or injury on duty' },
    {
      name: 'occupation',
      kind: 'enum',
      values: OCCUPATIONS,
      required: true,
      description: 'Police, firefighter or other',
    },
  ],
  verifiedFacts: [],
  requiredParams: ['condolenceKilledFen', 'condolenceDisabledFen'],
  documents: [
    '因公牺牲或因公致残证明 (official certificate of death or disability on duty)',
    '亲属关系证明 (proof of family relationship; killed_on_duty)',
  ],
  keyedBy: 'period',
  period: (facts) => trimmedText(facts.dutyCertificateNo),
  assess(facts: ProgramFacts, category: string, requestedAmountFen: number, standard: PinnedStandard): Assessment {
    const rules: RuleOutcome[] = [];
    if (!isOneOf(CONDOLENCE_CATEGORIES, category)) {
      return unknownCategory(category, CONDOLENCE_CATEGORIES, requestedAmountFen, standard);
    }

    const certificate = trimmedText(facts.dutyCertificateNo);
    rules.push(
      certificate.length >= MIN_CERTIFICATE_LENGTH
        ? { rule: 'certificate', passed: true, detail: `duty certificate ${certificate} is given` }
        : {
            rule: 'certificate',
            passed: false,
            detail: `the duty certificate number "${certificate}" has ${certificate.length} characters; at least ${MIN_CERTIFICATE_LENGTH} are needed`,
          },
    );

    const event = facts.eventDate;
    const submitted = facts.submittedOn;
    if (!isIsoDate(event)) {
      rules.push({ rule: 'event-date', passed: false, detail: 'the event date is missing or not a YYYY-MM-DD date' });
    } else if (!isIsoDate(submitted)) {
      rules.push({ rule: 'event-date', passed: false, detail: 'the submission date is missing' });
    } else {
      rules.push(
        event <= submitted
          ? { rule: 'event-date', passed: true, detail: `event on ${event} is not after submission on ${submitted}` }
          : { rule: 'event-date', passed: false, detail: `event on ${event} is after submission on ${submitted}` },
      );
    }

    const occupation = trimmedText(facts.occupation);
    rules.push(
      (OCCUPATIONS as readonly string[]).includes(occupation)
        ? { rule: 'occupation', passed: true, detail: `occupation: ${occupation}` }
        : {
            rule: 'occupation',
            passed: false,
            detail: `occupation "${occupation}" is not one of ${OCCUPATIONS.join(', ')}`,
          },
    );

    const { param: name, words } = CATEGORY_WORDS[category];
    const capFen = param(standard, name);
    rules.push({ rule: 'benefit', passed: true, detail: `the condolence payment for ${words} is ${yuan(capFen)}` });

    return assessmentFrom(rules, { category, requestedAmountFen, capFen, tier: null }, standard);
  },
};
