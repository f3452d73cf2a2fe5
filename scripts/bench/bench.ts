import 'reflect-metadata';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { projectRoot } from '../lib/project-root';
import { CAMPAIGN_DEFAULTS, runCampaign } from './scenarios/campaign';
import { MEMORY_DEFAULTS, runMemory } from './scenarios/memory';
import { REPLAY_DEFAULTS, runReplay } from './scenarios/replay';
import type { ScenarioContext, ScenarioOutput } from './scenarios/scenario';
import { runThroughput, THROUGHPUT_DEFAULTS } from './scenarios/throughput';

/**
 * `npm run bench -- <scenario> [options]`: one entry for every benchmark (scripts/bench/README.md). Each scenario
 * starts a stack of its own, prints a table and writes `bench/results/<scenario>-<date>.{json,md}`.
 */
export const SCENARIOS = ['throughput', 'limit', 'campaign', 'replay', 'memory'] as const;
export type Scenario = (typeof SCENARIOS)[number];

const USAGE = `Usage: npm run bench -- <scenario> [options]
  throughput  aidflow under a rising load over HTTP, then the bare Temporal limit on the same dev server
              --rates 1,2,3,4,6,...  --step-seconds 15  --sustain-seconds 60  --drain-seconds 180  --poll-ms 250
              --max-cached 2000  --cpu-prof (V8 profiles of the API and the worker)  --no-limit
  limit       the bare Temporal limit alone (same options)
  campaign    a 送温暖 campaign: --recipients 10000  --confirm-batch 250  --amount 48  --max-cached 2000
  replay      record and replay closed histories in one process: --histories 1000  --record N (distinct cases,
              replayed in turn; default all)  --rate 15
  memory      RSS with open cases waiting: --checkpoints 1000,10000  --rate 60  --max-cached 2000  --settle-seconds 10
  Common: --results-dir DIR (default bench/results)
`;

const list = (v: string): number[] => v.split(',').map((x) => Number(x.trim()));

export async function runScenario(
  scenario: Scenario,
  ctx: ScenarioContext,
  argv: string[] = [],
): Promise<ScenarioOutput> {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      rates: { type: 'string' },
      'step-seconds': { type: 'string' },
      'sustain-seconds': { type: 'string' },
      'drain-seconds': { type: 'string' },
      'poll-ms': { type: 'string' },
      'max-cached': { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      'no-limit': { type: 'boolean' },
      recipients: { type: 'string' },
      'confirm-batch': { type: 'string' },
      amount: { type: 'string' },
      histories: { type: 'string' },
      record: { type: 'string' },
      rate: { type: 'string' },
      checkpoints: { type: 'string' },
      'settle-seconds': { type: 'string' },
      'results-dir': { type: 'string' },
    },
  });
  const num = (s: string | undefined, d: number): number => {
    if (s === undefined) return d;
    const n = Number(s);
    if (!Number.isFinite(n) || n < 0) throw new Error(`Not a number: ${s}\n${USAGE}`);
    return n;
  };
  switch (scenario) {
    case 'throughput':
    case 'limit': {
      const d = THROUGHPUT_DEFAULTS;
      return runThroughput(
        ctx,
        {
          rates: v.rates ? list(v.rates) : d.rates,
          stepSeconds: num(v['step-seconds'], d.stepSeconds),
          sustainSeconds: num(v['sustain-seconds'], d.sustainSeconds),
          drainSeconds: num(v['drain-seconds'], d.drainSeconds),
          pollMs: num(v['poll-ms'], d.pollMs),
          decisionsInFlightPerApprover: d.decisionsInFlightPerApprover,
          maxCachedWorkflows: num(v['max-cached'], d.maxCachedWorkflows),
          product: scenario === 'throughput',
          limit: !v['no-limit'],
          cpuProf: v['cpu-prof'] ?? false,
        },
        scenario,
      );
    }
    case 'campaign': {
      const d = CAMPAIGN_DEFAULTS;
      return runCampaign(ctx, {
        recipients: num(v.recipients, d.recipients),
        confirmBatch: Math.min(500, num(v['confirm-batch'], d.confirmBatch)),
        amount: num(v.amount, d.amount),
        maxCachedWorkflows: num(v['max-cached'], d.maxCachedWorkflows),
        timeoutSeconds: d.timeoutSeconds,
      });
    }
    case 'replay': {
      const d = REPLAY_DEFAULTS;
      const histories = num(v.histories, d.histories);
      return runReplay(ctx, {
        histories,
        record: num(v.record, histories),
        rate: num(v.rate, d.rate),
        pollMs: d.pollMs,
      });
    }
    case 'memory': {
      const d = MEMORY_DEFAULTS;
      return runMemory(ctx, {
        checkpoints: v.checkpoints ? list(v.checkpoints) : d.checkpoints,
        rate: num(v.rate, d.rate),
        maxCachedWorkflows: num(v['max-cached'], d.maxCachedWorkflows),
        settleSeconds: num(v['settle-seconds'], d.settleSeconds),
      });
    }
  }
}

async function main(): Promise<void> {
  const [scenario, ...rest] = process.argv.slice(2);
  if (!scenario || scenario === '--help' || scenario === '-h' || !SCENARIOS.includes(scenario as Scenario)) {
    process.stdout.write(USAGE);
    if (scenario && scenario !== '--help' && scenario !== '-h') process.exitCode = 2;
    return;
  }
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dirIndex = rest.indexOf('--results-dir');
  const resultsDir = dirIndex >= 0 ? rest[dirIndex + 1] : join(projectRoot(), 'bench', 'results');
  const started = Date.now();
  const out = await runScenario(
    scenario as Scenario,
    {
      log: (m) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`),
      resultsDir,
    },
    rest,
  );
  process.stdout.write(
    `\n${scenario} (${Math.round((Date.now() - started) / 1000)} s, load ${out.result.load.before.join(' ')} -> ${out.result.load.after.join(' ')})\n${out.table}\n`,
  );
  if (out.files) process.stdout.write(`\nwritten: ${out.files.json}\n         ${out.files.markdown}\n`);
  if (out.problems.length) {
    process.stdout.write(`\nCORRECTNESS PROBLEMS:\n${out.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
