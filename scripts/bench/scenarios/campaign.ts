import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MemorySampler } from '../lib/proc';
import { load, machine, markdownHeader, versions, writeResult } from '../lib/results';
import type { BenchResult } from '../lib/results';
import { startBenchStack } from '../lib/stack';
import { markdownTable, sleep, table } from '../lib/stats';
import type { ScenarioContext, ScenarioOutput } from './scenario';
import { DEMO_PASSWORD } from '../../lib/seed';

/**
 * campaign: the 送温暖 campaign bench (formerly `npm run bench:campaign` alone). A campaign over N front-line workers
 * is defined and started over HTTP; the fan-out (start -> every visit's case created), the confirmations in bulk,
 * the payments (-> every visit paid) are timed, and the peak memory of every process of the stack is sampled.
 */
export interface CampaignOptions {
  recipients: number;
  /** Confirmations per bulk request (at most 500: the API's JSON body limit is 100 KB). */
  confirmBatch: number;
  /** CNY per recipient (48: the annual report's 480,400 CNY over 10,000 workers). */
  amount: number;
  maxCachedWorkflows: number;
  timeoutSeconds: number;
}

export const CAMPAIGN_DEFAULTS: CampaignOptions = {
  recipients: 10_000,
  confirmBatch: 250,
  amount: 48,
  maxCachedWorkflows: 2000,
  timeoutSeconds: 1800,
};

interface Progress {
  status: string;
  recipients: number;
  fannedOutAt: string | null;
  completedAt: string | null;
  progress: { casesCreated: number; counts: Record<string, number> };
}

