import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../../scripts/lib/free-port';

/**
 * The real product for the browser tests, as `npm start` runs it (dist/scripts/start.js: embedded PostgreSQL,
 * migrations, demo data, a Temporal dev server, mail sink, SMS gateway, test bank, worker, API serving the built web
 * app), on free ports and in a data folder of its own, so it runs next to a developer's `npm start` and a jest run.
 */
export interface BrowserStack {
  baseUrl: string;
  stop(): Promise<void>;
}

const READY = /aidflow is running/;
const START_TIMEOUT_MS = 6 * 60_000;

/**
 * Starts the stack, on new free ports again when one of them was taken between asking the kernel for it and binding
 * it (another process, or one of the stack's own outgoing connections using it as its local port): up to 3 times.
 */
export async function startBrowserStack(root: string, log: (line: string) => void): Promise<BrowserStack> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(root, log);
    } catch (err) {
      const taken = err instanceof Error && /is already in use/.test(err.message);
      if (!taken || attempt >= 3) throw err;
      log(`[browser tests] a port was taken meanwhile; starting again on new ports (attempt ${attempt + 1})`);
    }
  }
}

async function startOnce(root: string, log: (line: string) => void): Promise<BrowserStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aidflow-web-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as the `postgres` user when the tests run as root
  const ports: Record<string, number> = {};
  for (const name of [
    'API_PORT',
    'AIDFLOW_PG_PORT',
    'AIDFLOW_TEMPORAL_PORT',
    'AIDFLOW_TEMPORAL_UI_PORT',
    'AIDFLOW_SMTP_SINK_PORT',
    'AIDFLOW_MAIL_UI_PORT',
    'AIDFLOW_SMS_GATEWAY_PORT',
    'AIDFLOW_TEST_BANK_PORT',
  ]) {
    ports[name] = await freePort();
  }
  const env: NodeJS.ProcessEnv = { ...process.env, AIDFLOW_DATA_DIR: dataDir, NO_COLOR: '1' };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_HOST', 'SMS_GATEWAY_URL', 'PAYMENT_BANK_URL']) {
    delete env[name]; // everything embedded, whatever the calling shell has set
  }
  for (const [name, port] of Object.entries(ports)) env[name] = String(port);
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', join(root, 'scripts', 'register-dist-paths.js'), join(root, 'dist', 'scripts', 'start.js')],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const tail: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the stack did not start in ${START_TIMEOUT_MS / 1000} s`)),
      START_TIMEOUT_MS,
    );
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 80) tail.shift();
      if (process.env.WEB_TEST_VERBOSE) log(line);
      if (READY.test(line)) {
        clearTimeout(timer);
        resolve();
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the stack exited before it was ready (code ${code}):\n${tail.join('\n')}`));
    });
  }).catch((err: unknown) => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  const baseUrl = `http://127.0.0.1:${ports.API_PORT}`;
  log(`[browser tests] stack up at ${baseUrl} (data ${dataDir})`);
  return {
    baseUrl,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT'); // start.js stops API, worker, sinks, Temporal and PostgreSQL in order
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
