import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeChart, throughputSvg } from '../lib/chart';
import { monotonicUs, summarizeProfile } from '../lib/cpu-profile';
import { staircase } from '../lib/load';
import type { StaircaseResult, StepFigure } from '../lib/load';
import { PgWaitSampler } from '../lib/pg-waits';
import type { WaitShare } from '../lib/pg-waits';
import { cpuDelta, cpuReading, MemorySampler } from '../lib/proc';
import { ProductDriver } from '../lib/product-driver';
import { load, machine, markdownHeader, versions, writeResult } from '../lib/results';
import type { BenchResult } from '../lib/results';
import { startBenchStack } from '../lib/stack';
import type { BenchStack } from '../lib/stack';
import { markdownTable, summarize, table } from '../lib/stats';
import { casesApprovedAndPaidOnce } from '../lib/checks';
import { metricsDelta, scrapeMetrics } from '../lib/temporal-server';
import type { ScenarioContext, ScenarioOutput } from './scenario';
import { fmtRecord, productMarkdown } from './throughput-report';
import type { ProductExtras, SideFigures } from './throughput-report';
import { runLimit } from './throughput-limit';

/**
 * throughput (P) and limit (L), in one invocation on one dev server: the product under a rising open-loop load of
 * hardship-aid cases (over HTTP, approvers polling their tasks), then the bare Temporal flow under the same
 * staircase. Prints P/L of the sustained completions and P - L of the p99 decision latency at the same offered load.
 */
export interface ThroughputOptions {
  /** Offered loads of the ramp, cases/s. */
  rates: number[];
  stepSeconds: number;
  /** The sustained window at the highest rate the ramp kept up with (>= 60 s for a figure). */
  sustainSeconds: number;
  drainSeconds: number;
  /** How often each simulated approver polls GET /tasks, ms. */
  pollMs: number;
  decisionsInFlightPerApprover: number;
  maxCachedWorkflows: number;
  product: boolean;
  limit: boolean;
  cpuProf: boolean;
}

export const THROUGHPUT_DEFAULTS: ThroughputOptions = {
  rates: [1, 2, 3, 4, 6, 8, 10, 12, 15, 18, 21, 25, 30, 36, 43, 50, 60, 70, 80],
  stepSeconds: 15,
  sustainSeconds: 60,
  drainSeconds: 180,
  pollMs: 250,
  decisionsInFlightPerApprover: 32,
  maxCachedWorkflows: 2000,
  product: true,
  limit: true,
  cpuProf: false,
};

