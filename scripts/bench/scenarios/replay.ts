import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { buildDataConverter } from '../../../libs/temporal/src';
import { casesApprovedAndPaidOnce } from '../lib/checks';
import { drain, offer } from '../lib/load';
import { ProductDriver } from '../lib/product-driver';
import { load, machine, markdownHeader, versions, writeResult } from '../lib/results';
import type { BenchResult } from '../lib/results';
import { startBenchStack } from '../lib/stack';
import { markdownTable, sleep, summarize, table } from '../lib/stats';
import type { ScenarioContext, ScenarioOutput } from './scenario';

/**
 * replay: records N closed histories of the product (hardship cases filed over HTTP, approved at three levels,
 * paid), then replays them all in this one process against the production bundle and data converter, the way
 * `npm run audit -- replay` and the invariant I5 do. Start-up (the replay worker and its first history) is
 * reported apart from the steady histories/s and the time per history.
 */
export interface ReplayOptions {
  histories: number;
  /**
   * Distinct cases recorded (default: as many as histories); with fewer, the recorded histories are replayed in
   * turn until `histories` replays are done (each replay is a fresh workflow run of the replay worker).
   */
  record: number;
  /** Cases filed per second while recording. */
  rate: number;
  pollMs: number;
}

export const REPLAY_DEFAULTS: ReplayOptions = { histories: 1000, record: 1000, rate: 15, pollMs: 250 };

export async function runReplay(ctx: ScenarioContext, o: ReplayOptions): Promise<ScenarioOutput> {
  const startedAt = new Date().toISOString();
  const loadBefore = load();
  const problems: string[] = [];
  const stack = await startBenchStack({ log: ctx.log, servers: ctx.servers });
  let figures: Record<string, unknown> = {};
  let rows: Array<Array<string | number | null>> = [];
  let histories: Array<{ workflowId: string; history: History }> = [];
  const connection = await Connection.connect({ address: stack.temporalAddress });
  try {
    // 1. Record: N cases through the product, to the end.
    const record = Math.min(o.record, o.histories);
    ctx.log(`recording ${record} closed histories (${o.rate} cases/s)`);
    const driver = new ProductDriver(stack.apiBase, { pollMs: o.pollMs, maxDecisionsInFlightPerApprover: 32 });
    await driver.login();
    driver.startApprovers();
    const tRecord = performance.now();
    try {
      await offer(driver, o.rate, (record / o.rate) * 1000 + 1000, { count: record });
      // A start refused under load leaves the offer short; top up to exactly N.
      for (let i = 0; driver.ids.length < record && i < record; i++) await driver.fire();
      const open = await drain(driver, 300);
      if (open > 0) problems.push(`${open} cases still open after 300 s`);
    } finally {
      await driver.stopApprovers();
    }
    const ids = driver.ids.slice(0, record);
    problems.push(...(await casesApprovedAndPaidOnce(stack, driver.ids, 'recording')));
    const client = new Client({ connection, namespace: 'default' });
    const deadline = Date.now() + 120_000;
    for (const id of ids) {
      const handle = client.workflow.getHandle(`application-${id}`);
      for (;;) {
        const d = await handle.describe();
        if (d.status.name !== 'RUNNING') {
          if (d.status.name !== 'COMPLETED') problems.push(`application-${id} closed ${d.status.name}`);
          break;
        }
        if (Date.now() > deadline) {
          problems.push(`application-${id} still running`);
          break;
        }
        await sleep(200);
      }
    }
    const recordSeconds = (performance.now() - tRecord) / 1000;
    ctx.log(`fetching ${ids.length} histories`);
    histories = [];
    for (let i = 0; i < ids.length; i += 16) {
      const batch = await Promise.all(
        ids.slice(i, i + 16).map(async (id) => {
          const workflowId = `application-${id}`;
          return { workflowId, history: await client.workflow.getHandle(workflowId).fetchHistory() };
        }),
      );
      histories.push(...batch);
    }
    const events = histories.map((h) => h.history.events?.length ?? 0);
    const recorded = histories;
    histories = Array.from({ length: o.histories }, (_, i) => recorded[i % recorded.length]);

    // 2. Replay them all in one process.
    ctx.log(`replaying ${histories.length} histories in this process`);
    const times: number[] = [];
    let failed = 0;
    const t0 = performance.now();
    let last = t0;
    for await (const r of Worker.runReplayHistories(
      { workflowBundle: { codePath: stack.workflowBundlePath }, dataConverter: buildDataConverter(stack.config) },
      histories,
    )) {
      const now = performance.now();
      times.push(now - last);
      last = now;
      if (r.error) {
        failed++;
        if (failed <= 3) problems.push(`replay of ${r.workflowId} failed: ${String(r.error).slice(0, 200)}`);
      }
    }
    const totalMs = performance.now() - t0;
    if (times.length !== histories.length) problems.push(`replayed ${times.length} of ${histories.length}`);
    const startupMs = times[0] ?? 0;
    const steady = times.slice(1);
    const steadyMs = steady.reduce((a, b) => a + b, 0);
    const perHistory = summarize(steady);
    const hps = steady.length && steadyMs > 0 ? Math.round((steady.length / (steadyMs / 1000)) * 10) / 10 : null;
    const overall = Math.round((times.length / (totalMs / 1000)) * 10) / 10;
    const ev = summarize(events);
    figures = {
      histories: histories.length,
      distinctHistories: recorded.length,
      eventsPerHistory: ev,
      recordSeconds: Math.round(recordSeconds * 10) / 10,
      startupPlusFirstHistoryMs: Math.round(startupMs),
      steadyHistoriesPerS: hps,
      overallHistoriesPerS: overall,
      perHistoryMs: perHistory,
      totalMs: Math.round(totalMs),
      failed,
      rssAfterReplayMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
    rows = [
      [
        'histories replayed',
        histories.length,
        `${recorded.length} distinct; events per history p50 ${ev.p50}, max ${ev.max}`,
      ],
      ['start-up + first history', `${Math.round(startupMs)} ms`, 'replay worker, bundle loaded into a V8 context'],
      ['steady histories/s', hps, `over histories 2..${histories.length}`],
      ['overall histories/s', overall, 'start-up included'],
      [
        'per history p50 / p95 / p99',
        `${perHistory.p50} / ${perHistory.p95} / ${perHistory.p99} ms`,
        `max ${perHistory.max} ms`,
      ],
      ['failed replays', failed, ''],
      ['recording (file, approve x3, pay, close)', `${Math.round(recordSeconds)} s`, `${o.rate} cases/s offered`],
    ];
  } finally {
    await connection.close();
    await stack.stop();
  }
  const result: BenchResult = {
    scenario: 'replay',
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    load: { before: loadBefore, after: load() },
    versions: versions(),
    options: { ...o },
    figures,
    notes: [
      'Replay runs in the bench process with the production bundle and payload codec (AES-GCM decryption included).',
    ],
  };
  const header = ['figure', 'value', 'note'];
  const md = [
    markdownHeader(
      `Benchmark: replay (${o.histories} closed histories, one process)`,
      result,
      `npm run bench -- replay --histories ${o.histories}`,
    ),
    markdownTable(header, rows),
    '',
    problems.length
      ? `Correctness problems: ${problems.join('; ')}`
      : 'Correctness: every case completed and paid; every history replayed clean.',
    '',
  ].join('\n');
  const files = ctx.resultsDir ? await writeResult(result, md, ctx.resultsDir) : null;
  return { result, table: table(header, rows), markdown: md, problems, files };
}
