import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { createApi } from '../../apps/api/src/create-api';
import { createWorker } from '../../apps/worker/src/create-worker';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { loadConfig } from '../../libs/config/src';
import { runMigrations } from '../../libs/database/src/migrate';
import { bundleWorkflows } from '../bundle-workflows';
import { startEmbeddedPostgres } from '../lib/embedded-postgres';
import { freePort } from '../lib/free-port';
import { formatDuration, formatRate } from '../lib/progress';
import { projectRoot } from '../lib/project-root';
import { ensureSearchAttributes } from '../lib/search-attributes';
import { DEMO_PASSWORD, seedDemoData } from '../lib/seed';
import { seedCampaignData } from '../lib/seed-campaigns';
import { ensureTemporalCli } from '../lib/temporal-cli';
import { startTemporalDevServer } from '../lib/temporal-dev-server';
import { LocalTestBank } from '../lib/test-bank';

/**
 * `npm run bench:campaign -- --recipients 10000`: a winter-warmth campaign over N front-line workers on a stack of
 * its own (embedded PostgreSQL, a Temporal dev server, the worker and the API in this process, the local test bank).
 * Prints how long the fan-out (start -> every case created) and the completion (-> every visit paid) took, the
 * throughput and the peak memory. A benchmark, not a test: it asserts only that every visit was paid exactly once.
 */

const USAGE = `Usage: npm run bench:campaign -- [--recipients N] [--confirm-batch N] [--amount CNY]
  --recipients     recipients of the campaign (default 10000)
  --confirm-batch  confirmations per bulk request (default 250, at most 500: the API's JSON body limit is 100 KB)
  --amount         CNY per recipient (default 48: the annual report's 480,400 CNY over 10,000 workers)
`;

const say = (m: string): void => {
  process.stderr.write(`[bench] ${m}\n`);
};

interface Progress {
  status: string;
  recipients: number;
  fannedOutAt: string | null;
  completedAt: string | null;
  progress: { casesCreated: number; counts: Record<string, number> };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      recipients: { type: 'string', default: '10000' },
      'confirm-batch': { type: 'string', default: '250' },
      amount: { type: 'string', default: '48' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const recipients = Number(values.recipients);
  const batch = Math.min(500, Number(values['confirm-batch']));
  const amount = Number(values.amount);
  if (!Number.isInteger(recipients) || recipients < 1 || !Number.isInteger(batch) || batch < 1 || !(amount > 0)) {
    process.stderr.write(USAGE);
    process.exitCode = 2;
    return;
  }

  const stoppers: Array<() => Promise<unknown>> = [];
  const scratch = mkdtempSync(join(tmpdir(), 'aidflow-bench-'));
  chmodSync(scratch, 0o755); // PostgreSQL runs as the `postgres` user when run as root
  stoppers.push(() => Promise.resolve(rmSync(scratch, { recursive: true, force: true })));
  Runtime.install({ logger: new DefaultLogger('WARN') });
  try {
    say('starting PostgreSQL and the Temporal dev server');
    const [pg, temporal, bundlePath] = await Promise.all([
      startEmbeddedPostgres({
        dataDir: join(scratch, 'postgres'),
        port: await freePort(),
        persistent: false,
        database: 'aidflow_bench',
        log: say,
      }),
      (async () =>
        startTemporalDevServer({
          cliPath: await ensureTemporalCli(join(projectRoot(), '.cache'), say),
          port: await freePort(),
          log: say,
        }))(),
      bundleWorkflows(join(scratch, 'workflow-bundle.js')),
    ]);
    stoppers.unshift(() => pg.stop());
    stoppers.unshift(() => temporal.stop());
    const connection = await Connection.connect({ address: temporal.address });
    await ensureSearchAttributes(connection, 'default');
    await connection.close();

    await runMigrations(pg.url);
    const year = new Date().getUTCFullYear();
    await seedDemoData(pg.url, { years: [year] });
    const db = new PgClient({ connectionString: pg.url });
    await db.connect();
    stoppers.unshift(() => db.end());
    await seedCampaignData(db, { years: [year] });
    const [{ n: existing }] = (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM frontline_workers WHERE active')
    ).rows;
    const groups = ['water', 'heating', 'sanitation', 'hospitals', 'police', 'customs'];
    await db.query(
      `INSERT INTO frontline_workers (name, group_code, org_unit_id)
       SELECT '职工' || i, ($2::text[])[1 + i % 6], (SELECT id FROM org_units WHERE kind = 'grassroots'
                                                     ORDER BY code OFFSET i % 4 LIMIT 1)
       FROM generate_series(1, $1::int) AS i`,
      [Math.max(0, recipients - existing), groups],
    );
    if (existing > recipients) {
      await db.query(
        `UPDATE frontline_workers SET active = false
         WHERE id IN (SELECT id FROM frontline_workers ORDER BY id LIMIT $1)`,
        [existing - recipients],
      );
    }
    // Enough budget on the envelope for any size of run.
    const budget = Math.ceil(recipients * amount);
    await db.query(
      `UPDATE budget_envelopes SET allocated_fen = greatest(allocated_fen, $1)
       WHERE funding_source = 'union_funds' AND year = $2
         AND program_id = (SELECT id FROM programs WHERE code = 'winter-warmth')`,
      [budget * 100, year],
    );

    const bank = new LocalTestBank();
    const bankUrl = await bank.start();
    stoppers.unshift(() => bank.stop());
    const apiPort = await freePort();
    const config = loadConfig({
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: 'aidflow-bench',
      JWT_SECRET: randomBytes(32).toString('hex'),
      PAYLOAD_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      PAYLOAD_KEY_CURRENT: 'bench',
      PAYMENT_BANK_URL: bankUrl,
      API_PORT: String(apiPort),
      LOG_LEVEL: 'warn',
    });
    const workerContext = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { archive: false }), {
      logger: false,
    });
    stoppers.unshift(() => workerContext.close());
    const { worker, connection: workerConnection } = await createWorker(workerContext, {
      workflowBundlePath: bundlePath,
    });
    const running = worker.run();
    stoppers.unshift(async () => {
      worker.shutdown();
      await running;
      await workerConnection.close();
    });
    const api = await createApi(config, false);
    await api.listen(apiPort, '127.0.0.1');
    stoppers.unshift(() => api.close());
    const base = `http://127.0.0.1:${apiPort}`;

