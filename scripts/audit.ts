import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Client as PgClient } from 'pg';
import {
  AuditReviewModule,
  AuditReviewService,
  HistoryArchiver,
  HistoryArchiveRepository,
  InvariantsService,
  ReplayService,
} from '../libs/audit-review/src';
import type {
  InvariantFinding,
  InvariantsPhase,
  InvariantsReport,
  RederivationReport,
  ReplaySummary,
} from '../libs/audit-review/src';
import type { VerifyReport } from '../libs/audit/src';
import { ApplicationException, ErrorCode } from '../libs/common/src';
import { ConfigModule, ConfigValidationError, loadConfig } from '../libs/config/src';
import type { AppConfig } from '../libs/config/src';
import { DatabaseModule } from '../libs/database/src';
import { LazyTemporalModule } from '../libs/temporal/src';
import { embeddedPostgresUrl } from './lib/embedded-postgres';
import { LOCAL_DEFAULTS, localDataDir, readJwtSecret, readPayloadKeys } from './lib/local-setup';
import { Progress } from './lib/progress';

/**
 * `npm run audit -- <command>`: the auditors' checks from the command line (the same services as the API's /audit
 * endpoints). Works next to a running `npm start` with no setup; see USAGE.
 */

export const USAGE = `Usage: npm run audit -- <command> [options]

The auditors' checks of the decision record.

Commands:
  verify                    Recompute the ledger's hash chains (per case and global); report the first broken link.
  replay                    Replay archived workflow histories against the current workflow code.
      --application <id>      one case
      --from <date>           cases submitted at or after this date (ISO 8601: 2026-01-01, 2026-01-01T08:00:00Z)
      --to <date>             cases submitted before this date
      --program <code>        cases of one program, e.g. hardship-aid
  archive                   Copy every closed workflow history not archived yet from Temporal into PostgreSQL.
  rederive <applicationId>  Recompute a case's tier, amount and routing; print recorded against recomputed.
      --source ledger|history the decision ledger (default) or the archived Temporal history (needs the keys)
  invariants                Check RELIABILITY.md's invariants I1-I5 over the running stack (Temporal and PostgreSQL):
                            every case terminal or waiting by design (I1); one execution, one decision per level and
                            round, one payment (I2); notifications once (I3); the projection equal to the workflow's
                            Query (I4); the ledger intact and the archived histories replaying clean (I5).
      --application <id>      one case
      --since <date>          cases submitted at or after this date
      --skip-replay           leave out replaying the archived histories (the slow part)

Options:
  --json                    Machine-readable output on stdout (progress and errors stay on stderr).
  -h, --help                This text.

Exit status: 0 intact, identical, matching, holding; 1 a broken link, a case that does not replay identically, a
re-derivation mismatch, or a violated invariant; 2 a bad command line or configuration; 3 could not complete
(database or Temporal unreachable, unknown application, invariants with cases Temporal did not answer for, ...).

Configuration: the variables of the apps (DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, PAYLOAD_KEYS,
PAYLOAD_KEY_CURRENT, WORKFLOW_BUNDLE_PATH, ...). Unset, they are what \`npm start\` runs: PostgreSQL on
127.0.0.1:AIDFLOW_PG_PORT (${LOCAL_DEFAULTS.postgresPort}), Temporal on 127.0.0.1:AIDFLOW_TEMPORAL_PORT (${LOCAL_DEFAULTS.temporalPort}), payload keys from
AIDFLOW_DATA_DIR (.data)/payload-keys. Only archive and invariants talk to Temporal; replay and invariants need the
worker's payload keys (invariants also a running worker, which answers the workflows' status Query).
`;

export const EXIT = { ok: 0, findings: 1, usage: 2, failed: 3 } as const;

export interface CliOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: CliOutput;
  stderr: CliOutput;
}

export type AuditCommand =
  | { name: 'help' }
  | { name: 'verify'; json: boolean }
  | { name: 'archive'; json: boolean }
  | { name: 'rederive'; json: boolean; applicationId: string; source: 'ledger' | 'history' }
  | { name: 'replay'; json: boolean; applicationId?: string; from?: Date; to?: Date; program?: string }
  | { name: 'invariants'; json: boolean; applicationId?: string; since?: Date; skipReplay: boolean };

const COMMANDS = ['verify', 'replay', 'archive', 'rederive', 'invariants'] as const;