export async function runThroughput(
  ctx: ScenarioContext,
  o: ThroughputOptions,
  scenario = 'throughput',
): Promise<ScenarioOutput> {
  const startedAt = new Date().toISOString();
  const loadBefore = load();
  const problems: string[] = [];
  const notes: string[] = [];
  const profDir = o.cpuProf && !ctx.servers ? mkdtempSync(join(tmpdir(), 'aidflow-bench-prof-')) : undefined;
  const stack = await startBenchStack({
    log: ctx.log,
    servers: ctx.servers,
    cpuProfDir: profDir,
    pgStatStatements: o.product,
    workerEnv: { WORKER_MAX_CACHED_WORKFLOWS: String(o.maxCachedWorkflows) },
  });
  let product: (SideFigures & ProductExtras) | null = null;
  let limit: SideFigures | null = null;
  try {
    if (o.product) product = await runProduct(stack, o, ctx, problems);
    await stack.stopApps();
    if (product && profDir) {
      for (const f of readdirSync(profDir)) {
        const name = f.replace(/\.cpuprofile$/, '');
        product.profiles[name] = summarizeProfile(join(profDir, f), profileWindow);
      }
      notes.push(`CPU profiles of the sustained window in ${profDir}`);
    }
    if (o.limit) limit = await runLimit(stack, o, ctx, problems);
  } finally {
    await stack.stop();
  }

  const P = product?.sustain?.completedPerS ?? null;
  const L = limit?.sustain?.completedPerS ?? null;
  const ratio = P !== null && L ? Math.round((P / L) * 1000) / 1000 : null;
  // p99 at the same offered load: the sustained rate of the product, from the limit's ramp step at that rate.
  const common = (product?.ramp ?? [])
    .map((p) => ({ p, l: limit?.ramp.find((l) => l.offeredPerS === p.offeredPerS) }))
    .filter((x): x is { p: StepFigure; l: StepFigure } => x.l !== undefined);
  const p99At = (rate: number | undefined) => {
    const c = common.find((x) => x.p.offeredPerS === rate);
    return c && c.p.latency.p99 !== null && c.l.latency.p99 !== null
      ? {
          offeredPerS: rate,
          product: c.p.latency.p99,
          limit: c.l.latency.p99,
          diff: Math.round((c.p.latency.p99 - c.l.latency.p99) * 10) / 10,
        }
      : null;
  };
  const p99Diff = p99At(product?.sustain?.offeredPerS);
  const sustainedP99Diff =
    product?.sustain?.latency.p99 != null && limit?.sustain?.latency.p99 != null
      ? Math.round((product.sustain.latency.p99 - limit.sustain.latency.p99) * 10) / 10
      : null;

  const result: BenchResult = {
    scenario,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    load: { before: loadBefore, after: load() },
    versions: versions(),
    options: { ...o },
    figures: {
      sustainedCompletedPerS: { product: P, limit: L, ratio },
      p99DecisionLatencyDiffMs: { atSameOfferedLoad: p99Diff, sustainedWindows: sustainedP99Diff },
      product,
      limit,
    },
    notes,
  };

  const rows = (side: string, f: SideFigures | null) =>
    (f ? [...f.ramp, ...(f.sustain ? [f.sustain] : [])] : []).map((s) => [
      side,
      s.phase,
      s.offeredPerS,
      s.startedPerS,
      s.completedPerS,
      s.backlog,
      s.latency.p50,
      s.latency.p95,
      s.latency.p99,
      s.load1,
    ]);
  const header = [
    'system',
    'phase',
    'offered/s',
    'started/s',
    'completed/s',
    'backlog',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'load1',
  ];
  const allRows = [...rows('aidflow', product), ...rows('limit', limit)];
  const summaryLines = [
    `sustained completed cases/s: aidflow ${P ?? '-'}, limit ${L ?? '-'}, P/L ${ratio ?? '-'}`,
    `p99 decision latency P - L at ${p99Diff?.offeredPerS ?? '-'} cases/s offered: ${p99Diff ? `${p99Diff.product} - ${p99Diff.limit} = ${p99Diff.diff} ms` : '-'}` +
      `; sustained windows: ${sustainedP99Diff ?? '-'} ms`,
  ];
  const text = `${table(header, allRows)}\n${summaryLines.join('\n')}`;

  let chart: string | null = null;
  if (ctx.resultsDir && product && limit) {
    const stamp = startedAt.slice(0, 16).replace(/:/g, '').replace('T', '-');
    const series = (f: SideFigures, pick: (s: StepFigure) => number | null) =>
      f.ramp.map((s) => ({ x: s.offeredPerS, y: pick(s) }));
    chart = writeChart(
      throughputSvg(
        [
          {
            name: 'aidflow (HTTP, approvers polling)',
            color: '#c0392b',
            points: series(product, (s) => s.completedPerS),
          },
          { name: 'limit (bare Temporal)', color: '#2c3e50', points: series(limit, (s) => s.completedPerS) },
        ],
        [
          { name: 'aidflow p99', color: '#c0392b', points: series(product, (s) => s.latency.p99) },
          { name: 'limit p99', color: '#2c3e50', points: series(limit, (s) => s.latency.p99) },
        ],
        `${startedAt.slice(0, 16)} UTC, ${result.machine.cores} cores, load ${loadBefore[0]} before / ${result.load.after[0]} after; ramp steps of ${o.stepSeconds} s`,
      ),
      join(ctx.resultsDir, `${scenario}-${stamp}`),
    );
    if (chart) notes.push(`chart: ${chart}`);
    else notes.push('no Chromium to rasterize the chart: SVG only');
  }

  const md = [
    markdownHeader(`Benchmark: ${scenario}`, result, `npm run bench -- ${scenario}`),
    summaryLines.map((l) => `- ${l}`).join('\n'),
    '',
    markdownTable(header, allRows),
    '',
    ...(chart ? [`![throughput and p99 against offered load](${chart.split('/').pop()})`, ''] : []),
    ...(product ? productMarkdown(product) : []),
    ...(limit
      ? [
          '## Limit',
          '',
          `- CPU ms per completed case: ${fmtRecord(limit.cpuMsPerCase)}`,
          `- errors: ${JSON.stringify(limit.errors)}`,
          '',
        ]
      : []),
    ...(problems.length
      ? ['## Correctness problems', '', ...problems.map((p) => `- ${p}`), '']
      : ['Correctness: every case completed, every case paid once.', '']),
  ].join('\n');
  const files = ctx.resultsDir ? await writeResult(result, md, ctx.resultsDir) : null;
  return { result, table: text, markdown: md, problems, files };
}

let profileWindow: { fromUs: number; toUs: number } | undefined;

