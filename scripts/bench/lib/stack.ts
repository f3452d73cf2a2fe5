import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { createApi } from '../../../apps/api/src/create-api';
import { createWorker } from '../../../apps/worker/src/create-worker';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { loadConfig } from '../../../libs/config/src';
import type { AppConfig } from '../../../libs/config/src';
import { runMigrations } from '../../../libs/database/src/migrate';
import { bundleWorkflows } from '../../bundle-workflows';
import { startEmbeddedPostgres } from '../../lib/embedded-postgres';
import type { RunningPostgres } from '../../lib/embedded-postgres';
import { freePort } from '../../lib/free-port';
import { MailSink } from '../../lib/mail-sink';
import { projectRoot } from '../../lib/project-root';
import { ensureSearchAttributes } from '../../lib/search-attributes';
import { seedDemoData } from '../../lib/seed';
import { LocalSmsGateway } from '../../lib/sms-gateway';
import { ensureTemporalCli } from '../../lib/temporal-cli';
import { LocalTestBank } from '../../lib/test-bank';
import { findDescendantRoots } from './proc';
import type { Watched } from './proc';
import { startBenchTemporal } from './temporal-server';

/**
 * The stack a scenario runs on. From the command line (`npm run bench`), a stack of its own the way the test setup
 * starts one: an embedded PostgreSQL, a Temporal dev server, the workflow bundle, migrations and the demo data, the
 * local test bank, and the worker and the API as two child processes as `npm start` runs them (so each has its own
 * RSS, CPU time and, with `cpuProfDir`, CPU profile). Under jest (`servers` given) it uses the test run's Temporal
 * server and a cloned test database, and runs the worker and the API in the test's process: the tiny runs check
 * correctness only, and a stack of their own would cost half a minute each.
 */
export interface StackOptions {
  log: (message: string) => void;
  /** The jest run's servers: skip starting our own, run the worker and the API in this process. */
  servers?: { temporalAddress: string; databaseUrl: string; workflowBundlePath: string };
  /** Write a V8 CPU profile of the API and of the worker into this folder (`--cpu-prof`). */
  cpuProfDir?: string;
  /** Load pg_stat_statements (a restart of the embedded PostgreSQL with shared_preload_libraries). */
  pgStatStatements?: boolean;
  /** More variables for the worker (WORKER_MAX_CACHED_WORKFLOWS, ...). */
  workerEnv?: Record<string, string>;
}

export interface BenchStack {
  config: AppConfig;
  env: Record<string, string>;
  temporalAddress: string;
  metricsUrl: string | null;
  databaseUrl: string;
  workflowBundlePath: string;
  apiBase: string;
  bank: LocalTestBank;
  /** The processes to measure: api, worker, temporal, postgres (or one `api+worker` under jest). */
  watched: Watched[];
  /** True when the API and the worker are child processes of their own. */
  separateProcesses: boolean;
  pgStatStatements: boolean;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Stops the API and the worker (their CPU profiles are written then); the servers stay up. */
  stopApps(): Promise<void>;
  stop(): Promise<void>;
}

/** Big enough envelopes for any run: the bench files thousands of 5,000 CNY cases. */
const BENCH_ENVELOPE_FEN = 1_000_000_000_000;

export async function startBenchStack(options: StackOptions): Promise<BenchStack> {
  const { log } = options;
  const stoppers: Array<() => Promise<unknown>> = [];
  const stop = async (): Promise<void> => {
    for (const s of stoppers) {
      await s().catch((err: unknown) => log(`stopping: ${err instanceof Error ? err.message : String(err)}`));
    }
    stoppers.length = 0;
  };
  try {
    return await start(options, stoppers, stop);
  } catch (err) {
    await stop();
    throw err;
  }
}

