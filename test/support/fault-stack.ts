import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { Client as PgClient } from 'pg';
import { Client } from '@temporalio/client';
import { createApi } from '../../apps/api/src/create-api';
import { InvariantsService } from '../../libs/audit-review/src';
import type { InvariantsReport } from '../../libs/audit-review/src';
import { loadConfig } from '../../libs/config/src';
import type { AppConfig } from '../../libs/config/src';
import { runMigrations } from '../../libs/database/src/migrate';
import { embeddedPostgresUrl } from '../../scripts/lib/embedded-postgres';
import { freePort } from '../../scripts/lib/free-port';
import { MailSink } from '../../scripts/lib/mail-sink';
import { projectRoot } from '../../scripts/lib/project-root';
import { seedDemoData } from '../../scripts/lib/seed';
import { LocalSmsGateway } from '../../scripts/lib/sms-gateway';
import { ensureTemporalCli } from '../../scripts/lib/temporal-cli';
import { startTemporalDevServer } from '../../scripts/lib/temporal-dev-server';
import type { DevServer } from '../../scripts/lib/temporal-dev-server';
import { LocalTestBank } from '../../scripts/lib/test-bank';
import { testEnvironment } from '../setup/test-env';
import { httpClient } from './http-client';
import type { HttpClient } from './http-client';
import { TEST_PAYLOAD_KEY_ENV } from './test-payload-keys';

/**
 * A stack whose parts can be hurt for real, for the fault suite (RELIABILITY.md): its own PostgreSQL (embedded, on a
 * data directory that survives a stop), its own Temporal dev server on a SQLite file (so a restart keeps every
 * history and timer), the worker as a child process (so it can be SIGKILLed or SIGTERMed), the HTTP API in this
 * process, and the local mail sink, SMS gateway and test bank. Every fault is injected on a real process.
 */
export interface FaultStack {
  config: AppConfig;
  env: Record<string, string>;
  baseUrl: string;
  http: HttpClient;
  mail: MailSink;
  sms: LocalSmsGateway;
  bank: LocalTestBank;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Starts a worker process (one at a time), with variables of its own if given; resolves once it polls. */
  startWorker(env?: Record<string, string>): Promise<void>;
  /** Sends the signal to the worker and waits for it to exit; returns how long that took (ms). */
  stopWorker(signal: 'SIGKILL' | 'SIGTERM'): Promise<number>;
  workerRunning(): boolean;
  /** The invariant checker of `npm run audit -- invariants` (I1-I5) over this stack. */
  invariants(): Promise<InvariantsReport>;
  /** How many workflow executions match a visibility query on this stack's own Temporal server. */
  workflowCount(query: string): Promise<number>;
  /** What the API logged as errors (5xx answers with their stacks), oldest first. */
  apiErrors: string[];
  /** The worker's output so far (the last 20,000 characters), for failure messages. */
  workerOutput(): string;
  stopTemporal(): Promise<void>;
  startTemporal(): Promise<void>;
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  stop(): Promise<void>;
}

const say = (m: string): void => {
  if (process.env.FAULTS_VERBOSE) process.stderr.write(`[fault stack] ${m}\n`);
};

