import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Connection } from '@temporalio/client';
import { runMigrations } from '../libs/database/src/migrate';
import { startEmbeddedPostgres } from './lib/embedded-postgres';
import type { RunningPostgres } from './lib/embedded-postgres';
import { portInUse } from './lib/free-port';
import { LOCAL_DEFAULTS, localDataDir, persistentJwtSecret, persistentPayloadKeys } from './lib/local-setup';
import { MailSink } from './lib/mail-sink';
import { projectRoot } from './lib/project-root';
import { ensureSearchAttributes } from './lib/search-attributes';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from './lib/seed';
import { LocalSmsGateway } from './lib/sms-gateway';
import { LocalTestBank } from './lib/test-bank';
import { ensureTemporalCli } from './lib/temporal-cli';
import { startTemporalDevServer, stopChild } from './lib/temporal-dev-server';
import type { DevServer } from './lib/temporal-dev-server';

/**
 * `npm start`: the whole product on embedded defaults. Database, migrations, demo data, Temporal, mail sink, SMS
 * gateway, test bank, worker, API, in that order; Ctrl-C stops everything in reverse. Every piece can be replaced by
 * a real one through its variable (DATABASE_URL, TEMPORAL_ADDRESS, SMTP_HOST, SMS_GATEWAY_URL, PAYMENT_BANK_URL).
 */

const root = projectRoot();
const env = process.env;
const dataDir = localDataDir(env);
const stamp = (): string => new Date().toISOString().slice(11, 19);
const say = (message: string): void => console.log(`${stamp()} [start] ${message}`);

