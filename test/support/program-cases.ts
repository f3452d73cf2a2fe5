import { randomUUID } from 'node:crypto';
import type { HttpClient } from './http-client';
import { eventually } from './test-stack';

/**
 * What the program suites (test/e2e/programs.e2e.test.ts, test/e2e/program-standards.e2e.test.ts) read of a case and
 * of a refusal, how they file a case and wait for its assessment, and the tuition grant they file most.
 */

export const year = new Date().getUTCFullYear();

export interface Rule {
  rule: string;
  passed: boolean;
  detail: string;
}

export interface CaseView {
  id: string;
  program: string;
  status: string;
  grantedAmount: number | null;
  outcomeReason: string | null;
  eligibility: {
    eligible: boolean;
    tier: string | null;
    policyVersion: string;
    standardId: string;
    rules: Rule[];
  } | null;
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: { blocking?: { applicationId: string; programCode: string } };
}

/** Files a case as `username` (a fresh Idempotency-Key each time), and waits until a filed case is assessed. */
export function programCases(client: HttpClient) {
  async function submit(username: string, body: Record<string, unknown>) {
    const token = await client.login(username);
    return client.request<CaseView & ErrorBody>('POST', '/applications', {
      token,
      body,
      headers: { 'idempotency-key': randomUUID() },
    });
  }

  async function settled(id: string, username: string): Promise<CaseView> {
    const token = await client.login(username);
    return eventually(async () => {
      const { body } = await client.request<CaseView>('GET', `/applications/${id}`, { token });
      return body.status === 'submitted' ? undefined : body;
    }, `case ${id} assessed`);
  }

  return { submit, settled };
}

export const daysAgo = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export const tuitionFacts = (studentRef: string, category = 'university') => ({
  category,
  requestedAmount: 5000,
  facts: {
    schoolYear: String(year),
    studentRef,
    schoolType: 'regular',
    enrolledThisYear: true,
    aidedByOtherBody: false,
  },
});

export const tuition = (studentRef: string, category = 'university') => ({
  program: 'tuition-grant',
  ...tuitionFacts(studentRef, category),
});