/** A command line that cannot run: exit 2, with a message naming what is wrong (and the command, when known). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The message of an error, also of one from another realm (node's own errors, seen from a jest sandbox). */
function messageOf(err: unknown): string {
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(err);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A date (midnight UTC) or a timestamp with its time zone; null for anything else, including what `new Date` would
 * guess at (no time zone) or roll over (2026-02-30).
 */
export function parseIsoDate(value: string): Date | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(value);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Number.isNaN(date.getTime()) || month < 1 || month > 12 || day < 1 || day > daysInMonth ? null : date;
}

const OPTIONS = {
  common: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  replay: {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    application: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    program: { type: 'string' },
  },
  rederive: {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    source: { type: 'string' },
  },
  invariants: {
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    application: { type: 'string' },
    since: { type: 'string' },
    'skip-replay': { type: 'boolean' },
  },
} as const;

/** node's parseArgs, strict, its errors turned into usage errors that name the command and what it takes. */
function parseOptions<T extends (typeof OPTIONS)[keyof typeof OPTIONS]>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (err) {
    // The first sentence only: "Unknown option '--foo'", "Option '--from <value>' argument missing".
    const message = messageOf(err)
      .split(/\.\s|\n/)[0]
      .replace(/\.$/, '');
    const unknown = (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
    const known = Object.keys(options).map((o) => `--${o}`);
    throw new UsageError(unknown ? `${message} (${command} takes ${known.join(', ')})` : message, command);
  }
}

export function parseCommandLine(argv: readonly string[]): AuditCommand {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError(`missing command: one of ${COMMANDS.join(', ')}`);
  if (name === '--help' || name === '-h' || name === 'help') return { name: 'help' };
  if (name.startsWith('-')) {
    throw new UsageError(`the command (${COMMANDS.join(', ')}) comes first, before options like "${name}"`);
  }
  const unexpected = (argument: string | undefined): UsageError =>
    new UsageError(`unexpected argument "${argument}"`, name);
  switch (name) {
    case 'verify':
    case 'archive': {
      const { values, positionals } = parseOptions(name, rest, OPTIONS.common);
      if (values.help) return { name: 'help' };
      if (positionals.length) throw unexpected(positionals[0]);
      return { name, json: values.json ?? false };
    }
    case 'rederive': {
      const { values, positionals } = parseOptions(name, rest, OPTIONS.rederive);
      if (values.help) return { name: 'help' };
      if (positionals.length === 0) throw new UsageError('missing the application id', name);
      if (positionals.length > 1) throw unexpected(positionals[1]);
      if (!UUID.test(positionals[0])) {
        throw new UsageError(`the application id must be a uuid, got "${positionals[0]}"`, name);
      }
      const source = values.source ?? 'ledger';
      if (source !== 'ledger' && source !== 'history') {
        throw new UsageError(`--source must be "ledger" or "history", got "${source}"`, name);
      }
      return { name, json: values.json ?? false, applicationId: positionals[0], source };
    }
    case 'replay': {
      const { values, positionals } = parseOptions(name, rest, OPTIONS.replay);
      if (values.help) return { name: 'help' };
      if (positionals.length) throw unexpected(positionals[0]);
      const command: AuditCommand = { name, json: values.json ?? false };
      for (const option of ['from', 'to'] as const) {
        const value = values[option];
        if (value === undefined) continue;
        const date = parseIsoDate(value);
        if (!date) {
          throw new UsageError(
            `--${option} must be an ISO 8601 date, or a timestamp with a time zone (2026-01-01, 2026-01-01T08:00:00Z), got "${value}"`,
            name,
          );
        }
        command[option] = date;
      }
      if (command.from && command.to && command.from.getTime() >= command.to.getTime()) {
        throw new UsageError(`--from (${values.from}) must be before --to (${values.to})`, name);
      }
      if (values.program !== undefined) {
        if (!values.program.trim()) throw new UsageError('--program must name a program, e.g. hardship-aid', name);
        command.program = values.program.trim();
      }
      if (values.application !== undefined) {
        if (command.from || command.to || command.program) {
          throw new UsageError('--application replays one case: leave out --from, --to and --program', name);
        }
        if (!UUID.test(values.application)) {
          throw new UsageError(`--application must be an application id (a uuid), got "${values.application}"`, name);
        }
        command.applicationId = values.application;
      }
      return command;
    }
    case 'invariants': {
      const { values, positionals } = parseOptions(name, rest, OPTIONS.invariants);
      if (values.help) return { name: 'help' };
      if (positionals.length) throw unexpected(positionals[0]);
      const command: AuditCommand = { name, json: values.json ?? false, skipReplay: values['skip-replay'] ?? false };
      if (values.since !== undefined) {
        const since = parseIsoDate(values.since);
        if (!since) {
          throw new UsageError(
            `--since must be an ISO 8601 date, or a timestamp with a time zone (2026-01-01, 2026-01-01T08:00:00Z), got "${values.since}"`,
            name,
          );
        }
        command.since = since;
      }
      if (values.application !== undefined) {
        if (command.since) throw new UsageError('--application checks one case: leave out --since', name);
        if (!UUID.test(values.application)) {
          throw new UsageError(`--application must be an application id (a uuid), got "${values.application}"`, name);
        }
        command.applicationId = values.application;
      }
      return command;
    }
    default:
      throw new UsageError(`unknown command "${name}": the commands are ${COMMANDS.join(', ')}`);
  }
}

