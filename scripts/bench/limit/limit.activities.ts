/** The limit's one activity per level: it does nothing but answer (no database, no network). */
export function recordDecision(input: { caseId: string; level: number }): Promise<{
  level: number;
  decidedAt: string;
}> {
  return Promise.resolve({ level: input.level, decidedAt: new Date().toISOString() });
}