const cleanups: Array<{ name: string; run: () => Promise<void> }> = [];
const children: ChildProcess[] = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('Stopping...');
    for (const { name, run } of cleanups.reverse()) {
      try {
        await run();
        say(`  stopped ${name}`);
      } catch (err) {
        say(`  ${name} did not stop cleanly: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  process.exit(code);
}

/** Scheme, host and port only: a gateway URL may carry a token in its path or query. */
function originOf(url: string, variable = 'SMS_GATEWAY_URL'): string {
  try {
    return new URL(url).origin;
  } catch {
    return `(unparsable ${variable})`;
  }
}

async function requireFreePort(port: number, what: string, variable: string): Promise<void> {
  if (await portInUse(port)) {
    throw new Error(
      `Port ${port} (${what}) is already in use: is aidflow already running? Stop it or set ${variable}.`,
    );
  }
}

/** Runs a compiled app as a child process with the product's path aliases, prefixing its output. */
function runApp(name: 'api' | 'worker', childEnv: NodeJS.ProcessEnv, readyPattern: RegExp): Promise<ChildProcess> {
  const main = join(root, 'dist', 'apps', name, 'src', 'main.js');
  const child = spawn(process.execPath, ['-r', join(root, 'scripts', 'register-dist-paths.js'), main], {
    cwd: root,
    env: { ...childEnv, ...(process.stdout.isTTY ? {} : { NO_COLOR: '1' }) },
    detached: true, // own process group: Ctrl-C reaches the launcher only, which stops API, then worker
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  cleanups.push({ name, run: () => stopChild(child, 15_000) });
  return new Promise((resolve, reject) => {
    let ready = false;
    const onLine = (line: string): void => {
      console.log(`${stamp()} [${name}] ${line}`);
      if (!ready && readyPattern.test(line)) {
        ready = true;
        resolve(child);
      }
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    createInterface({ input: child.stderr }).on('line', onLine);
    child.on('exit', (code, signal) => {
      if (!ready) reject(new Error(`${name} exited before it was ready (code ${code ?? signal})`));
      else if (!stopping) {
        say(`${name} exited unexpectedly (code ${code ?? signal}); stopping everything`);
        void shutdown(1);
      }
    });
  });
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  // Last resort if the launcher itself dies: take the detached children with it.
  process.on('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  say(`aidflow starting; data folder ${dataDir}`);

  // 1. Database.
  let databaseUrl = env.DATABASE_URL;
  if (databaseUrl) {
    say('Using DATABASE_URL');
  } else {
    const port = Number(env.AIDFLOW_PG_PORT ?? LOCAL_DEFAULTS.postgresPort);
    await requireFreePort(port, 'embedded PostgreSQL', 'AIDFLOW_PG_PORT');
    const pg: RunningPostgres = await startEmbeddedPostgres({
      dataDir: join(dataDir, 'postgres'),
      port,
      persistent: true,
      database: LOCAL_DEFAULTS.postgresDatabase,
      log: say,
    });
    cleanups.push({ name: 'PostgreSQL', run: () => pg.stop() });
    databaseUrl = pg.url;
    say(`Embedded PostgreSQL on 127.0.0.1:${port}`);
  }

  // 2. Migrations, then demo data (both idempotent).
  const applied = await runMigrations(databaseUrl);
  say(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date');
  await seedDemoData(databaseUrl);
  say('Demo data in place (org tree, users, hardship-aid program, standards, budget envelopes)');

  // 3. Temporal. Its Web UI decodes payloads through the API's codec endpoint (auditors and admins only).
  const apiPort = env.API_PORT ?? '3000';
  const apiUrl = env.API_PUBLIC_URL ?? `http://127.0.0.1:${apiPort}`;
  let codecCorsOrigin = env.CODEC_CORS_ORIGIN;
  let temporalAddress = env.TEMPORAL_ADDRESS;
  let temporalUi: string | null = env.TEMPORAL_UI_URL ?? null;
  const namespace = env.TEMPORAL_NAMESPACE ?? 'default';
  if (temporalAddress) {
    say(`Using the Temporal server at TEMPORAL_ADDRESS=${temporalAddress}`);
  } else {
    const port = Number(env.AIDFLOW_TEMPORAL_PORT ?? LOCAL_DEFAULTS.temporalPort);
    const uiPort = Number(env.AIDFLOW_TEMPORAL_UI_PORT ?? 8233);
    await requireFreePort(port, 'Temporal frontend', 'AIDFLOW_TEMPORAL_PORT');
    await requireFreePort(uiPort, 'Temporal Web UI', 'AIDFLOW_TEMPORAL_UI_PORT');
    const cliPath = await ensureTemporalCli(join(root, '.cache'), say);
    say(`Starting the Temporal dev server (${cliPath})`);
    const server: DevServer = await startTemporalDevServer({
      cliPath,
      port,
      uiPort,
      uiCodecEndpoint: `${apiUrl}/codec`,
      dbFile: join(dataDir, 'temporal', 'temporal.db'),
      namespace,
      detached: true,
      log: say,
    });
    cleanups.push({ name: 'Temporal dev server', run: () => server.stop() });
    temporalAddress = server.address;
    temporalUi = server.uiUrl;
    codecCorsOrigin ??= `http://127.0.0.1:${uiPort},http://localhost:${uiPort}`;
  }
  const connection = await Connection.connect({ address: temporalAddress });
  const added = await ensureSearchAttributes(connection, namespace);
  await connection.close();
  if (added.length) say(`Registered search attributes: ${added.join(', ')}`);

  // 4. Mail.
  let mailUi: string | null = null;
  const smtp = { host: env.SMTP_HOST, port: env.SMTP_PORT };
  if (!smtp.host) {
    const smtpPort = Number(env.AIDFLOW_SMTP_SINK_PORT ?? 2525);
    const httpPort = Number(env.AIDFLOW_MAIL_UI_PORT ?? 8025);
    await requireFreePort(smtpPort, 'SMTP sink', 'AIDFLOW_SMTP_SINK_PORT');
    await requireFreePort(httpPort, 'mail sink web page', 'AIDFLOW_MAIL_UI_PORT');
    const sink = new MailSink();
    await sink.start(smtpPort, httpPort);
    cleanups.push({ name: 'mail sink', run: () => sink.stop() });
    smtp.host = '127.0.0.1';
    smtp.port = String(smtpPort);
    mailUi = `http://127.0.0.1:${httpPort}`;
  }

  // 5. SMS: a local gateway that keeps the texts, unless a real one is configured.
  let smsGatewayUrl = env.SMS_GATEWAY_URL?.trim() || undefined;
  let smsUi: string | null = null;
  if (smsGatewayUrl) {
    say('Using the SMS gateway at SMS_GATEWAY_URL');
  } else {
    const smsPort = Number(env.AIDFLOW_SMS_GATEWAY_PORT ?? 8026);
    await requireFreePort(smsPort, 'local SMS gateway', 'AIDFLOW_SMS_GATEWAY_PORT');
    const gateway = new LocalSmsGateway();
    smsGatewayUrl = await gateway.start(smsPort);
    cleanups.push({ name: 'SMS gateway', run: () => gateway.stop() });
    smsUi = `http://127.0.0.1:${smsPort}`;
  }

  // 6. Payments: a local test bank that keeps the payments, unless a real bank is configured.
  let bankUrl = env.PAYMENT_BANK_URL?.trim() || undefined;
  let bankUi: string | null = null;
  if (bankUrl) {
    say('Paying through the bank at PAYMENT_BANK_URL');
  } else {
    const bankPort = Number(env.AIDFLOW_TEST_BANK_PORT ?? 8027);
    await requireFreePort(bankPort, 'local test bank', 'AIDFLOW_TEST_BANK_PORT');
    const bank = new LocalTestBank();
    bankUrl = await bank.start(bankPort);
    cleanups.push({ name: 'test bank', run: () => bank.stop() });
    bankUi = `http://127.0.0.1:${bankPort}`;
  }

  // 7. Worker, then API.
  await requireFreePort(Number(apiPort), 'API', 'API_PORT');
  const appEnv: NodeJS.ProcessEnv = {
    ...env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    SMTP_HOST: smtp.host,
    SMTP_PORT: smtp.port ?? '25',
    SMS_GATEWAY_URL: smsGatewayUrl,
    PAYMENT_BANK_URL: bankUrl,
    // Generated once into the data folder and reused, so tokens and histories of an earlier start stay valid.
    JWT_SECRET: persistentJwtSecret(dataDir, env),
    ...persistentPayloadKeys(dataDir, env),
    API_PORT: apiPort,
    ...(codecCorsOrigin ? { CODEC_CORS_ORIGIN: codecCorsOrigin } : {}),
  };
  say('Starting the worker (it bundles the workflow code first)');
  await runApp('worker', appEnv, /Polling task queue/);
  say('Starting the API');
  await runApp('api', appEnv, /Listening on/);

  const api = `http://127.0.0.1:${apiPort}`;
  const lines = [
    '',
    '  aidflow is running. Ctrl-C stops everything; data stays in ' + dataDir,
    '',
    `  API               ${api}`,
    `  OpenAPI docs      ${api}/docs`,
    `  Temporal Web UI   ${temporalUi ?? '(external server; set TEMPORAL_UI_URL to show it here)'}`,
    `  Payload codec     ${apiUrl}/codec (payloads are encrypted; auditors and admins decode, see docs/auditors.md)`,
    `  Mail sink         ${mailUi ?? `(external SMTP ${smtp.host}:${smtp.port})`}`,
    `  SMS gateway       ${smsUi ?? `(external gateway ${originOf(smsGatewayUrl)})`}`,
    `  Test bank         ${bankUi ?? `(external bank ${originOf(bankUrl, 'PAYMENT_BANK_URL')})`}`,
    '',
    `  Demo logins (password "${DEMO_PASSWORD}" for all):`,
    ...DEMO_USERS.map((u) => `    ${u.username.padEnd(20)} ${u.role.padEnd(9)} ${u.note}`),
    '',
    '  Walk-through: docs/walkthrough.md.',
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch(async (err: unknown) => {
  console.error(`\n${stamp()} [start] FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
  await shutdown(1);
});