    const call = async <T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> => {
      const res = await fetch(`${base}${path}`, {
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
      code: `bench-${recipients}`,
      name: `送温暖 benchmark, ${recipients} recipients`,
      program: 'winter-warmth',
      year,
      fundingSource: 'union_funds',
      budget,
      targetGroups: [{ kind: 'frontline', amount }],
    });
    const status = (): Promise<Progress> => call<Progress>('GET', `/campaigns/${created.id}`, admin);
    const waitFor = async (done: (p: Progress) => boolean, label: string): Promise<Progress> => {
      let last = '';
      for (;;) {
        const p = await status();
        const line = `${label}: created ${p.progress.casesCreated}/${p.recipients}, ${JSON.stringify(p.progress.counts)}`;
        if (line !== last) say(line);
        last = line;
        if (done(p)) return p;
        await new Promise((r) => setTimeout(r, 500));
      }
    };

    say(`starting the campaign over ${recipients} recipients`);
    const t0 = performance.now();
    const started = await call<Progress>('POST', `/campaigns/${created.id}/start`, admin);
    const tStarted = performance.now();
    await waitFor((p) => p.progress.casesCreated >= started.recipients && p.fannedOutAt !== null, 'fan-out');
    const tFannedOut = performance.now();
    say(`fan-out took ${((tFannedOut - t0) / 1000).toFixed(1)} s`);

    say('confirming every visit in bulk');
    const ids = (
      await db.query<{ id: string }>('SELECT id FROM campaign_visits WHERE campaign_id = $1 ORDER BY id', [created.id])
    ).rows.map((r) => r.id);
    const visitedAt = new Date().toISOString();
    for (let i = 0; i < ids.length; i += batch) {
      const confirmations = ids.slice(i, i + batch).map((visitId) => ({
        visitId,
        proofSha256: createHash('sha256').update(`receipt ${visitId}`).digest('hex'),
        visitedAt,
        kind: 'cash',
      }));
      const res = await call<{ confirmed: number }>('POST', `/campaigns/${created.id}/visits/confirmations`, admin, {
        confirmations,
      });
      if (res.confirmed !== confirmations.length)
        throw new Error(`Confirmed ${res.confirmed} of ${confirmations.length}`);
    }
    const tConfirmed = performance.now();
    say(`confirmations took ${((tConfirmed - tFannedOut) / 1000).toFixed(1)} s`);
    const done = await waitFor((p) => p.progress.counts.paid >= started.recipients, 'payment');
    const tPaid = performance.now();
    const completed = await waitFor((p) => p.status === 'completed', 'completion');
    const tCompleted = performance.now();

    const payments = bank.payments.filter((p) => p.applicationId === `campaign-${created.id}`);
    const distinct = new Set(payments.map((p) => p.instructionId)).size;
    if (payments.length !== started.recipients || distinct !== started.recipients) {
      throw new Error(`The bank holds ${payments.length} payments for ${distinct} visits of ${started.recipients}`);
    }
    const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    const rate = (n: number, ms: number): string => formatRate((n * 1000) / ms);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const out = [
      `campaign benchmark: ${started.recipients} recipients, ${amount} CNY each, confirmations in batches of ${batch}`,
      `  start (draw recipients, reserve budget)   ${seconds(tStarted - t0)}`,
      `  fan-out   start -> all cases created      ${seconds(tFannedOut - t0)}  (${rate(started.recipients, tFannedOut - t0)})`,
      `  confirm   all visits, bulk                ${seconds(tConfirmed - tFannedOut)}  (${rate(started.recipients, tConfirmed - tFannedOut)})`,
      `  payment   confirmed -> all paid           ${seconds(tPaid - tConfirmed)}  (${rate(started.recipients, tPaid - tConfirmed)})`,
      `  completion start -> all paid              ${seconds(tPaid - t0)}  (${formatDuration(tPaid - t0)})`,
      `  campaign marked completed after           ${seconds(tCompleted - t0)} (status ${completed.status})`,
      `  bank payments ${payments.length} for ${distinct} visits (paid ${done.progress.counts.paid}); ` +
        `bank requests ${bank.requests.length}`,
      `  peak RSS of this process (API + worker)   ${peakRssMb.toFixed(0)} MB`,
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    for (const stop of stoppers) {
      await stop().catch((err: unknown) => say(`stopping: ${err instanceof Error ? err.message : String(err)}`));
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