export async function startFaultStack(options: { worker?: Record<string, string> } = {}): Promise<FaultStack> {
  const test = testEnvironment();
  const scratch = mkdtempSync(join(tmpdir(), 'aidflow-faults-'));
  chmodSync(scratch, 0o755); // PostgreSQL runs as the `postgres` user when tests run as root
  const pgPort = await freePort();
  const startPg = () => startPostgresProcess(join(scratch, 'postgres'), pgPort, 'aidflow');
  let pg: ChildProcess | null = await startPg();
  const databaseUrl = embeddedPostgresUrl(pgPort, 'aidflow');
  await runMigrations(databaseUrl);
  const thisYear = new Date().getUTCFullYear();
  await seedDemoData(databaseUrl, {
    years: [thisYear - 1, thisYear, thisYear + 1],
    notice: null,
    hardshipManyCasesPerYear: true,
  });

  const cliPath = await ensureTemporalCli(join(projectRoot(), '.cache'), say);
  const temporalPort = await freePort();
  const temporalDb = join(scratch, 'temporal.sqlite');
  const startServer = () => startTemporalDevServer({ cliPath, port: temporalPort, dbFile: temporalDb, log: say });
  let temporal: DevServer | null = await startServer();

  const mail = new MailSink();
  const smtpPort = await freePort();
  await mail.start(smtpPort);
  const sms = new LocalSmsGateway();
  const smsGatewayUrl = await sms.start();
  const bank = new LocalTestBank();
  const bankUrl = await bank.start();
  const apiPort = await freePort();
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `faults-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...TEST_PAYLOAD_KEY_ENV,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMS_GATEWAY_URL: smsGatewayUrl,
    PAYMENT_BANK_URL: bankUrl,
    PAYMENT_BANK_TIMEOUT_MS: '8000',
    API_PORT: String(apiPort),
    LOG_LEVEL: 'warn',
    WORKFLOW_BUNDLE_PATH: test.workflowBundlePath,
    WORKER_SHUTDOWN_GRACE_MS: '10000',
  };
  const config = loadConfig(env);

  let worker: ChildProcess | null = null;
  let output = '';
  const startWorker = async (workerEnv: Record<string, string> = {}): Promise<void> => {
    if (worker) throw new Error('A worker is running already');
    const root = projectRoot();
    const child = spawn(
      process.execPath,
      [
        '-r',
        require.resolve('ts-node/register/transpile-only'),
        '-r',
        require.resolve('tsconfig-paths/register'),
        join(root, 'apps', 'worker', 'src', 'main.ts'),
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          ...env,
          ...options.worker,
          ...workerEnv,
          TS_NODE_PROJECT: join(root, 'tsconfig.json'),
          NO_COLOR: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    worker = child;
    const ready = new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer): void => {
        output = (output + d.toString()).slice(-20_000);
        if (/Polling task queue|state: 'RUNNING'/.test(output)) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code, signal) => {
        if (worker === child) worker = null;
        reject(new Error(`The worker exited (${signal ?? code}) before it polled:\n${output}`));
      });
    });
    const timeout = setTimeout(() => child.kill('SIGKILL'), 90_000);
    try {
      await ready;
    } finally {
      clearTimeout(timeout);
    }
    say('worker polling');
  };
  const stopWorker = async (signal: 'SIGKILL' | 'SIGTERM'): Promise<number> => {
    const child = worker;
    if (!child) return 0;
    const started = Date.now();
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
    worker = null;
    return Date.now() - started;
  };

  await startWorker();
  const apiErrors: string[] = [];
  const apiLogger: LoggerService = {
    log: () => undefined,
    warn: () => undefined,
    error: (message: unknown, trace?: unknown) => {
      apiErrors.push(`${String(message)}${typeof trace === 'string' ? `\n${trace}` : ''}`);
    },
  };
  const api: INestApplication = await createApi(config, apiLogger);
  await api.listen(apiPort, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${apiPort}`;

  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    const client = new PgClient({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  return {
    config,
    env,
    baseUrl,
    http: httpClient(() => baseUrl),
    mail,
    sms,
    bank,
    sql,
    startWorker,
    stopWorker,
    workerRunning: () => worker !== null,
    invariants: () => api.get(InvariantsService).check(),
    workflowCount: async (query) => (await api.get(Client).workflow.count(query)).count,
    apiErrors,
    workerOutput: () => output,
    stopTemporal: async () => {
      await temporal?.stop();
      temporal = null;
    },
    startTemporal: async () => {
      temporal ??= await startServer();
    },
    stopPostgres: async () => {
      if (pg) await stopProcess(pg, 'SIGTERM');
      pg = null;
    },
    startPostgres: async () => {
      pg ??= await startPg();
    },
    stop: async () => {
      await stopWorker('SIGKILL');
      await api.close().catch(() => undefined);
      await temporal?.stop();
      if (pg) await stopProcess(pg, 'SIGTERM');
      await mail.stop();
      await sms.stop();
      await bank.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** The embedded PostgreSQL in its own process (test/support/postgres-process.ts); resolves once it is ready. */
async function startPostgresProcess(dataDir: string, port: number, database: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('ts-node/register/transpile-only'),
      join(__dirname, 'postgres-process.ts'),
      dataDir,
      String(port),
      database,
    ],
    {
      cwd: projectRoot(),
      env: { ...process.env, TS_NODE_PROJECT: join(projectRoot(), 'tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer): void => {
      output = (output + d.toString()).slice(-8000);
      if (/^READY /m.test(output)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited (${code}) before it was ready:\n${output}`)));
  });
  return child;
}

function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
