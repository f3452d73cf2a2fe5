/** Amounts travel as integer fen (1 CNY = 100 fen) inside the system; the HTTP API speaks yuan. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

export function fenToYuan(fen: number | string): number {
  return Number(fen) / 100;
}
