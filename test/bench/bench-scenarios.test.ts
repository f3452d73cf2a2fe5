import { runScenario } from '../../scripts/bench/bench';
import type { Scenario } from '../../scripts/bench/bench';
import { testEnvironment } from '../setup/test-env';
import { createTestDatabase } from '../support/test-database';

/**
 * Every scenario of `npm run bench` once, at a tiny size, on this run's Temporal server and a database of its own:
 * the checks each scenario makes on its cases (every case completed, every visit paid once, every history replayed
 * clean) must find nothing. Speed is never asserted here: benchmarks print numbers, tests do not time things.
 */
const TINY: Record<Scenario, string[]> = {
  throughput: ['--rates', '2', '--step-seconds', '2', '--sustain-seconds', '1', '--drain-seconds', '60'],
  limit: ['--rates', '3', '--step-seconds', '2', '--sustain-seconds', '1', '--drain-seconds', '60'],
  campaign: ['--recipients', '12', '--confirm-batch', '5'],
  replay: ['--histories', '4', '--rate', '4'],
  memory: ['--checkpoints', '3,6', '--rate', '10', '--settle-seconds', '0'],
};

async function tiny(scenario: Scenario) {
  const env = testEnvironment();
  const db = await createTestDatabase();
  try {
    return await runScenario(
      scenario,
      {
        log: () => undefined,
        servers: {
          temporalAddress: env.temporalAddress,
          databaseUrl: db.url,
          workflowBundlePath: env.workflowBundlePath,
        },
        resultsDir: null,
      },
      TINY[scenario],
    );
  } finally {
    await db.drop();
  }
}

describe('benchmark scenarios at a tiny size (correctness, not speed)', () => {
  it('throughput: every case filed over HTTP is approved at three levels and paid once; the limit completes too', async () => {
    const out = await tiny('throughput');
    expect(out.problems).toEqual([]);
    const figures = out.result.figures as { product: { cases: number }; limit: { cases: number } };
    expect(figures.product.cases).toBeGreaterThan(0);
    expect(figures.limit.cases).toBeGreaterThan(0);
  }, 120_000);

  it('limit: every bare workflow completes with its three Updates answered', async () => {
    const out = await tiny('limit');
    expect(out.problems).toEqual([]);
    expect((out.result.figures as { limit: { cases: number } }).limit.cases).toBeGreaterThan(0);
  }, 60_000);

  it('campaign: every visit of a 12-recipient campaign is paid exactly once', async () => {
    const out = await tiny('campaign');
    expect(out.problems).toEqual([]);
    expect(out.result.figures).toMatchObject({ recipients: 12, bankPayments: 12 });
  }, 120_000);

  it('replay: the recorded closed histories replay clean in one process', async () => {
    const out = await tiny('replay');
    expect(out.problems).toEqual([]);
    expect(out.result.figures).toMatchObject({ histories: 4, failed: 0 });
  }, 120_000);

  it('memory: every case filed waits at level 1 with its task open', async () => {
    const out = await tiny('memory');
    expect(out.problems).toEqual([]);
    const readings = (out.result.figures as { readings: Array<{ open: number }> }).readings;
    expect(readings.map((r) => r.open)).toEqual([0, 3, 6]);
  }, 120_000);
});
