import { createHash } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { seedCampaignData } from '../../scripts/lib/seed-campaigns';
import type { HttpClient } from './http-client';
import { eventually } from './test-stack';
import type { TestStack } from './test-stack';

/**
 * What the campaigns e2e suite (test/e2e/campaigns.e2e.test.ts) reads of a campaign, its visits and its report; the
 * registry it runs on (the campaign seed and six more sanitation workers); how it reads the registries, an envelope, a
 * campaign and its visits, and waits for a visit to settle; and the winter-warmth campaign it defines.
 */

export const YEAR = new Date().getUTCFullYear();

export interface CampaignView {
  id: string;
  status: string;
  recipients: number;
  planned: number;
  fannedOutAt: string | null;
  completedAt: string | null;
  progress: {
    casesCreated: number;
    counts: Record<'planned' | 'visited' | 'paid' | 'payment_failed' | 'skipped', number>;
    amounts: { planned: number; visited: number; paid: number; paymentFailed: number; skipped: number };
  };
}

export interface VisitView {
  id: string;
  recipientKind: string;
  recipientName: string;
  group: string;
  orgUnit: string;
  amount: number;
  state: string;
  bankPaymentId: string | null;
}

export interface ReportLine {
  recipients: number;
  visited: number;
  paidCount: number;
  failed: number;
  skipped: number;
  planned: number;
  paid: number;
}

export interface ReportView extends ReportLine {
  budget: number;
  released: number;
  byGroup: Array<ReportLine & { kind: string; group: string }>;
  byOrgUnit: Array<ReportLine & { orgUnitCode: string }>;
}

export interface RegistryCounts {
  frontline: number;
  national: number;
  provincial: number;
  modelWorkers: number;
}

/** Six more sanitation workers of the East Sanitation Union, on top of the demo registry (20 + 10). */
export const EXTRA_FRONTLINE = ['环卫甲', '环卫乙', '环卫丙', '环卫丁', '环卫戊', '环卫己'];

/** Seeds the campaign registry into the stack's database, twice (the seed is idempotent), and the extra workers. */
export async function seedCampaignRegistry(stack: TestStack): Promise<void> {
  const pg = new PgClient({ connectionString: stack.db.url });
  await pg.connect();
  try {
    await seedCampaignData(pg);
    await seedCampaignData(pg); // idempotent
    for (const name of EXTRA_FRONTLINE) {
      await pg.query(
        `INSERT INTO frontline_workers (name, group_code, org_unit_id)
           SELECT $1, 'sanitation', id FROM org_units WHERE code = 'G-EAST-2'`,
        [name],
      );
    }
  } finally {
    await pg.end();
  }
}

export const proof = (text: string): string => createHash('sha256').update(text).digest('hex');

/** `stack` is read on each call, so the helpers can be made before the stack is started (in beforeAll). */
export function campaignReads(stack: () => TestStack, client: HttpClient) {
  /** What the registries hold (the demo seed may carry model workers of its own besides the campaign seed's). */
  async function registry(): Promise<RegistryCounts> {
    const [row] = await stack().sql<{ frontline: number; national: number; provincial: number; model_workers: number }>(
      `SELECT (SELECT count(*)::int FROM frontline_workers WHERE active) AS frontline,
              (SELECT count(*)::int FROM model_workers WHERE active AND honour_level = 'national') AS national,
              (SELECT count(*)::int FROM model_workers WHERE active AND honour_level = 'provincial') AS provincial,
              (SELECT count(*)::int FROM model_workers WHERE active) AS model_workers`,
    );
    return {
      frontline: row.frontline,
      national: row.national,
      provincial: row.provincial,
      modelWorkers: row.model_workers,
    };
  }

  async function envelope(program: string, source: string): Promise<{ reserved: number; paid: number }> {
    const [row] = await stack().sql<{ reserved_fen: string; paid_fen: string }>(
      `SELECT e.reserved_fen, e.paid_fen FROM budget_envelopes e JOIN programs p ON p.id = e.program_id
       WHERE p.code = $1 AND e.year = $2 AND e.funding_source = $3`,
      [program, YEAR, source],
    );
    return { reserved: Number(row.reserved_fen), paid: Number(row.paid_fen) };
  }

  async function campaign(id: string): Promise<CampaignView> {
    const admin = await client.login('admin1');
    const res = await client.request<CampaignView>('GET', `/campaigns/${id}`, { token: admin });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function visits(id: string, state?: string): Promise<VisitView[]> {
    const admin = await client.login('admin1');
    const res = await client.request<{ total: number; visits: VisitView[] }>(
      'GET',
      `/campaigns/${id}/visits?pageSize=500${state ? `&state=${state}` : ''}`,
      { token: admin },
    );
    expect(res.status).toBe(200);
    return res.body.visits;
  }

  async function visitState(visitId: string): Promise<{ state: string; bank_payment_id: string | null }> {
    const [row] = await stack().sql<{ state: string; bank_payment_id: string | null }>(
      'SELECT state, bank_payment_id FROM campaign_visits WHERE id = $1',
      [visitId],
    );
    return row;
  }

  const settled = (visitId: string, state = 'paid') =>
    eventually(
      async () => ((await visitState(visitId)).state === state ? true : undefined),
      `visit ${visitId} ${state}`,
    );

  return { registry, envelope, campaign, visits, visitState, settled };
}

export const winterWarmth = (code: string, budget: number) => ({
  code,
  name: `${code} 送温暖`,
  program: 'winter-warmth',
  year: YEAR,
  fundingSource: 'union_funds',
  budget,
  targetGroups: [
    { kind: 'frontline', amount: 500 },
    { kind: 'model_workers', amount: 800 },
  ],
});
