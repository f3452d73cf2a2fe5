/**
 * What every program's policy module provides: the facts it needs, the standard parameters it reads, and one pure
 * `assess` that the workflow decides with, the API previews with (`POST /programs/:code/preview`) and auditors
 * re-derive with. Amounts are integer fen. Imports nothing outside this folder.
 */

import { yuan } from './money';

/** A fact the applicant (or their grassroots union) supplies. Money is given in CNY and kept in fen. */
export interface FactField {
  name: string;
  kind: 'money' | 'int' | 'bool' | 'date' | 'enum' | 'text';
  /** For `enum`. */
  values?: readonly string[];
  required: boolean;
  /** For `int` and `money` (CNY). */
  min?: number;
  max?: number;
  /** Used when an optional fact is not given (otherwise it stays absent and the rules say what is missing). */
  default?: number | boolean;
  description: string;
}

/**
 * Facts the system supplies from its registries at submission (never the applicant): recorded with the case so the
 * assessment can be re-derived later from the record alone.
 */
export interface VerifiedFacts {
  /** The household's file (建档) when it is open. */
  householdFile?: {
    fileId: string;
    tier: string;
    filedOn: string;
    /** Last yearly re-verification (or the filing date). */
    verifiedOn: string;
  } | null;
  /** The model-worker registry entry (劳模). */
  modelWorker?: {
    entryId: string;
    honourLevel: 'national' | 'provincial' | 'city';
    workStatus: 'working' | 'retired' | 'farmer';
  } | null;
  /** Medical mutual-aid enrolment (职工医疗互助) covering the claim. */
  medicalEnrolment?: {
    enrolmentId: string;
    coverageFrom: string;
    coverageTo: string;
    enrolledOn: string;
  } | null;
  /** Paid (or reserved) to this person under this program in the coverage period so far, fen (caps across claims). */
  paidInPeriodFen?: number;
}

export type ProgramFacts = Record<string, unknown> & { verified?: VerifiedFacts };

/** The pinned standard row: its id and version plus the program's parameters, flattened. */
export interface PinnedStandard {
  standardId: string;
  policyVersion: string;
  validFrom: string;
  [param: string]: unknown;
}

/** One rule of the assessment, in words. */
export interface RuleOutcome {
  rule: string;
  passed: boolean;
  detail: string;
}

export interface Assessment {
  eligible: boolean;
  tier: string | null;
  category: string;
  requestedAmountFen: number;
  capFen: number;
  grantedAmountFen: number;
  /** Each rule, passed or failed, in words; the last one says why when the case is ineligible. */
  reasons: string[];
  /** The same rules, structured (absent on assessments recorded before rules were itemised). */
  rules?: RuleOutcome[];
  /** Hardship aid only: (income - unavoidable costs) / 12 / household size, fen. */
  perCapitaMonthlyIncomeFen?: number;
  standardId: string;
  policyVersion: string;
}

/** Whose aid the business key counts: one open application per subject, program and period. */
export type SubjectKind = 'person' | 'household' | 'union';

export interface ProgramPolicy {
  code: string;
  name: string;
  nameEn: string;
  subject: SubjectKind;
  categories: readonly string[];
  /** Facts the applicant supplies, per category (fields not listed for a category are ignored). */
  factFields: readonly FactField[];
  /** Registry facts the system looks up (see VerifiedFacts). */
  verifiedFacts: ReadonlyArray<keyof VerifiedFacts>;
  /** Parameters every standard row of this program must carry. */
  requiredParams: readonly string[];
  /** Documents the applicant attaches, in words. */
  documents: readonly string[];
  /**
   * The period the business key counts in: `year` (the budget year), or a fact of the case (e.g. the school year,
   * the admission date) so that one person may have several cases a year when the program allows it.
   */
  period(facts: ProgramFacts, budgetYear: number, category: string): string;
  /**
   * `period` (for a period that names the beneficiary: a student and school year, a duty certificate): the key is
   * the program and period alone, whoever files; default `subject`: the subject, program and period.
   */
  keyedBy?: 'subject' | 'period';
  assess(facts: ProgramFacts, category: string, requestedAmountFen: number, standard: PinnedStandard): Assessment;
}

/** Builds an assessment from rule outcomes: eligible when every rule passed; reasons are the rules' words. */
export function assessmentFrom(
  rules: RuleOutcome[],
  base: { category: string; requestedAmountFen: number; capFen: number; tier: string | null },
  standard: PinnedStandard,
): Assessment {
  const eligible = rules.every((r) => r.passed) && base.capFen > 0;
  const grantedAmountFen = eligible ? Math.min(base.requestedAmountFen, base.capFen) : 0;
  const all = [...rules];
  if (eligible) {
    all.push({
      rule: 'amount',
      passed: true,
      detail:
        base.requestedAmountFen > base.capFen
          ? `requested ${yuan(base.requestedAmountFen)} exceeds the cap; ${yuan(grantedAmountFen)} can be granted`
          : `requested ${yuan(base.requestedAmountFen)} is within the cap ${yuan(base.capFen)}`,
    });
  } else if (rules.every((r) => r.passed)) {
    all.push({ rule: 'amount', passed: false, detail: 'ineligible: nothing can be paid for these facts' });
  } else {
    const failed = rules.filter((r) => !r.passed).map((r) => r.detail);
    all.push({ rule: 'eligibility', passed: false, detail: `ineligible: ${failed.join('; ')}` });
  }
  return {
    eligible,
    tier: eligible ? base.tier : null,
    category: base.category,
    requestedAmountFen: base.requestedAmountFen,
    capFen: base.capFen,
    grantedAmountFen,
    reasons: all.map((r) => r.detail),
    rules: all,
    standardId: standard.standardId,
    policyVersion: standard.policyVersion,
  };
}

/** A numeric standard parameter; a missing one is a configuration error the API reports when the row is saved. */
export function param(standard: PinnedStandard, name: string): number {
  const value = standard[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`Standard ${standard.policyVersion} lacks the numeric parameter ${name}`);
  }
  return value;
}

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Whether `value` is one of `values` (narrows a category string to the program's category type). */
export const isOneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  (values as readonly string[]).includes(value);

/** A valid YYYY-MM-DD date string. */
export const isIsoDate = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/** A string fact, trimmed; '' when missing or not a string. */
export const trimmedText = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** A money fact in whole fen (rounded down); 0 when missing, not finite, zero or negative. */
export const positiveFenOrZero = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;

/** A money fact in whole fen (rounded down), 0 allowed; null when missing, not finite or negative. */
export const fenOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;

/** A whole-number fact; null when missing or not an integer. */
export const intOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

/**
 * The ineligible assessment for a category the program does not have (call it when `isOneOf(categories, category)`
 * is false): one failed `category` rule, nothing payable.
 */
export function unknownCategory(
  category: string,
  categories: readonly string[],
  requestedAmountFen: number,
  standard: PinnedStandard,
): Assessment {
  const detail =
    categories.length === 1
      ? `category "${category}" is not ${categories[0]}`
      : `category "${category}" is not one of ${categories.join(', ')}`;
  return assessmentFrom(
    [{ rule: 'category', passed: false, detail }],
    { category, requestedAmountFen, capFen: 0, tier: null },
    standard,
  );
}
