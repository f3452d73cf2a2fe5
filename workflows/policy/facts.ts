import { isWholeFen, MAX_MONEY_YUAN, yuanToFen } from './money';
import type { FactField, ProgramFacts } from './program-policy';

/**
 * Turns the facts an applicant sent (money in CNY) into the program's facts (money in fen, `<name>Fen`), naming
 * every field that is wrong. Unknown fields are refused so a typo never silently drops a fact. A missing optional fact
 * takes the field's default, or stays absent (the program's rules then say it is missing). Pure.
 *
 * `moneyIn: 'fen'` takes facts already in the program's own shape (money as whole fen under `<name>Fen`, as the
 * system's own callers hold them): checked the same way, never converted to CNY and back.
 */
export function parseFacts(
  fields: readonly FactField[],
  raw: unknown,
  { moneyIn = 'yuan' }: { moneyIn?: 'yuan' | 'fen' } = {},
): { facts: ProgramFacts; errors: string[] } {
  const errors: string[] = [];
  const facts: ProgramFacts = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { facts, errors: ['facts must be an object of the program’s facts'] };
  }
  const given = raw as Record<string, unknown>;
  const inFen = moneyIn === 'fen';
  const keyOf = (field: FactField): string => (inFen && field.kind === 'money' ? `${field.name}Fen` : field.name);
  const known = new Set(fields.map(keyOf));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      errors.push(`facts.${name} is not a fact of this program (expected: ${[...known].join(', ')})`);
    }
  }
  for (const field of fields) {
    const value = given[keyOf(field)];
    const at = `facts.${keyOf(field)}`;
    if (value === undefined || value === null || value === '') {
      if (field.required) errors.push(`${at} is required (${field.description})`);
      else if (field.default !== undefined && field.kind === 'money') {
        facts[`${field.name}Fen`] = yuanToFen(Number(field.default));
      } else if (field.default !== undefined) facts[field.name] = field.default;
      continue;
    }
    const problem = inFen && field.kind === 'money' ? checkFen(field, value) : checkValue(field, value);
    if (problem) {
      errors.push(`${at} ${problem}`);
      continue;
    }
    if (field.kind === 'money') facts[`${field.name}Fen`] = inFen ? value : yuanToFen(value as number);
    else if (field.kind === 'text') facts[field.name] = (value as string).trim();
    else facts[field.name] = value;
  }
  return { facts, errors };
}

/** A money fact given in fen: a whole number within the field's limits (CNY) times 100. */
function checkFen(field: FactField, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'must be a whole number of fen';
  const min = yuanToFen(field.min ?? 0);
  const max = yuanToFen(field.max ?? MAX_MONEY_YUAN);
  return value < min || value > max ? `must be between ${min} and ${max} fen` : null;
}

function checkValue(field: FactField, value: unknown): string | null {
  switch (field.kind) {
    case 'money':
    case 'int': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (field.kind === 'int' && !Number.isInteger(value)) return 'must be a whole number';
      if (field.kind === 'money' && !isWholeFen(value)) {
        return 'must have at most 2 decimal places (CNY)';
      }
      const min = field.min ?? 0;
      const max = field.max ?? (field.kind === 'money' ? MAX_MONEY_YUAN : 1_000_000);
      if (value < min || value > max) return `must be between ${min} and ${max}`;
      return null;
    }
    case 'bool':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : 'must be a date YYYY-MM-DD';
    case 'enum':
      return typeof value === 'string' && (field.values ?? []).includes(value)
        ? null
        : `must be one of ${(field.values ?? []).join(', ')}`;
    case 'text':
      return typeof value === 'string' && value.trim().length > 0 && value.length <= 500
        ? null
        : 'must be text of 1 to 500 characters';
  }
}