async function runProduct(
  stack: BenchStack,
  o: ThroughputOptions,
  ctx: ScenarioContext,
  problems: string[],
): Promise<SideFigures & ProductExtras> {
  const driver = new ProductDriver(stack.apiBase, {
    pollMs: o.pollMs,
    maxDecisionsInFlightPerApprover: o.decisionsInFlightPerApprover,
  });
  await driver.login();
  driver.startApprovers();
  const watched = [
    ...stack.watched,
    ...(stack.separateProcesses ? [{ name: 'bench driver', pid: process.pid, tree: false }] : []),
  ];
  const memory = new MemorySampler(stack.watched).start();
  let cpuBefore: Record<string, number> = {};
  let cpuAfter: Record<string, number> = {};
  let metricsBefore = {};
  let metricsAfter = {};
  let pgTop: Array<Record<string, unknown>> = [];
  let pgTotals = { calls: 0, ms: 0 };
  let waits: PgWaitSampler | null = null;
  let pgWaits: WaitShare[] = [];
  let res: StaircaseResult;
  try {
    res = await staircase(driver, {
      rates: o.rates,
      stepSeconds: o.stepSeconds,
      sustainSeconds: o.sustainSeconds,
      drainSeconds: o.drainSeconds,
      load1: () => load()[0],
      log: ctx.log,
      onSustainStart: async () => {
        if (stack.pgStatStatements) await stack.sql('SELECT pg_stat_statements_reset()');
        metricsBefore = await scrapeMetrics(stack.metricsUrl);
        cpuBefore = cpuReading(watched);
        profileWindow = { fromUs: monotonicUs(), toUs: Number.MAX_SAFE_INTEGER };
        waits = new PgWaitSampler(stack).start();
      },
      onSustainEnd: async () => {
        profileWindow = { fromUs: profileWindow?.fromUs ?? 0, toUs: monotonicUs() };
        cpuAfter = cpuReading(watched);
        pgWaits = waits?.stop() ?? [];
        metricsAfter = await scrapeMetrics(stack.metricsUrl);
        if (stack.pgStatStatements) {
          pgTop = await stack.sql(
            `SELECT query, calls, round(mean_exec_time::numeric, 3) AS mean_ms, round(total_exec_time::numeric, 1) AS total_ms
             FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
             ORDER BY calls DESC LIMIT 15`,
          );
          const [t] = await stack.sql<{ calls: string; ms: string }>(
            `SELECT coalesce(sum(calls), 0) AS calls, coalesce(sum(total_exec_time), 0) AS ms FROM pg_stat_statements
             WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          );
          pgTotals = { calls: Number(t.calls), ms: Number(t.ms) };
        }
      },
    });
  } finally {
    await driver.stopApprovers();
  }
  const peakMemoryMb = memory.stop();
  const completedInWindow = res.sustain?.completed ?? 0;
  const cpuSeconds = cpuDelta(cpuBefore, cpuAfter);
  const cpuMsPerCase = Object.fromEntries(
    Object.entries(cpuSeconds).map(([k, v]) => [k, completedInWindow ? Math.round((v * 1000) / completedInWindow) : 0]),
  );

  // Correctness: every case filed was approved at its three levels and paid exactly once.
  if (res.openAfterDrain > 0) problems.push(`aidflow: ${res.openAfterDrain} cases still open after the drain`);
  if (driver.ids.length === 0) problems.push('aidflow: no case was filed');
  problems.push(...(await casesApprovedAndPaidOnce(stack, driver.ids, 'aidflow')));
  const ids = driver.ids;

  return {
    ramp: res.steps,
    sustain: res.sustain,
    openAfterDrain: res.openAfterDrain,
    drainSeconds: res.drainSeconds,
    errors: driver.errors,
    cpuSeconds,
    cpuMsPerCase,
    peakMemoryMb,
    temporalService: metricsDelta(metricsBefore, metricsAfter, 'service'),
    temporalPersistence: metricsDelta(metricsBefore, metricsAfter, 'persistence'),
    cases: ids.length,
    completed: completedInWindow,
    pgStatements: stack.pgStatStatements
      ? {
          callsPerCase: completedInWindow ? Math.round((pgTotals.calls / completedInWindow) * 10) / 10 : 0,
          execMsPerCase: completedInWindow ? Math.round((pgTotals.ms / completedInWindow) * 100) / 100 : 0,
          top: pgTop.map((r) => ({
            ...r,
            per_case: completedInWindow ? Math.round((Number(r.calls) / completedInWindow) * 10) / 10 : 0,
          })),
        }
      : null,
    profiles: {},
    pgWaits,
    submitLatency: summarize(driver.submits.map((s) => s.ms)),
    pollLatency: summarize(driver.polls.map((s) => s.ms)),
  };
}
