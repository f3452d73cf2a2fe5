/** Masks a national id or bank account for lists and logs: keeps the first 3 and last 4 characters. */
export function maskIdentifier(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

/** Masks a person's name the way public notices do: 张三丰 -> 张**, Li Wei -> L*****. */
export function maskName(value: string | null | undefined): string | null {
  if (!value) return null;
  const chars = Array.from(value);
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

/** Masks an email address for lists and logs: keeps the first character of the mailbox and the domain. */
export function maskEmail(value: string | null | undefined): string | null {
  if (!value) return null;
  const at = value.lastIndexOf('@');
  if (at <= 0) return maskIdentifier(value);
  return `${Array.from(value)[0]}***${value.slice(at)}`;
}
