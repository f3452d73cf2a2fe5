import type { BenchStack } from './stack';

/**
 * The correctness checks of every tiny run and every real one: each case filed was approved at its three levels
 * (one decision each) and paid exactly once (one disbursement paid, one payment at the bank).
 */
export async function casesApprovedAndPaidOnce(stack: BenchStack, ids: string[], label: string): Promise<string[]> {
  const problems: string[] = [];
  if (ids.length === 0) return [`${label}: no case was filed`];
  const statuses = await stack.sql<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM applications WHERE id = ANY($1::uuid[]) GROUP BY status',
    [ids],
  );
  const approved = statuses.find((s) => s.status === 'approved')?.n ?? 0;
  if (approved !== ids.length) {
    problems.push(`${label}: ${approved} of ${ids.length} cases approved (${JSON.stringify(statuses)})`);
  }
  const [paid] = await stack.sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM disbursements WHERE application_id = ANY($1::uuid[]) AND status = 'paid'`,
    [ids],
  );
  if (paid.n !== ids.length) problems.push(`${label}: ${paid.n} of ${ids.length} disbursements paid`);
  const badDecisions = await stack.sql(
    `SELECT a.id FROM applications a LEFT JOIN decisions d ON d.application_id = a.id
     WHERE a.id = ANY($1::uuid[]) GROUP BY a.id HAVING count(d.*) <> 3`,
    [ids],
  );
  if (badDecisions.length) problems.push(`${label}: ${badDecisions.length} cases without exactly 3 decisions`);
  const perApp = new Map<string, number>();
  for (const p of stack.bank.payments) perApp.set(p.applicationId, (perApp.get(p.applicationId) ?? 0) + 1);
  const paidOnce = ids.filter((id) => perApp.get(id) === 1).length;
  if (paidOnce !== ids.length) problems.push(`${label}: the bank paid ${paidOnce} of ${ids.length} cases exactly once`);
  return problems;
}
