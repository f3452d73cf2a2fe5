import { performance } from 'node:perf_hooks';
import { offer } from '../lib/load';
import { MemorySampler } from '../lib/proc';
import { ProductDriver } from '../lib/product-driver';
import { load, machine, markdownHeader, versions, writeResult } from '../lib/results';
import type { BenchResult } from '../lib/results';
import { startBenchStack } from '../lib/stack';
import { markdownTable, sleep, table } from '../lib/stats';
import type { ScenarioContext, ScenarioOutput } from './scenario';

/**
 * memory: files hardship cases over HTTP and leaves them waiting at level 1 (nobody approves), then reads the
 * resident memory of every process at each checkpoint (1,000 and 10,000 open cases by default) once the cases'
 * tasks are open and the stack is quiet. The cost of one more waiting case is the slope between checkpoints.
 */
export interface MemoryOptions {
  /** Open cases at which memory is read, ascending. */
  checkpoints: number[];
  /** Cases filed per second. */
  rate: number;
  maxCachedWorkflows: number;
  /** Quiet time before each reading, s. */
  settleSeconds: number;
}

export const MEMORY_DEFAULTS: MemoryOptions = {
  checkpoints: [1000, 10_000],
  rate: 60,
  maxCachedWorkflows: 2000,
  settleSeconds: 10,
};

export async function runMemory(ctx: ScenarioContext, o: MemoryOptions): Promise<ScenarioOutput> {
  const startedAt = new Date().toISOString();
  const loadBefore = load();
  const problems: string[] = [];
  const stack = await startBenchStack({
    log: ctx.log,
    servers: ctx.servers,
    workerEnv: { WORKER_MAX_CACHED_WORKFLOWS: String(o.maxCachedWorkflows) },
  });
  const readings: Array<{ open: number; memoryMb: Record<string, number>; fileSeconds: number }> = [];
  try {
    const sampler = new MemorySampler(stack.watched);
    readings.push({ open: 0, memoryMb: round(sampler.sample()), fileSeconds: 0 });
    const driver = new ProductDriver(stack.apiBase, { pollMs: 1000, maxDecisionsInFlightPerApprover: 0 });
    await driver.login();
    for (const target of o.checkpoints) {
      const t0 = performance.now();
      const missing = target - driver.ids.length;
      if (missing > 0) await offer(driver, o.rate, (missing / o.rate) * 1000 + 1000, { count: missing });
      while (driver.ids.length < target) await driver.fire();
      // Every case waits at level 1 with its task open.
      const deadline = Date.now() + 300_000;
      let open = 0;
      for (;;) {
        [{ n: open }] = await stack.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM approval_tasks WHERE status = 'open' AND level = 1
           AND application_id = ANY($1::uuid[])`,
          [driver.ids],
        );
        if (open >= driver.ids.length || Date.now() > deadline) break;
        await sleep(500);
      }
      if (open !== driver.ids.length) problems.push(`${open} of ${driver.ids.length} cases waiting at level 1`);
      const fileSeconds = Math.round((performance.now() - t0) / 100) / 10;
      await sleep(o.settleSeconds * 1000);
      const memoryMb = round(sampler.sample());
      readings.push({ open: driver.ids.length, memoryMb, fileSeconds });
      ctx.log(`${driver.ids.length} open cases: ${JSON.stringify(memoryMb)} (filed in ${fileSeconds} s)`);
    }
    if (Object.keys(driver.errors).length) problems.push(`errors while filing: ${JSON.stringify(driver.errors)}`);
  } finally {
    await stack.stop();
  }
  const names = Object.keys(readings[0]?.memoryMb ?? {});
  const slope: Record<string, number | null> = {};
  const [a, b] = readings.slice(-2);
  for (const n of names) {
    slope[n] =
      a && b && b.open > a.open
        ? Math.round(((b.memoryMb[n] - a.memoryMb[n]) * 1024 * 10) / (b.open - a.open)) / 10
        : null;
  }
  const result: BenchResult = {
    scenario: 'memory',
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    load: { before: loadBefore, after: load() },
    versions: versions(),
    options: { ...o },
    figures: { readings, kbPerMoreWaitingCase: slope, between: a && b ? [a.open, b.open] : null },
    notes: [
      'Memory is the resident set of each process now (RSS), of PostgreSQL the PSS sum of all its processes.',
      `The worker caches at most ${o.maxCachedWorkflows} workflows (WORKER_MAX_CACHED_WORKFLOWS); evicted cases replay when an approver acts.`,
    ],
  };
  const header = ['open cases', ...names.map((n) => `${n} MB`), 'filed in s'];
  const rows: Array<Array<string | number | null>> = [
    ...readings.map((r) => [r.open, ...names.map((n) => r.memoryMb[n] ?? null), r.fileSeconds]),
    [`KB per more case (${a?.open ?? '-'} -> ${b?.open ?? '-'})`, ...names.map((n) => slope[n]), ''],
  ];
  const md = [
    markdownHeader(
      'Benchmark: memory (open cases waiting for approvers)',
      result,
      `npm run bench -- memory --checkpoints ${o.checkpoints.join(',')}`,
    ),
    markdownTable(header, rows),
    '',
    ...result.notes.map((n) => `- ${n}`),
    '',
    problems.length
      ? `Correctness problems: ${problems.join('; ')}`
      : 'Correctness: every case filed waits at level 1 with its task open.',
    '',
  ].join('\n');
  const files = ctx.resultsDir ? await writeResult(result, md, ctx.resultsDir) : null;
  return { result, table: table(header, rows), markdown: md, problems, files };
}

function round(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v)]));
}
