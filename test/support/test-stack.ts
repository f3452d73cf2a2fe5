import { randomBytes } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Worker } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import { createApi } from '../../apps/api/src/create-api';
import { createWorker } from '../../apps/worker/src/create-worker';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { ApplicationsModule } from '../../libs/applications/src';
import { AuditReviewModule } from '../../libs/audit-review/src';
import type { Principal } from '../../libs/auth/src';
import { AuthModule } from '../../libs/auth/src';
import { BudgetModule } from '../../libs/budget/src';
import { CalendarModule } from '../../libs/calendar/src';
import { ConfigModule, loadConfig } from '../../libs/config/src';
import type { AppConfig } from '../../libs/config/src';
import { DatabaseModule } from '../../libs/database/src';
import { RegistriesModule } from '../../libs/registries/src';
import { TemporalModule } from '../../libs/temporal/src';
import { freePort } from '../../scripts/lib/free-port';
import { MailSink } from '../../scripts/lib/mail-sink';
import { LocalSmsGateway } from '../../scripts/lib/sms-gateway';
import { LocalTestBank } from '../../scripts/lib/test-bank';
import { testEnvironment } from '../setup/test-env';
import { TEST_PAYLOAD_KEY_ENV } from './test-payload-keys';
import { createTestDatabase } from './test-database';
import type { TestDatabase } from './test-database';

/** The domain services without HTTP, for workflow tests that drive the real services. */
@Module({})
class ServicesModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ServicesModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        TemporalModule,
        AuthModule,
        ApplicationsModule,
        AuditReviewModule,
        BudgetModule,
        CalendarModule,
        RegistriesModule,
      ],
    };
  }
}

export interface TestStack {
  config: AppConfig;
  /** The variables `config` was loaded from: for tools that read their own configuration (the audit CLI). */
  env: Readonly<Record<string, string>>;
  db: TestDatabase;
  mail: MailSink;
  /** The local SMS gateway the worker texts to (SMS_GATEWAY_URL); `failNext` / `rejectNext` make it fail. */
  sms: LocalSmsGateway;
  /**
   * The local test bank the worker pays through (PAYMENT_BANK_URL, client timeout 1 s); `failNext`, `timeoutNext`,
   * `answerTwiceNext`, `rejectNext` make it misbehave.
   */
  bank: LocalTestBank;
  /** Nest context of the services (ApplicationsService, ApplicationWorkflowClient, ...). */
  services: INestApplicationContext;
  /** Set when started with `http: true`. */
  api: INestApplication | null;
  baseUrl: string | null;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  principal(username: string): Promise<Principal>;
  stop(): Promise<void>;
}

/**
 * Real parts for one test file: its own database (cloned template), its own task queue on the shared Temporal dev
 * server, an in-process Worker with the real activities, a real SMTP sink, a real (local) SMS gateway, and optionally
 * the HTTP API.
 */
export async function startTestStack(options: { http?: boolean } = {}): Promise<TestStack> {
  quietTemporalLogs();
  const env = testEnvironment();
  const db = await createTestDatabase();
  const mail = new MailSink();
  const smtpPort = await freePort();
  await mail.start(smtpPort);
  const sms = new LocalSmsGateway();
  const smsGatewayUrl = await sms.start();
  const bank = new LocalTestBank();
  bank.timeoutDelayMs = 2_000;
  const bankUrl = await bank.start();
  const apiPort = options.http ? await freePort() : 3000;
  const configEnv: Record<string, string> = {
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: env.temporalAddress,
    TEMPORAL_TASK_QUEUE: `test-${randomBytes(6).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...TEST_PAYLOAD_KEY_ENV,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMS_GATEWAY_URL: smsGatewayUrl,
    PAYMENT_BANK_URL: bankUrl,
    PAYMENT_BANK_TIMEOUT_MS: '1000',
    API_PORT: String(apiPort),
    LOG_LEVEL: 'warn',
  };
  const config = loadConfig(configEnv);

  const workerContext = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { archive: false }), {
    logger: false,
  });
  const { worker, connection } = await createWorker(workerContext, { workflowBundlePath: env.workflowBundlePath });
  const running = worker.run();
  await waitRunning(worker);

  let api: INestApplication | null = null;
  let services: INestApplicationContext;
  let baseUrl: string | null = null;
  if (options.http) {
    api = await createApi(config, false);
    await api.listen(apiPort, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${apiPort}`;
    services = api;
  } else {
    services = await NestFactory.createApplicationContext(ServicesModule.forRoot(config), { logger: false });
  }

  const pg = new PgClient({ connectionString: db.url });
  await pg.connect();
  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await pg.query(text, params)).rows as T[];

  return {
    config,
    env: configEnv,
    db,
    mail,
    sms,
    bank,
    services,
    api,
    baseUrl,
    sql,
    principal: async (username) => {
      const [u] = await sql<{
        id: string;
        display_name: string;
        role: Principal['role'];
        org_unit_id: string | null;
        approval_level: number | null;
      }>('SELECT id, display_name, role, org_unit_id, approval_level FROM users WHERE username = $1', [username]);
      if (!u) throw new Error(`No seeded user ${username}`);
      return {
        userId: u.id,
        username,
        displayName: u.display_name,
        role: u.role,
        orgUnitId: u.org_unit_id,
        approvalLevel: u.approval_level,
      };
    },
    stop: async () => {
      await services.close();
      worker.shutdown();
      await running;
      await connection.close();
      await workerContext.close();
      await pg.end();
      await mail.stop();
      await sms.stop();
      await bank.stop();
      await db.drop();
    },
  };
}

let runtimeInstalled = false;
function quietTemporalLogs(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

async function waitRunning(worker: Worker): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (worker.getState() !== 'RUNNING') {
    if (Date.now() > deadline) throw new Error(`Worker did not start: ${worker.getState()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls until `check` returns a value that is not undefined; for projections that activities write. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
