/** The audit command line as data: its usage text, exit codes, the parsed commands and the parser. */

import { parseArgs } from 'node:util';
import { LOCAL_DEFAULTS } from '../lib/local-setup';
import { messageOf } from './io';

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
