/**
 * Money, once for the whole system. Amounts travel as integer fen (1 CNY = 100 fen) everywhere inside: the database,
 * the workflow input and history, the rules. Only the edges speak CNY (yuan): the HTTP API's bodies, the facts an
 * applicant types, and the text people read. Pure and dependency-free, so the workflows, the libs and the API share it.
 */

export const FEN_PER_YUAN = 100;

/**
 * The one money ceiling: no amount the system takes (a requested amount, a household's figures, a campaign's amounts,
 * a budget allocation) may exceed 10 billion CNY. Far above any city's envelope, and 10^12 fen stays far inside the
 * integers a number counts exactly (2^53), so sums of many such amounts stay exact; PostgreSQL holds fen as bigint.
 * What a program grants is capped by its own rules, well below this.
 */
export const MAX_MONEY_YUAN = 10_000_000_000;
export const MAX_MONEY_FEN = MAX_MONEY_YUAN * FEN_PER_YUAN;

/** CNY (at most 2 decimals) to fen. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * FEN_PER_YUAN);
}

/** Fen (a number, or a bigint column's text) to CNY. */
export function fenToYuan(fen: number | string): number {
  return Number(fen) / FEN_PER_YUAN;
}

/** Fen as CNY with two decimals, for people to read: `1234.50`. */
export function formatYuan(fen: number | string): string {
  return fenToYuan(fen).toFixed(2);
}

/** Fen as CNY with the currency, for rule details and messages: `1234.50 CNY`. */
export function yuan(fen: number | string): string {
  return `${formatYuan(fen)} CNY`;
}

/** True when a CNY amount has at most two decimals (a whole number of fen). */
export function isWholeFen(yuanAmount: number): boolean {
  return Math.round(yuanAmount * FEN_PER_YUAN) === Math.round(yuanAmount * FEN_PER_YUAN * 1e6) / 1e6;
}
