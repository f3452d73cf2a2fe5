import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { staircase } from '../lib/load';
import { cpuDelta, cpuReading, MemorySampler } from '../lib/proc';
import { load } from '../lib/results';
import { nodeArgs } from '../lib/stack';
import type { BenchStack } from '../lib/stack';
import { metricsDelta, scrapeMetrics } from '../lib/temporal-server';
import { LimitDriver } from '../limit/limit-driver';
import { createLimitWorker } from '../limit/limit-worker';
import type { ScenarioContext } from './scenario';
import { waitForPoller } from '../lib/stack';
import type { ThroughputOptions } from './throughput';
import type { SideFigures } from './throughput-report';

export async function runLimit(
  stack: BenchStack,
  o: ThroughputOptions,
  ctx: ScenarioContext,
  problems: string[],
): Promise<SideFigures> {
  const taskQueue = `${stack.env.TEMPORAL_TASK_QUEUE}-limit`;
  const watched = stack.watched.filter((w) => w.name === 'temporal');
  let stopWorker: () => Promise<void>;
  if (ctx.servers) {
    const { worker, connection } = await createLimitWorker(stack.temporalAddress, taskQueue, o.maxCachedWorkflows);
    const running = worker.run();
    stopWorker = async () => {
      worker.shutdown();
      await running;
      await connection.close();
    };
  } else {
    const child = spawn(
      process.execPath,
      [
        ...nodeArgs(join(__dirname, '..', 'limit', 'limit-worker')),
        stack.temporalAddress,
        taskQueue,
        String(o.maxCachedWorkflows),
      ],
      { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' } },
    );
    watched.unshift({ name: 'limit worker', pid: child.pid!, tree: false });
    stopWorker = () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
  }
  watched.push({ name: 'bench driver', pid: process.pid, tree: false });
  try {
    await waitForPoller(stack.temporalAddress, taskQueue);
    const driver = await LimitDriver.connect(stack.temporalAddress, taskQueue);
    const memory = new MemorySampler(watched.filter((w) => w.name !== 'bench driver' || !ctx.servers)).start();
    let cpuBefore: Record<string, number> = {};
    let cpuAfter: Record<string, number> = {};
    let metricsBefore = {};
    let metricsAfter = {};
    try {
      const res = await staircase(driver, {
        rates: o.rates,
        stepSeconds: o.stepSeconds,
        sustainSeconds: o.sustainSeconds,
        drainSeconds: o.drainSeconds,
        load1: () => load()[0],
        log: ctx.log,
        onSustainStart: async () => {
          metricsBefore = await scrapeMetrics(stack.metricsUrl);
          cpuBefore = cpuReading(watched);
        },
        onSustainEnd: async () => {
          cpuAfter = cpuReading(watched);
          metricsAfter = await scrapeMetrics(stack.metricsUrl);
        },
      });
      const results = await driver.results();
      if (res.openAfterDrain > 0) problems.push(`limit: ${res.openAfterDrain} cases still open after the drain`);
      if (driver.started.length === 0) problems.push('limit: no case was started');
      if (results.length !== driver.started.length || results.some((r) => r !== 3)) {
        problems.push(
          `limit: ${results.filter((r) => r === 3).length} of ${driver.started.length} workflows completed with 3 decisions` +
            ` (errors: ${JSON.stringify(driver.errors)})`,
        );
      }
      const completedInWindow = res.sustain?.completed ?? 0;
      const cpuSeconds = cpuDelta(cpuBefore, cpuAfter);
      await driver.close();
      return {
        ramp: res.steps,
        sustain: res.sustain,
        openAfterDrain: res.openAfterDrain,
        drainSeconds: res.drainSeconds,
        errors: driver.errors,
        cpuSeconds,
        cpuMsPerCase: Object.fromEntries(
          Object.entries(cpuSeconds).map(([k, v]) => [
            k,
            completedInWindow ? Math.round((v * 1000) / completedInWindow) : 0,
          ]),
        ),
        peakMemoryMb: memory.stop(),
        temporalService: metricsDelta(metricsBefore, metricsAfter, 'service'),
        temporalPersistence: metricsDelta(metricsBefore, metricsAfter, 'persistence'),
        cases: driver.started.length,
        completed: completedInWindow,
      };
    } finally {
      memory.stop();
    }
  } finally {
    await stopWorker();
  }
}