export async function runCampaign(ctx: ScenarioContext, o: CampaignOptions): Promise<ScenarioOutput> {
  const startedAt = new Date().toISOString();
  const loadBefore = load();
  const problems: string[] = [];
  const stack = await startBenchStack({
    log: ctx.log,
    servers: ctx.servers,
    workerEnv: { WORKER_MAX_CACHED_WORKFLOWS: String(o.maxCachedWorkflows) },
  });
  let figures: Record<string, unknown>;
  let rows: Array<Array<string | number | null>>;
  try {
    const year = new Date().getUTCFullYear();
    const [{ n: existing }] = await stack.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM frontline_workers WHERE active',
    );
    const groups = ['water', 'heating', 'sanitation', 'hospitals', 'police', 'customs'];
    await stack.sql(
      `INSERT INTO frontline_workers (name, group_code, org_unit_id)
       SELECT '职工' || i, ($2::text[])[1 + i % 6], (SELECT id FROM org_units WHERE kind = 'grassroots'
                                                     ORDER BY code OFFSET i % 4 LIMIT 1)
       FROM generate_series(1, $1::int) AS i`,
      [Math.max(0, o.recipients - existing), groups],
    );
    if (existing > o.recipients) {
      await stack.sql(
        `UPDATE frontline_workers SET active = false
         WHERE id IN (SELECT id FROM frontline_workers WHERE active ORDER BY id LIMIT $1)`,
        [existing - o.recipients],
      );
    }
    const budget = Math.ceil(o.recipients * o.amount);
    await stack.sql(
      `UPDATE budget_envelopes SET allocated_fen = greatest(allocated_fen, $1)
       WHERE funding_source = 'union_funds' AND year = $2
         AND program_id = (SELECT id FROM programs WHERE code = 'winter-warmth')`,
      [budget * 100, year],
    );

    const call = async <T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> => {
      const res = await fetch(`${stack.apiBase}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
      return JSON.parse(text) as T;
    };
    const { accessToken: admin } = await call<{ accessToken: string }>('POST', '/auth/login', null, {
      username: 'admin1',
      password: DEMO_PASSWORD,
    });
    const created = await call<{ id: string }>('POST', '/campaigns', admin, {
      code: `bench-${o.recipients}-${Date.now()}`,
      name: `送温暖 benchmark, ${o.recipients} recipients`,
      program: 'winter-warmth',
      year,
      fundingSource: 'union_funds',
      budget,
      targetGroups: [{ kind: 'frontline', amount: o.amount }],
    });
    const deadline = performance.now() + o.timeoutSeconds * 1000;
    const waitFor = async (done: (p: Progress) => boolean, label: string): Promise<Progress> => {
      let last = '';
      for (;;) {
        const p = await call<Progress>('GET', `/campaigns/${created.id}`, admin);
        const line = `${label}: created ${p.progress.casesCreated}/${p.recipients}, ${JSON.stringify(p.progress.counts)}`;
        if (line !== last) ctx.log(line);
        last = line;
        if (done(p)) return p;
        if (performance.now() > deadline) throw new Error(`Timed out in ${label}: ${line}`);
        await sleep(500);
      }
    };

    const memory = new MemorySampler(stack.watched).start();
    ctx.log(`starting the campaign over ${o.recipients} recipients`);
    const t0 = performance.now();
    const started = await call<Progress>('POST', `/campaigns/${created.id}/start`, admin);
    const tStarted = performance.now();
    await waitFor((p) => p.progress.casesCreated >= started.recipients && p.fannedOutAt !== null, 'fan-out');
    const tFannedOut = performance.now();
    const afterFanOut = memory.sample();

    const ids = (
      await stack.sql<{ id: string }>('SELECT id FROM campaign_visits WHERE campaign_id = $1 ORDER BY id', [created.id])
    ).map((r) => r.id);
    const visitedAt = new Date().toISOString();
    for (let i = 0; i < ids.length; i += o.confirmBatch) {
      const confirmations = ids.slice(i, i + o.confirmBatch).map((visitId) => ({
        visitId,
        proofSha256: createHash('sha256').update(`receipt ${visitId}`).digest('hex'),
        visitedAt,
        kind: 'cash',
      }));
      const res = await call<{ confirmed: number }>('POST', `/campaigns/${created.id}/visits/confirmations`, admin, {
        confirmations,
      });
      if (res.confirmed !== confirmations.length)
        problems.push(`confirmed ${res.confirmed} of ${confirmations.length}`);
    }
    const tConfirmed = performance.now();
    const done = await waitFor((p) => (p.progress.counts.paid ?? 0) >= started.recipients, 'payment');
    const tPaid = performance.now();
    const completed = await waitFor((p) => p.status === 'completed', 'completion');
    const tCompleted = performance.now();
    const peaks = memory.stop();

    // Correctness: every visit paid exactly once by the bank.
    const payments = stack.bank.payments.filter((p) => p.applicationId === `campaign-${created.id}`);
    const perInstruction = new Map<string, number>();
    for (const p of payments) perInstruction.set(p.instructionId, (perInstruction.get(p.instructionId) ?? 0) + 1);
    if (perInstruction.size !== started.recipients || [...perInstruction.values()].some((n) => n !== 1)) {
      problems.push(
        `the bank holds ${payments.length} payments for ${perInstruction.size} visits of ${started.recipients}`,
      );
    }
    if (done.progress.counts.paid !== started.recipients) {
      problems.push(`${done.progress.counts.paid} of ${started.recipients} visits paid`);
    }
    if (completed.status !== 'completed') problems.push(`campaign status ${completed.status}`);

    const s = (ms: number): number => Math.round(ms / 100) / 10;
    const rate = (n: number, ms: number): number => Math.round((n * 1000 * 10) / ms) / 10;
    const apiWorker = stack.separateProcesses ? (peaks.api ?? 0) + (peaks.worker ?? 0) : peaks['api+worker'];
    figures = {
      recipients: started.recipients,
      startSeconds: s(tStarted - t0),
      fanOutSeconds: s(tFannedOut - t0),
      fanOutCasesPerS: rate(started.recipients, tFannedOut - t0),
      confirmSeconds: s(tConfirmed - tFannedOut),
      paymentSeconds: s(tPaid - tConfirmed),
      paymentsPerS: rate(started.recipients, tPaid - tConfirmed),
      completionSeconds: s(tPaid - t0),
      campaignCompletedSeconds: s(tCompleted - t0),
      bankPayments: payments.length,
      peakMemoryMb: peaks,
      memoryAfterFanOutMb: Object.fromEntries(Object.entries(afterFanOut).map(([k, v]) => [k, Math.round(v)])),
      peakApiPlusWorkerMb: apiWorker,
    };
    rows = [
      ['start (draw recipients, reserve budget)', `${s(tStarted - t0)} s`, ''],
      [
        'fan-out: start -> every case created',
        `${s(tFannedOut - t0)} s`,
        `${rate(started.recipients, tFannedOut - t0)} cases/s`,
      ],
      [
        'confirm every visit, in bulk',
        `${s(tConfirmed - tFannedOut)} s`,
        `${rate(started.recipients, tConfirmed - tFannedOut)} visits/s`,
      ],
      [
        'payment: confirmed -> every visit paid',
        `${s(tPaid - tConfirmed)} s`,
        `${rate(started.recipients, tPaid - tConfirmed)} payments/s`,
      ],
      ['completion: start -> every visit paid', `${s(tPaid - t0)} s`, ''],
      ['campaign marked completed after', `${s(tCompleted - t0)} s`, completed.status],
      ...Object.entries(peaks).map(([k, v]) => [
        `peak memory: ${k}`,
        `${v} MB`,
        k === 'postgres' ? 'PSS of all backends' : 'RSS',
      ]),
      ['peak memory: API + worker', `${apiWorker} MB`, ''],
    ];
  } finally {
    await stack.stop();
  }
  const result: BenchResult = {
    scenario: 'campaign',
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    load: { before: loadBefore, after: load() },
    versions: versions(),
    options: { ...o },
    figures,
    notes: [],
  };
  const header = ['phase', 'time / size', 'rate'];
  const text = table(header, rows);
  const md = [
    markdownHeader(
      `Benchmark: campaign (送温暖, ${o.recipients} recipients)`,
      result,
      `npm run bench -- campaign --recipients ${o.recipients}`,
    ),
    markdownTable(header, rows),
    '',
    problems.length ? `Correctness problems: ${problems.join('; ')}` : 'Correctness: every visit paid exactly once.',
    '',
  ].join('\n');
  const files = ctx.resultsDir ? await writeResult(result, md, ctx.resultsDir) : null;
  return { result, table: text, markdown: md, problems, files };
}
