import 'tsconfig-paths/register'; // the global setup runs outside jest's module mapper
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { Client } from 'pg';
import { runMigrations } from '../../libs/database/src/migrate';
import { bundleWorkflows } from '../../scripts/bundle-workflows';
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres';
import { freePort } from '../../scripts/lib/free-port';
import { projectRoot } from '../../scripts/lib/project-root';
import { ensureSearchAttributes } from '../../scripts/lib/search-attributes';
import { seedDemoData } from '../../scripts/lib/seed';
import { ensureTemporalCli } from '../../scripts/lib/temporal-cli';
import { startTemporalDevServer } from '../../scripts/lib/temporal-dev-server';
import { publishTestEnvironment } from './test-env';

const say = (m: string): void => {
  process.stderr.write(`[test setup] ${m}\n`);
};

/** Stop functions for the teardown, kept on the global object of the jest parent process. */
export const STOPPERS = '__aidflowTestStoppers';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const stoppers: Array<() => Promise<void>> = [];
  (globalThis as Record<string, unknown>)[STOPPERS] = stoppers;
  const scratch = mkdtempSync(join(tmpdir(), 'aidflow-test-'));
  chmodSync(scratch, 0o755); // PostgreSQL runs as the `postgres` user when tests run as root

  const [temporalAddress, pg, workflowBundlePath] = await Promise.all([
    (async () => {
      if (process.env.TEMPORAL_ADDRESS) return process.env.TEMPORAL_ADDRESS;
      const cli = await ensureTemporalCli(join(projectRoot(), '.cache'), say);
      const server = await startTemporalDevServer({ cliPath: cli, port: await freePort(), log: say });
      stoppers.push(() => server.stop());
      return server.address;
    })(),
    (async () => {
      if (process.env.DATABASE_URL) {
        const url = new URL(process.env.DATABASE_URL);
        url.pathname = '/postgres';
        return { adminUrl: url.toString() };
      }
      const server = await startEmbeddedPostgres({
        dataDir: join(scratch, 'postgres'),
        port: await freePort(),
        persistent: false,
        database: 'postgres',
        log: say,
      });
      stoppers.push(() => server.stop());
      return { adminUrl: server.adminUrl };
    })(),
    bundleWorkflows(join(scratch, 'workflow-bundle.js')),
  ]);

  const connection = await Connection.connect({ address: temporalAddress });
  await ensureSearchAttributes(connection, 'default');
  await connection.close();

  // A migrated, seeded template; each test file clones it (CREATE DATABASE ... TEMPLATE).
  const templateDatabase = `aidflow_template_${process.pid}`;
  const admin = new Client({ connectionString: pg.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  await admin.end();
  const templateUrl = new URL(pg.adminUrl);
  templateUrl.pathname = `/${templateDatabase}`;
  await runMigrations(templateUrl.toString());
  const thisYear = new Date().getUTCFullYear();
  await seedDemoData(templateUrl.toString(), {
    years: [thisYear - 1, thisYear, thisYear + 1],
    notice: null,
    hardshipManyCasesPerYear: true,
  });
  stoppers.unshift(async () => {
    const c = new Client({ connectionString: pg.adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
    await c.end();
  });

  publishTestEnvironment({ temporalAddress, pgAdminUrl: pg.adminUrl, templateDatabase, workflowBundlePath });
  say(`Temporal ${temporalAddress}, PostgreSQL template ${templateDatabase}, ready in ${Date.now() - started} ms`);
}
