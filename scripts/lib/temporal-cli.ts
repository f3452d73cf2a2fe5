import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const GO_PACKAGE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

export type Log = (message: string) => void;

function runs(path: string): boolean {
  const result = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return result.status === 0;
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** Go's version as [major, minor], or null when Go is not installed. */
function goVersion(): [number, number] | null {
  const result = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8', timeout: 20_000 });
  if (result.status !== 0) return null;
  const match = /go(\d+)\.(\d+)/.exec(result.stdout);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

export const INSTALL_HELP = [
  'No Temporal CLI was found and none can be built here. Do one of:',
  '  - install the Temporal CLI (https://docs.temporal.io/cli) and put `temporal` on PATH, or set TEMPORAL_CLI_PATH;',
  `  - install Go >= 1.25, then this project builds it: go install ${GO_PACKAGE};`,
  '  - point the product at a running Temporal server with TEMPORAL_ADDRESS=host:port.',
].join('\n');

/**
 * Finds the Temporal CLI: TEMPORAL_CLI_PATH, then `temporal` on PATH, then the project's cache; builds it into the
 * cache with Go when none is found. Throws with install instructions when that is impossible too.
 */
export async function ensureTemporalCli(cacheDir: string, log: Log): Promise<string> {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!runs(fromEnv)) throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} is not a runnable Temporal CLI`);
    return fromEnv;
  }
  const found = onPath('temporal');
  if (found && runs(found)) return found;
  const binDir = join(cacheDir, 'bin');
  const cached = join(binDir, 'temporal');
  if (existsSync(cached) && runs(cached)) return cached;

  const go = goVersion();
  if (!go || go[0] < 1 || (go[0] === 1 && go[1] < 25)) {
    throw new Error(`${go ? `Go ${go.join('.')} is too old (need >= 1.25). ` : ''}${INSTALL_HELP}`);
  }
  mkdirSync(binDir, { recursive: true });
  log(
    `Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${binDir} (first time only; takes several minutes)...`,
  );
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('go', ['install', GO_PACKAGE], {
      env: {
        ...process.env,
        GOBIN: binDir,
        GOFLAGS: [process.env.GOFLAGS, '-buildvcs=false'].filter(Boolean).join(' '),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const ticker = setInterval(() => {
      const downloads = (output.match(/go: downloading/g) ?? []).length;
      log(
        `  ...still building the Temporal CLI (${Math.round((Date.now() - started) / 1000)} s, ${downloads} modules downloaded)`,
      );
    }, 15_000);
    child.on('error', (err) => {
      clearInterval(ticker);
      reject(err);
    });
    child.on('exit', (code) => {
      clearInterval(ticker);
      if (code === 0) resolve();
      else
        reject(new Error(`go install ${GO_PACKAGE} failed (exit ${code}):\n${output.slice(-3000)}\n\n${INSTALL_HELP}`));
    });
  });
  if (!runs(cached)) throw new Error(`The Temporal CLI was built but ${cached} does not run`);
  log(`Temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s: ${cached}`);
  return cached;
}
