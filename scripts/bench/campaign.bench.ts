import 'reflect-metadata';
import { join } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { projectRoot } from '../lib/project-root';
import { runScenario } from './bench';

/**
 * `npm run bench:campaign -- --recipients 10000`: kept for its old command line; the same as
 * `npm run bench -- campaign` (scripts/bench/scenarios/campaign.ts), which times the fan-out, the confirmations
 * and the payments of a winter-warmth campaign and samples the peak memory of every process of its own stack.
 */
async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const out = await runScenario(
    'campaign',
    {
      log: (m) => process.stderr.write(`[bench] ${m}\n`),
      resultsDir: join(projectRoot(), 'bench', 'results'),
    },
    process.argv.slice(2),
  );
  process.stdout.write(`${out.table}\n`);
  if (out.files) process.stdout.write(`written: ${out.files.json}\n`);
  if (out.problems.length) {
    process.stdout.write(`CORRECTNESS PROBLEMS:\n${out.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
