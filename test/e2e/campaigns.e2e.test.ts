import { runCampaignCli } from '../../scripts/campaign';
import { campaignReads, proof, seedCampaignRegistry, winterWarmth, YEAR } from '../support/campaign-cases';
import type { CampaignView, ReportView, VisitView } from '../support/campaign-cases';
import { httpClient } from '../support/http-client';
import type { ErrorBody } from '../support/http-client';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * Campaigns end to end on the real stack: HTTP -> the API -> PostgreSQL (recipients drawn from the registries, the
 * budget reserved on the envelope) -> the campaign workflow fanning out one case per recipient -> confirmations with
 * proof -> each case paying through the test bank exactly once -> the close-out report. How OpenAPI describes the
 * campaign endpoints is checked in test/e2e/openapi-fuzz.e2e.test.ts; the shapes, the registry seed and the reads
 * these tests share are in test/support/campaign-cases.ts.
 */

let stack: TestStack;
const client = httpClient(() => stack.baseUrl!);
const { registry, envelope, campaign, visits, visitState, settled } = campaignReads(() => stack, client);

beforeAll(async () => {
  stack = await startTestStack({ http: true });
  await seedCampaignRegistry(stack);
});

afterAll(async () => {
  await stack?.stop();
});

describe('campaigns', () => {
  it('refuses to let anyone but an administrator define a campaign (403)', async () => {
    const approver = await client.login('approver-city');
    const res = await client.request<ErrorBody>('POST', '/campaigns', {
      token: approver,
      body: winterWarmth('ww-not-admin', 50_000),
    });
    expect(res.status).toBe(403);
    const list = await client.request<unknown[]>('GET', '/campaigns', { token: await client.login('admin1') });
    expect(JSON.stringify(list.body)).not.toContain('ww-not-admin');
  });

  it('refuses to start a campaign whose recipients x amounts exceed its budget, naming the shortfall (422)', async () => {
    const admin = await client.login('admin1');
    const before = await envelope('winter-warmth', 'union_funds');
    const created = await client.request<CampaignView>('POST', '/campaigns', {
      token: admin,
      body: winterWarmth('ww-too-small', 1_000),
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');

    const res = await client.request<ErrorBody & { details: Record<string, number> }>(
      'POST',
      `/campaigns/${created.body.id}/start`,
      { token: admin },
    );
    // 26 front-line workers x 500 + (at least) 10 model workers x 800 = 21,000 CNY against a budget of 1,000.
    const r = await registry();
    expect(r.frontline).toBe(26);
    const needed = r.frontline * 500 + r.modelWorkers * 800;
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CAMPAIGN_BUDGET_SHORTFALL');
    expect(res.body.message).toContain(`short by ${needed - 1000} CNY`);
    expect(res.body.details).toMatchObject({
      recipients: r.frontline + r.modelWorkers,
      neededFen: needed * 100,
      shortfallFen: (needed - 1000) * 100,
    });
    expect(await envelope('winter-warmth', 'union_funds')).toEqual(before);
    expect((await campaign(created.body.id)).status).toBe('draft');
    expect(await stack.sql('SELECT id FROM campaign_visits WHERE campaign_id = $1', [created.body.id])).toHaveLength(0);
  });

  it('refuses to start a campaign its envelope cannot cover, naming the shortfall (422)', async () => {
    const admin = await client.login('admin1');
    const created = await client.request<CampaignView>('POST', '/campaigns', {
      token: admin,
      body: { ...winterWarmth('ww-over-envelope', 900_000), fundingSource: 'donations' },
    });
    expect(created.status).toBe(201);
    const res = await client.request<ErrorBody>('POST', `/campaigns/${created.body.id}/start`, { token: admin });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CAMPAIGN_BUDGET_SHORTFALL');
    // The donations envelope holds 200,000 CNY.
    expect(res.body.message).toContain('has 200000 CNY left');
    expect(res.body.message).toContain('short by 700000 CNY');
  });

  it('fans out one case per recipient, pays each confirmed visit exactly once and closes with a report', async () => {
    const admin = await client.login('admin1');
    const before = await envelope('winter-warmth', 'union_funds');
    const r = await registry();
    const recipients = r.frontline + r.modelWorkers;
    const planned = r.frontline * 500 + r.modelWorkers * 800;
    const created = await client.request<CampaignView>('POST', '/campaigns', {
      token: admin,
      body: winterWarmth('ww-e2e', 25_000),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const started = await client.request<CampaignView>('POST', `/campaigns/${id}/start`, { token: admin });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('running');
    expect(started.body.recipients).toBe(recipients);
    expect(started.body.planned).toBe(planned);
    expect(await envelope('winter-warmth', 'union_funds')).toEqual({
      reserved: before.reserved + 2_500_000,
      paid: before.paid,
    });
    // Starting again changes nothing.
    const again = await client.request<CampaignView>('POST', `/campaigns/${id}/start`, { token: admin });
    expect(again.status).toBe(200);
    expect((await envelope('winter-warmth', 'union_funds')).reserved).toBe(before.reserved + 2_500_000);

    const fannedOut = await eventually(async () => {
      const c = await campaign(id);
      return c.progress.casesCreated === recipients && c.fannedOutAt ? c : undefined;
    }, 'every case created');
    expect(fannedOut.progress.counts).toEqual({
      planned: recipients,
      visited: 0,
      paid: 0,
      payment_failed: 0,
      skipped: 0,
    });
    expect(fannedOut.progress.amounts.planned).toBe(planned);
    const workflows = await stack.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM campaign_visits WHERE campaign_id = $1 AND case_started_at IS NOT NULL',
      [id],
    );
    expect(workflows[0].n).toBe(recipients);

    const all = await visits(id);
    expect(all).toHaveLength(recipients);
    // Names are masked in lists.
    const names = await stack.sql<{ recipient_name: string }>(
      'SELECT recipient_name FROM campaign_visits WHERE campaign_id = $1',
      [id],
    );
    for (const v of all) {
      expect(v.recipientName).toMatch(/^.\*+$/);
      expect(names.map((n) => n.recipient_name)).not.toContain(v.recipientName);
    }
    const west = all.filter((v) => v.orgUnit.startsWith('G-WEST'));
    const east = all.filter((v) => v.orgUnit.startsWith('G-EAST'));
    const [first, retried, rejected, inKind, ...rest] = [...east, ...west];

    // No proof: 400, nothing recorded.
    const noProof = await client.request<ErrorBody>('POST', `/campaigns/${id}/visits/${first.id}/confirmation`, {
      token: admin,
      body: { visitedAt: new Date().toISOString(), kind: 'cash' },
    });
    expect(noProof.status).toBe(400);
    expect(noProof.body.message).toContain('proof');
    expect((await visitState(first.id)).state).toBe('planned');

    // An approver outside the recipient's branch: 403.
    const westApprover = await client.login('approver-g-west-1');
    const eastVisit = east[0];
    const foreign = await client.request<ErrorBody>('POST', `/campaigns/${id}/visits/${eastVisit.id}/confirmation`, {
      token: westApprover,
      body: { proofSha256: proof('x'), visitedAt: new Date().toISOString(), kind: 'cash' },
    });
    expect(foreign.status).toBe(403);

    // Confirmed twice by the district approver of its branch: paid once.
    const districtApprover = await client.login('approver-d-east');
    const body = { proofSha256: proof(`receipt ${first.id}`), visitedAt: new Date().toISOString(), kind: 'cash' };
    const once = await client.request<{ alreadyConfirmed: boolean; visit: VisitView }>(
      'POST',
      `/campaigns/${id}/visits/${first.id}/confirmation`,
      { token: districtApprover, body },
    );
    expect(once.status).toBe(200);
    expect(once.body.alreadyConfirmed).toBe(false);
    const twice = await client.request<{ alreadyConfirmed: boolean }>(
      'POST',
      `/campaigns/${id}/visits/${first.id}/confirmation`,
      { token: districtApprover, body },
    );
    expect(twice.status).toBe(200);
    expect(twice.body.alreadyConfirmed).toBe(true);
    await settled(first.id);
    const thrice = await client.request<{ alreadyConfirmed: boolean; visit: VisitView }>(
      'POST',
      `/campaigns/${id}/visits/${first.id}/confirmation`,
      { token: admin, body },
    );
    expect(thrice.body).toMatchObject({ alreadyConfirmed: true, visit: { state: 'paid' } });
    expect(stack.bank.paymentsFor(first.id)).toHaveLength(1);

    // The bank is busy once: the case retries with the same instruction id and pays once.
    stack.bank.failNext = 1;
    await client.request('POST', `/campaigns/${id}/visits/${retried.id}/confirmation`, {
      token: admin,
      body: { note: '慰问金当面交付本人', visitedAt: new Date().toISOString(), kind: 'cash' },
    });
    await settled(retried.id);
    expect(stack.bank.requests.filter((r) => r.instructionId === retried.id).map((r) => r.status)).toEqual([503, 200]);
    expect(stack.bank.paymentsFor(retried.id)).toHaveLength(1);

    // The bank refuses for good: payment_failed, nothing paid.
    stack.bank.rejectNext = 1;
    await client.request('POST', `/campaigns/${id}/visits/${rejected.id}/confirmation`, {
      token: admin,
      body: { proofSha256: proof('closed account'), visitedAt: new Date().toISOString(), kind: 'cash' },
    });
    await settled(rejected.id, 'payment_failed');
    expect(stack.bank.paymentsFor(rejected.id)).toHaveLength(0);

    // Delivered in kind: settled without a bank transfer.
    await client.request('POST', `/campaigns/${id}/visits/${inKind.id}/confirmation`, {
      token: admin,
      body: { note: '米面油一套, 本人签收', visitedAt: new Date().toISOString(), kind: 'in_kind' },
    });
    await settled(inKind.id);
    expect((await visitState(inKind.id)).bank_payment_id).toBeNull();
    expect(stack.bank.paymentsFor(inKind.id)).toHaveLength(0);

    // A union confirms a list at once; 13 visits never happen.
    const bulk = rest.slice(0, rest.length - 13);
    const skipped = rest.slice(rest.length - 13);
    const confirmed = await client.request<{ confirmed: number; alreadyConfirmed: number; refused: unknown[] }>(
      'POST',
      `/campaigns/${id}/visits/confirmations`,
      {
        token: admin,
        body: {
          confirmations: [...bulk, first].map((v) => ({
            visitId: v.id,
            proofSha256: proof(`bulk ${v.id}`),
            visitedAt: new Date().toISOString(),
            kind: 'cash',
          })),
        },
      },
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ confirmed: bulk.length, alreadyConfirmed: 1, refused: [] });
    for (const v of bulk) await settled(v.id);

    const progress = await campaign(id);
    const paidVisits = [first, retried, inKind, ...bulk];
    const paidAmount = paidVisits.reduce((sum, v) => sum + v.amount, 0);
    const notVisited = recipients - paidVisits.length - 1;
    expect(progress.progress.counts).toEqual({
      planned: notVisited,
      visited: 0,
      paid: paidVisits.length,
      payment_failed: 1,
      skipped: 0,
    });
    expect(progress.progress.amounts.paid).toBe(paidAmount);
    expect(progress.status).toBe('running');
    expect(await envelope('winter-warmth', 'union_funds')).toEqual({
      reserved: before.reserved + 2_500_000 - paidAmount * 100,
      paid: before.paid + paidAmount * 100,
    });

    // Close-out: the unvisited are skipped, what was not spent goes back to the envelope.
    const closed = await client.request<ReportView>('POST', `/campaigns/${id}/close`, { token: admin });
    expect(closed.status).toBe(200);
    const report = closed.body;
    expect(report).toMatchObject({
      recipients,
      visited: paidVisits.length + 1,
      paidCount: paidVisits.length,
      failed: 1,
      skipped: notVisited,
      planned,
      paid: paidAmount,
      budget: 25_000,
      released: 25_000 - paidAmount,
    });
    expect(notVisited).toBe(skipped.length);
    expect(report.byGroup.reduce((s, g) => s + g.recipients, 0)).toBe(recipients);
    expect(report.byGroup.find((g) => g.kind === 'frontline' && g.group === 'sanitation')?.recipients).toBe(10);
    expect(report.byGroup.reduce((s, g) => s + g.paid, 0)).toBe(paidAmount);
    expect(report.byOrgUnit.reduce((s, g) => s + g.paidCount, 0)).toBe(paidVisits.length);
    expect(await envelope('winter-warmth', 'union_funds')).toEqual({
      reserved: before.reserved,
      paid: before.paid + paidAmount * 100,
    });
    const cashPaid = paidVisits.filter((v) => v !== inKind);
    const cashPaidIds = cashPaid.map((v) => v.id);
    // The bank holds exactly one payment per cash-paid visit, keyed by the visit id, and no other of this campaign.
    expect(
      stack.bank.payments
        .filter((p) => p.applicationId === `campaign-${id}`)
        .map((p) => p.instructionId)
        .sort(),
    ).toEqual([...cashPaidIds].sort());
    for (const visitId of cashPaidIds) expect(stack.bank.paymentsFor(visitId)).toHaveLength(1);

    // Reconciliation matches every campaign payment with its visit: none of this campaign's is flagged.
    const reconciliation = await client.request<{
      matched: number;
      flagged: Array<{
        flag: string;
        disbursementId: string | null;
        campaignId: string | null;
        applicationId: string | null;
      }>;
    }>('GET', '/budgets/reconciliation', { token: admin });
    expect(reconciliation.status).toBe(200);
    const { flagged } = reconciliation.body;
    expect(flagged.filter((f) => f.disbursementId !== null && cashPaidIds.includes(f.disbursementId))).toEqual([]);
    expect(flagged.filter((f) => f.applicationId === `campaign-${id}`)).toEqual([]);
    expect(flagged.filter((f) => f.campaignId === id)).toEqual([]);

    // Closed: confirmations are refused, the report stays as it was.
    const late = await client.request<ErrorBody>('POST', `/campaigns/${id}/visits/${skipped[0].id}/confirmation`, {
      token: admin,
      body: { proofSha256: proof('late'), visitedAt: new Date().toISOString(), kind: 'cash' },
    });
    expect(late.status).toBe(409);
    const stored = await client.request<ReportView>('GET', `/campaigns/${id}/report`, { token: admin });
    expect(stored.body).toEqual(report);
    expect((await campaign(id)).status).toBe('closed');

    // The command line shows the same figures.
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      env: { DATABASE_URL: stack.db.url },
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
    };
    expect(await runCampaignCli(['status', 'ww-e2e', '--watch'], io)).toBe(0);
    expect(out.join('')).toContain('status closed');
    expect(out.join('')).toContain(`paid ${paidVisits.length} (${paidAmount.toLocaleString('en-US')} CNY)`);
    expect(err.join('')).toContain(`ww-e2e: ${recipients}/${recipients} (100%)`);
    out.length = 0;
    expect(await runCampaignCli(['report', id, '--json'], io)).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ recipients, paid: paidVisits.length, failed: 1 });
    expect(await runCampaignCli(['report', 'no-such-campaign'], io)).toBe(3);
  });
  it('runs the Spring-Festival batch to completion by honour level', async () => {
    const admin = await client.login('admin1');
    const before = await envelope('model-worker-funds', 'city_finance');
    const created = await client.request<CampaignView>('POST', '/campaigns', {
      token: admin,
      body: {
        code: 'spring-festival-e2e',
        name: '春节劳模慰问',
        program: 'model-worker-funds',
        year: YEAR,
        fundingSource: 'city_finance',
        budget: 20_000,
        targetGroups: [
          { kind: 'model_workers', groups: ['national'], amount: 3000 },
          { kind: 'model_workers', groups: ['provincial'], amount: 1500 },
        ],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const r = await registry();
    const planned = r.national * 3000 + r.provincial * 1500;
    const started = await client.request<CampaignView>('POST', `/campaigns/${id}/start`, { token: admin });
    expect(started.body).toMatchObject({ status: 'running', recipients: r.national + r.provincial, planned });
    await eventually(async () => ((await campaign(id)).fannedOutAt ? true : undefined), 'fan-out');
    const all = await visits(id);
    expect(all.filter((v) => v.group === 'national').every((v) => v.amount === 3000)).toBe(true);
    const res = await client.request<{ confirmed: number }>('POST', `/campaigns/${id}/visits/confirmations`, {
      token: admin,
      body: {
        confirmations: all.map((v) => ({
          visitId: v.id,
          proofSha256: proof(v.id),
          visitedAt: new Date().toISOString(),
          kind: 'cash',
        })),
      },
    });
    expect(res.body.confirmed).toBe(r.national + r.provincial);
    const done = await eventually(async () => {
      const c = await campaign(id);
      return c.status === 'completed' ? c : undefined;
    }, 'campaign completed');
    expect(done.progress.counts.paid).toBe(r.national + r.provincial);
    expect(done.completedAt).not.toBeNull();
    const report = await client.request<ReportView>('POST', `/campaigns/${id}/close`, { token: admin });
    expect(report.body).toMatchObject({
      paidCount: r.national + r.provincial,
      paid: planned,
      released: 20_000 - planned,
      skipped: 0,
    });
    expect(await envelope('model-worker-funds', 'city_finance')).toEqual({
      reserved: before.reserved,
      paid: before.paid + planned * 100,
    });
  });
});