/**
 * The apps' variables, with what `npm start` runs filled in where they are unset: the embedded PostgreSQL, the
 * local Temporal dev server, the payload keys and JWT secret of the data folder.
 */
export function cliEnvironment(
  env: CliIo['env'],
  command: AuditCommand['name'],
  decodes = command === 'replay' || command === 'invariants',
): CliIo['env'] {
  const problems: string[] = [];
  const port = (variable: string, fallback: number): number => {
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 65535) {
      problems.push(`${variable} must be a port number, got "${raw}"`);
    }
    return value;
  };
  const dataDir = localDataDir(env);
  const filled = { ...env };
  if (!env.DATABASE_URL?.trim()) {
    const pgPort = port('AIDFLOW_PG_PORT', LOCAL_DEFAULTS.postgresPort);
    filled.DATABASE_URL = embeddedPostgresUrl(pgPort, LOCAL_DEFAULTS.postgresDatabase);
  }
  if (!env.TEMPORAL_ADDRESS?.trim()) {
    filled.TEMPORAL_ADDRESS = `127.0.0.1:${port('AIDFLOW_TEMPORAL_PORT', LOCAL_DEFAULTS.temporalPort)}`;
  }
  const keys = readPayloadKeys(dataDir, env);
  if (keys) {
    Object.assign(filled, keys);
  } else if (decodes) {
    problems.push(
      `PAYLOAD_KEYS is not set and ${join(dataDir, 'payload-keys')} does not exist: ${command} decodes the histories ` +
        'with the payload keys of the worker; set PAYLOAD_KEYS and PAYLOAD_KEY_CURRENT as the worker has them',
    );
  } else {
    // verify, rederive and archive never decode a payload (archive copies them still encrypted): any key will do.
    filled.PAYLOAD_KEYS = `unused:${randomBytes(32).toString('base64')}`;
    filled.PAYLOAD_KEY_CURRENT = 'unused';
  }
  // The tool issues no tokens; the apps' configuration still wants a secret.
  filled.JWT_SECRET = readJwtSecret(dataDir, env) ?? randomBytes(32).toString('hex');
  if (problems.length) throw new ConfigValidationError(problems);
  return filled;
}

/** The services behind the API's /audit endpoints; Temporal is only dialled when `archive` or `invariants` asks. */
@Module({})
class AuditCliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuditCliModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, LazyTemporalModule, AuditReviewModule],
    };
  }
}

/** An error to report as it is, with exit 3. */
class CannotComplete extends Error {}

const maskedUrl = (url: string): string => url.replace(/:[^:@/]*@/, ':***@');