async function start(
  options: StackOptions,
  stoppers: Array<() => Promise<unknown>>,
  stop: () => Promise<void>,
): Promise<BenchStack> {
  const { log } = options;
  const watched: Watched[] = [];
  let temporalAddress: string;
  let metricsUrl: string | null = null;
  let databaseUrl: string;
  let workflowBundlePath: string;
  let pgStat = false;
  const year = new Date().getUTCFullYear();

  if (options.servers) {
    ({ temporalAddress, databaseUrl, workflowBundlePath } = options.servers);
  } else {
    const scratch = mkdtempSync(join(tmpdir(), 'aidflow-bench-'));
    chmodSync(scratch, 0o755); // PostgreSQL runs as the `postgres` user when run as root
    stoppers.unshift(() => Promise.resolve(rmSync(scratch, { recursive: true, force: true })));
    log('starting PostgreSQL and the Temporal dev server, bundling the workflows');
    const pgPort = await freePort();
    const startPg = (): Promise<RunningPostgres> =>
      startEmbeddedPostgres({
        dataDir: join(scratch, 'postgres'),
        port: pgPort,
        persistent: true,
        database: 'aidflow_bench',
        log,
      });
    const [pgFirst, temporal, bundlePath] = await Promise.all([
      startPg(),
      (async () => startBenchTemporal(await ensureTemporalCli(join(projectRoot(), '.cache'), log), log))(),
      bundleWorkflows(join(scratch, 'workflow-bundle.js')),
    ]);
    let pg = pgFirst;
    stoppers.unshift(() => temporal.stop());
    temporalAddress = temporal.address;
    metricsUrl = temporal.metricsUrl;
    workflowBundlePath = bundlePath;
    watched.push({ name: 'temporal', pid: temporal.pid, tree: false });
    if (options.pgStatStatements) {
      // Needs shared_preload_libraries, i.e. a restart; the binaries of embedded-postgres ship the module.
      const admin = new PgClient({ connectionString: pg.adminUrl });
      await admin.connect();
      await admin.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
      await admin.query(`ALTER SYSTEM SET pg_stat_statements.max = 10000`);
      await admin.end();
      await pg.stop();
      pg = await startPg();
    }
    stoppers.unshift(() => pg.stop());
    databaseUrl = pg.url;
    const [pgRoot] = findDescendantRoots(process.pid, 'postgres');
    if (pgRoot) watched.push({ name: 'postgres', pid: pgRoot, tree: true });
    const connection = await Connection.connect({ address: temporalAddress });
    await ensureSearchAttributes(connection, 'default');
    await connection.close();
    await runMigrations(databaseUrl);
    // As the test suite seeds: no public-notice window (a "completed" case is approved at 3 levels and paid, not
    // waiting 5 working days), several hardship cases per household and year (the bench files thousands).
    await seedDemoData(databaseUrl, { years: [year], notice: null, hardshipManyCasesPerYear: true });
  }

  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  stoppers.unshift(() => db.end());
  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await db.query(text, params)).rows as T[];
  if (!options.servers && options.pgStatStatements) {
    try {
      await sql('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      pgStat = true;
    } catch (err) {
      log(`pg_stat_statements not loadable: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  await sql(
    `UPDATE budget_envelopes SET allocated_fen = greatest(allocated_fen, $1)
     WHERE year = $2 AND program_id = (SELECT id FROM programs WHERE code = 'hardship-aid')`,
    [BENCH_ENVELOPE_FEN, year],
  );

  // What `npm start` runs next to the apps: the mail sink, the SMS gateway and the test bank.
  const bank = new LocalTestBank();
  const bankUrl = await bank.start();
  stoppers.unshift(() => bank.stop());
  const mail = new MailSink();
  const smtpPort = await freePort();
  await mail.start(smtpPort);
  stoppers.unshift(() => mail.stop());
  const sms = new LocalSmsGateway();
  const smsGatewayUrl = await sms.start();
  stoppers.unshift(() => sms.stop());
  const apiPort = await freePort();
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: `aidflow-bench-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PAYLOAD_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    PAYLOAD_KEY_CURRENT: 'bench',
    PAYMENT_BANK_URL: bankUrl,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMS_GATEWAY_URL: smsGatewayUrl,
    API_PORT: String(apiPort),
    API_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    WORKFLOW_BUNDLE_PATH: workflowBundlePath,
  };
  const config = loadConfig(env);
  const apiBase = `http://127.0.0.1:${apiPort}`;

  const appStoppers: Array<() => Promise<unknown>> = [];
  const stopApps = async (): Promise<void> => {
    for (const s of appStoppers.splice(0)) await s();
  };
  stoppers.unshift(stopApps);
  if (options.servers) {
    quietTemporalLogs();
    const workerContext = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(loadConfig({ ...env, ...options.workerEnv }), { archive: false }),
      { logger: false },
    );
    appStoppers.unshift(() => workerContext.close());
    const { worker, connection } = await createWorker(workerContext, { workflowBundlePath });
    const running = worker.run();
    appStoppers.unshift(async () => {
      worker.shutdown();
      await running;
      await connection.close();
    });
    await waitRunning(worker);
    const api: INestApplication = await createApi(config, false);
    await api.listen(apiPort, '127.0.0.1');
    appStoppers.unshift(() => api.close());
    watched.push({ name: 'api+worker', pid: process.pid, tree: false });
  } else {
    const worker = startApp('worker', { ...env, ...options.workerEnv }, options.cpuProfDir);
    appStoppers.unshift(() => stopApp(worker, 30_000));
    const api = startApp('api', env, options.cpuProfDir);
    appStoppers.unshift(() => stopApp(api, 15_000));
    await Promise.all([waitForPoller(temporalAddress, env.TEMPORAL_TASK_QUEUE), waitForHealth(apiBase, api)]);
    watched.unshift({ name: 'api', pid: api.pid!, tree: false }, { name: 'worker', pid: worker.pid!, tree: false });
  }
  log(`stack up: API ${apiBase}, Temporal ${temporalAddress}, task queue ${env.TEMPORAL_TASK_QUEUE}`);
  return {
    config,
    env,
    temporalAddress,
    metricsUrl,
    databaseUrl,
    workflowBundlePath,
    apiBase,
    bank,
    watched,
    separateProcesses: !options.servers,
    pgStatStatements: pgStat,
    sql,
    stopApps,
    stop,
  };
}

/** True when this code runs compiled (dist/), as `npm run bench` runs it. */
const compiled = __filename.endsWith('.js');

/** Node arguments that run `file` (a path without extension) compiled or, from source, through ts-node. */
export function nodeArgs(fileWithoutExt: string): string[] {
  const root = projectRoot();
  return compiled
    ? ['-r', join(root, 'scripts', 'register-dist-paths.js'), `${fileWithoutExt}.js`]
    : [
        '-r',
        require.resolve('ts-node/register/transpile-only'),
        '-r',
        require.resolve('tsconfig-paths/register'),
        `${fileWithoutExt}.ts`,
      ];
}

/**
 * Runs an app as `npm start` does (compiled, with the dist path aliases), or through ts-node when the bench itself
 * runs from source. With a profile folder the app exits through process.exit on SIGTERM so V8 writes the profile
 * (the API has no SIGTERM handler of its own; the worker's shuts it down gracefully first).
 */
function startApp(name: 'api' | 'worker', env: Record<string, string>, cpuProfDir?: string): ChildProcess {
  const root = projectRoot();
  const main = compiled
    ? join(root, 'dist', 'apps', name, 'src', 'main.js')
    : join(root, 'apps', name, 'src', 'main.ts');
  const loaders = compiled
    ? ['-r', join(root, 'scripts', 'register-dist-paths.js')]
    : ['-r', require.resolve('ts-node/register/transpile-only'), '-r', require.resolve('tsconfig-paths/register')];
  const prof = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir, '--cpu-prof-name', `${name}.cpuprofile`] : [];
  const exitHook =
    cpuProfDir && name === 'api' ? ['-r', join(__dirname, `exit-on-sigterm${compiled ? '.js' : '.ts'}`)] : [];
  const child = spawn(process.execPath, [...prof, ...loaders, ...exitHook, main], {
    cwd: root,
    env: { ...process.env, ...env, NO_COLOR: '1', TS_NODE_PROJECT: join(root, 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer): void => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  (child as ChildProcess & { output: () => string }).output = () => output;
  return child;
}

export function appOutput(child: ChildProcess): string {
  return (child as ChildProcess & { output?: () => string }).output?.() ?? '';
}

function stopApp(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Waits until a worker polls the task queue (at most 120 s). */
export async function waitForPoller(address: string, taskQueue: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const res = await connection.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: taskQueue },
        taskQueueType: 1, // workflow
      });
      if ((res.pollers ?? []).length > 0) return;
      if (Date.now() > deadline) throw new Error(`No worker polled ${taskQueue} within 120 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await connection.close();
  }
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The API exited (${child.exitCode}):\n${appOutput(child)}`);
    try {
      const res = await fetch(`${base}/health`);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The API did not answer within 120 s:\n${appOutput(child)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

let runtimeInstalled = false;
function quietTemporalLogs(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // installed already by another file of the same jest worker
  }
}

async function waitRunning(worker: Worker): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (worker.getState() !== 'RUNNING') {
    if (Date.now() > deadline) throw new Error(`Worker did not start: ${worker.getState()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