/** Fails early with a message naming DATABASE_URL, rather than a stack trace from deep inside Nest. */
async function checkDatabase(url: string, defaulted: boolean): Promise<void> {
  const pg = new PgClient({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await pg.connect();
    await pg.query('SELECT 1 FROM ledger_entries LIMIT 0');
  } catch (err) {
    const hint = defaulted
      ? ' (the database of `npm start`: is it running? Set DATABASE_URL for another one)'
      : /ledger_entries/.test(messageOf(err))
        ? ' (run `npm run migrate` first)'
        : '';
    throw new CannotComplete(`cannot use the database at DATABASE_URL=${maskedUrl(url)}: ${messageOf(err)}${hint}`);
  } finally {
    await pg.end().catch(() => undefined);
  }
}

function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function progressOn(io: CliIo, label: string, everyItems: number): Progress {
  return new Progress({
    label,
    tty: io.stderr.isTTY === true,
    columns: io.stderr.columns,
    write: (text) => io.stderr.write(text),
    everyItems,
  });
}

async function verify(context: INestApplicationContext, io: CliIo, json: boolean): Promise<number> {
  const progress = progressOn(io, 'verify', 20_000);
  const report: VerifyReport = await context
    .get(AuditReviewService)
    .verifyLedger((checked, total) => progress.update(checked, total));
  progress.finish();
  if (json) {
    writeJson(io, report);
  } else if (report.ok) {
    io.stdout.write(`Ledger intact: ${report.checked} entries, per-case and global hash chains recomputed.\n`);
  } else {
    const broken = report.firstBroken!;
    io.stdout.write(
      `Ledger BROKEN. First broken link: seq ${broken.seq}, application ${broken.applicationId}, ` +
        `${broken.chain} chain: ${broken.problem}.\n` +
        `The ${report.checked} entries before it are intact.\n`,
    );
  }
  return report.ok ? EXIT.ok : EXIT.findings;
}

const OUTCOME_TEXT = { identical: 'identical', nondeterministic: 'non-deterministic', failed: 'failed' } as const;

async function replay(
  context: INestApplicationContext,
  io: CliIo,
  command: Extract<AuditCommand, { name: 'replay' }>,
  config: AppConfig,
): Promise<number> {
  const service = context.get(ReplayService);
  if (!config.workflowBundlePath) {
    io.stderr.write('replay: bundling the workflow code (WORKFLOW_BUNDLE_PATH names a pre-built bundle)\n');
  }
  let summary: ReplaySummary;
  if (command.applicationId) {
    const report = await service.replayCase(command.applicationId).catch((err: unknown) => {
      if (err instanceof ApplicationException && err.code === ErrorCode.NotFound) {
        throw new CannotComplete(`${err.message} (\`npm run audit -- archive\` archives the closed ones)`);
      }
      throw err;
    });
    summary = {
      replayed: 1,
      identical: report.outcome === 'identical' ? 1 : 0,
      nondeterministic: report.outcome === 'nondeterministic' ? 1 : 0,
      failed: report.outcome === 'failed' ? 1 : 0,
      reports: report.outcome === 'identical' ? [] : [report],
    };
  } else {
    const progress = progressOn(io, 'replay', 100);
    summary = await service.replayPeriod(
      { from: command.from, to: command.to, program: command.program },
      (done, total) => progress.update(done, total),
    );
    progress.finish();
  }
  if (command.json) {
    writeJson(io, summary);
  } else if (summary.replayed === 0) {
    io.stdout.write('No archived case matches; `npm run audit -- archive` archives the closed ones.\n');
  } else {
    const lines = [
      `Replayed ${summary.replayed} archived case${summary.replayed === 1 ? '' : 's'} against the current workflow code: ` +
        `${summary.identical} identical, ${summary.nondeterministic} non-deterministic, ${summary.failed} failed.`,
    ];
    if (summary.reports.length) lines.push('Not identical:');
    for (const r of summary.reports) {
      const diverging = `first diverging event ${r.firstDivergingEventId ?? 'not named in the error'}`;
      lines.push(
        `  ${r.applicationId}  ${OUTCOME_TEXT[r.outcome]}, ${diverging} (workflow ${r.workflowId}, run ${r.runId})`,
      );
      if (r.error) lines.push(`    ${r.error.split('\n').join('\n    ')}`);
    }
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return summary.identical === summary.replayed ? EXIT.ok : EXIT.findings;
}

async function archive(
  context: INestApplicationContext,
  io: CliIo,
  isJson: boolean,
  config: AppConfig,
): Promise<number> {
  await context
    .get(Client)
    .connection.ensureConnected()
    .catch((err: unknown) => {
      throw new CannotComplete(
        `cannot reach the Temporal server at TEMPORAL_ADDRESS=${config.temporal.address}: ${messageOf(err)}`,
      );
    });
  const archiver = context.get(HistoryArchiver);
  let archived = 0;
  let passes = 0;
  for (;;) {
    const stored = await archiver.archivePending();
    passes++;
    if (stored === 0) break;
    archived += stored;
    io.stderr.write(`archive: pass ${passes}, ${stored} archived (${archived} in all)\n`);
  }
  // Closed in the projection but not archived: the workflow is still finishing (its last email), or Temporal lost it.
  const notArchived = (await context.get(HistoryArchiveRepository).pendingApplications(10_000)).length;
  if (isJson) {
    writeJson(io, { archived, notArchived });
  } else {
    io.stdout.write(
      `Archived ${archived} closed workflow histor${archived === 1 ? 'y' : 'ies'}.` +
        (notArchived
          ? ` ${notArchived} closed case(s) not archived: still finishing in Temporal, or missing there.`
          : '') +
        '\n',
    );
  }
  return EXIT.ok;
}

async function rederive(
  context: INestApplicationContext,
  io: CliIo,
  command: Extract<AuditCommand, { name: 'rederive' }>,
): Promise<number> {
  const review = context.get(AuditReviewService);
  const report: RederivationReport = await (
    command.source === 'history'
      ? review.rederiveFromArchive(command.applicationId)
      : review.rederive(command.applicationId)
  ).catch((err: unknown) => {
    throw err instanceof ApplicationException ? new CannotComplete(err.message) : err;
  });
  if (command.json) {
    writeJson(io, report);
  } else {
    const show = (value: unknown): string => JSON.stringify(value) ?? 'undefined';
    const width = Math.max(0, ...report.checks.map((c) => c.subject.length));
    const failing = report.checks.filter((c) => !c.matches).length;
    const lines = [
      `Application ${report.applicationId}: policy ${report.policyVersion ?? '(unknown)'}, standard ${report.standardId ?? '(unknown)'}`,
      // One value where recorded and recomputed agree; both where they do not.
      ...report.checks.map((c) =>
        c.matches
          ? `  ok        ${c.subject.padEnd(width)}  ${show(c.recorded)}`
          : `  MISMATCH  ${c.subject.padEnd(width)}  recorded ${show(c.recorded)}, recomputed ${show(c.recomputed)}`,
      ),
      ...(report.problems.length ? ['Problems:', ...report.problems.map((p) => `  - ${p}`)] : []),
      report.matches
        ? `All ${report.checks.length} checks match.`
        : `${failing} of ${report.checks.length} checks do not match; ${report.problems.length} problem(s).`,
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return report.matches ? EXIT.ok : EXIT.findings;
}

const PHASE_LABEL: Record<InvariantsPhase, string> = {
  cases: 'invariants: cases',
  ledger: 'invariants: ledger',
  replay: 'invariants: replay',
};

async function invariants(
  context: INestApplicationContext,
  io: CliIo,
  command: Extract<AuditCommand, { name: 'invariants' }>,
  config: AppConfig,
): Promise<number> {
  await context
    .get(Client)
    .connection.ensureConnected()
    .catch((err: unknown) => {
      throw new CannotComplete(
        `cannot reach the Temporal server at TEMPORAL_ADDRESS=${config.temporal.address}: ${messageOf(err)}`,
      );
    });
  if (!command.skipReplay && !config.workflowBundlePath) {
    io.stderr.write('invariants: bundling the workflow code for replay (WORKFLOW_BUNDLE_PATH names a pre-built one)\n');
  }
  const bars = new Map<InvariantsPhase, Progress>();
  const report = await context
    .get(InvariantsService)
    .check({
      applicationId: command.applicationId,
      since: command.since,
      skipReplay: command.skipReplay,
      onProgress: (phase, done, total) => {
        for (const [other, bar] of bars) if (other !== phase) bar.finish();
        let bar = bars.get(phase);
        if (!bar) {
          bar = progressOn(io, PHASE_LABEL[phase], phase === 'ledger' ? 20_000 : 100);
          bars.set(phase, bar);
        }
        bar.update(done, total);
      },
    })
    .catch((err: unknown) => {
      throw err instanceof ApplicationException ? new CannotComplete(err.message) : err;
    });
  for (const bar of bars.values()) bar.finish();
  if (command.json) writeJson(io, report);
  else io.stdout.write(invariantsText(report));
  if (!report.holds) return EXIT.findings;
  // Nothing violated in what could be looked at, but not everything could: not a clean bill of health.
  for (const why of report.incomplete) io.stderr.write(`invariants: could not complete: ${why}\n`);
  return report.incomplete.length ? EXIT.failed : EXIT.ok;
}

const SHOWN_PER_INVARIANT = 10;

/** The report as tables: one line per invariant, then each invariant's states, offenders, warnings and notes. */
export function invariantsText(report: InvariantsReport): string {
  const scope = report.scope.applicationId
    ? `application ${report.scope.applicationId}`
    : report.scope.since
      ? `cases submitted since ${report.scope.since}`
      : 'all cases';
  const lines = [
    `Invariants I1-I5 over ${report.applications} application${report.applications === 1 ? '' : 's'} (${scope}${
      report.scope.replay ? '' : '; replay skipped'
    }):`,
    '',
  ];
  const header = ['invariant', 'checked', 'violations', 'warnings', 'skipped', 'verdict'];
  const rows = report.invariants.map((i) => [
    i.id,
    String(i.checked),
    String(i.violations.length),
    String(i.warnings.length),
    String(i.skipped),
    i.holds ? 'holds' : 'VIOLATED',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const cell = (value: string, c: number): string =>
    c === 0 || c === header.length - 1 ? value.padEnd(widths[c]) : value.padStart(widths[c]);
  for (const row of [header, ...rows]) lines.push(`  ${row.map(cell).join('  ').trimEnd()}`);
  const offenders = (label: string, findings: InvariantFinding[]): void => {
    for (const f of findings.slice(0, SHOWN_PER_INVARIANT)) {
      lines.push(`    ${label} ${f.applicationId ?? '(no case)'}  ${f.code}: ${f.message}`);
    }
    if (findings.length > SHOWN_PER_INVARIANT) {
      lines.push(`    ... and ${findings.length - SHOWN_PER_INVARIANT} more (--json lists them all)`);
    }
  };
  for (const i of report.invariants) {
    lines.push('', `${i.id} ${i.title}: ${i.checked} ${i.unit} checked, ${i.holds ? 'holds' : 'VIOLATED'}`);
    const states = Object.entries(i.states ?? {});
    if (states.length) lines.push(`    states: ${states.map(([state, n]) => `${n} ${state}`).join(', ')}`);
    offenders('VIOLATION', i.violations);
    offenders('warning  ', i.warnings);
    for (const note of i.notes) lines.push(`    note: ${note}`);
  }
  const violated = report.invariants.filter((i) => !i.holds).map((i) => i.id);
  lines.push(
    '',
    violated.length
      ? `Violated: ${violated.join(', ')}.`
      : report.incomplete.length
        ? `No violation found, but the check is incomplete: ${report.incomplete.join('; ')}.`
        : `All five invariants hold${report.invariants.some((i) => i.warnings.length) ? ' (see the warnings)' : ''}.`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Runs one command line and returns its exit status. Writes results to `stdout`, progress and errors to `stderr`;
 * reads its configuration from `env` only (tests run it in-process against their own stack).
 */
export async function runAuditCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command: AuditCommand;
  let config: AppConfig;
  try {
    command = parseCommandLine(argv);
    if (command.name === 'help') {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    config = loadConfig(
      cliEnvironment(
        io.env,
        command.name,
        command.name === 'replay' ||
          command.name === 'invariants' ||
          (command.name === 'rederive' && command.source === 'history'),
      ),
    );
  } catch (err) {
    if (err instanceof UsageError) {
      const where = err.command ? `audit ${err.command}` : 'audit';
      io.stderr.write(`${where}: ${err.message}\nRun "npm run audit -- --help" for usage.\n`);
      return EXIT.usage;
    }
    if (err instanceof ConfigValidationError) {
      io.stderr.write(`audit: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }

  try {
    await checkDatabase(config.databaseUrl, !io.env.DATABASE_URL?.trim());
    const context = await NestFactory.createApplicationContext(AuditCliModule.forRoot(config), {
      logger: ['error', 'warn'],
      abortOnError: false,
    });
    try {
      switch (command.name) {
        case 'verify':
          return await verify(context, io, command.json);
        case 'replay':
          return await replay(context, io, command, config);
        case 'archive':
          return await archive(context, io, command.json, config);
        case 'rederive':
          return await rederive(context, io, command);
        case 'invariants':
          return await invariants(context, io, command, config);
      }
    } finally {
      await context.close();
    }
  } catch (err) {
    io.stderr.write(`audit ${command.name}: ${err instanceof CannotComplete ? err.message : messageOf(err)}\n`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  // Replay runs Temporal's replay worker in this process; the report names what fails, the runtime only errors.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  runAuditCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = EXIT.failed;
    });
}
