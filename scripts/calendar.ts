import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { CalendarService, TypeOrmCalendarRepository } from '../libs/calendar/src';
import type { CalendarYearRecord } from '../libs/calendar/src';
import { ApplicationException } from '../libs/common/src';
import { dataSourceOptions } from '../libs/database/src/data-source-options';
import type { HolidayYear } from '@aidflow/workflows/calendar';
import { embeddedPostgresUrl } from './lib/embedded-postgres';
import { LOCAL_DEFAULTS } from './lib/local-setup';

/**
 * `npm run calendar -- <command>`: the business calendar from the command line (the same service as the API's
 * /calendar endpoints). Works next to a running `npm start` with no setup.
 */
export const CALENDAR_USAGE = `Usage: npm run calendar -- <command> [options]

The business calendar behind every deadline in working days (China's statutory holidays and make-up working days).

Commands:
  status                 How far the official schedules reach; the warning administrators get from 60 days before.
  list                   The current schedule of every year: official (a State Council notice) or provisional.
  show <year>            Every schedule stored for the year, oldest first, with its holidays and make-up days.
  provisional <year>     What the statutory rule gives for the year (printed as JSON, a starting point for load).
  load <file.json>       Load a year's State Council notice: {"year", "source", "holidays": [{"name", "from",
                         "to"}], "makeUpWorkdays": ["YYYY-MM-DD"]}; it replaces the year's current schedule.
      --by <username>      the administrator who loads it (recorded; must be an admin)
      --note <text>        why it was loaded

Options:
  --json                 Machine-readable output on stdout.
  -h, --help             This text.

Exit status: 0 done (status: calendar ok); 1 status: expiring or expired; 2 a bad command line or a file the
calendar refuses (the message names the entry); 3 could not complete (database unreachable).

Configuration: DATABASE_URL; unset, the PostgreSQL of \`npm start\` on 127.0.0.1:AIDFLOW_PG_PORT (${LOCAL_DEFAULTS.postgresPort}).
`;

export const CALENDAR_EXIT = { ok: 0, warning: 1, usage: 2, failed: 3 } as const;

export interface CalendarCliIo {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

type Command =
  | { name: 'help' }
  | { name: 'status' | 'list'; json: boolean }
  | { name: 'show' | 'provisional'; json: boolean; year: number }
  | { name: 'load'; json: boolean; file: string; by?: string; note?: string };

class UsageError extends Error {}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function yearArgument(value: string | undefined, command: string): number {
  if (value === undefined) throw new UsageError(`${command} needs a year, e.g. ${command} 2027`);
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || !Number.isInteger(year))
    throw new UsageError(`the year must be like 2027, got "${value}"`);
  return year;
}

export function parseCalendarCommandLine(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        by: { type: 'string' },
        note: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw new UsageError(messageOf(err).split(/\.\s|\n/)[0]);
  }
  const { values, positionals } = parsed;
  const [name, argument, extra] = positionals;
  if (values.help || name === 'help') return { name: 'help' };
  const json = values.json ?? false;
  if (name !== 'load' && (values.by !== undefined || values.note !== undefined)) {
    throw new UsageError('--by and --note go with load');
  }
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  switch (name) {
    case undefined:
      throw new UsageError('missing command: one of status, list, show, provisional, load');
    case 'status':
    case 'list':
      if (argument !== undefined) throw new UsageError(`unexpected argument "${argument}"`);
      return { name, json };
    case 'show':
    case 'provisional':
      return { name, json, year: yearArgument(argument, name) };
    case 'load':
      if (argument === undefined)
        throw new UsageError('load needs the file of the notice, e.g. load calendar-2027.json');
      return { name, json, file: argument, by: values.by, note: values.note };
    default:
      throw new UsageError(`unknown command "${name}": the commands are status, list, show, provisional, load`);
  }
}

function readNotice(file: string): HolidayYear {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${messageOf(err)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not JSON: ${messageOf(err)}`);
  }
  const d = data as Partial<HolidayYear> | null;
  if (!d || typeof d !== 'object') throw new UsageError(`${file} must hold one JSON object`);
  if (typeof d.year !== 'number') throw new UsageError(`${file}: "year" must be a number like 2027`);
  if (typeof d.source !== 'string') throw new UsageError(`${file}: "source" must name the notice`);
  if (!Array.isArray(d.holidays)) throw new UsageError(`${file}: "holidays" must be a list of {name, from, to}`);
  if (!Array.isArray(d.makeUpWorkdays)) throw new UsageError(`${file}: "makeUpWorkdays" must be a list of dates`);
  return { year: d.year, source: d.source, holidays: d.holidays, makeUpWorkdays: d.makeUpWorkdays };
}

function describeYear(r: HolidayYear | CalendarYearRecord): string {
  const stored = 'id' in r ? r : null;
  const lines = [
    `${r.year} ${r.kind ?? 'official'}${stored?.supersededAt ? ` (superseded ${stored.supersededAt.toISOString()})` : ''}`,
    `  source: ${r.source}`,
    ...(stored ? [`  loaded: ${stored.loadedAt.toISOString()}${stored.note ? ` (${stored.note})` : ''}`] : []),
    ...r.holidays.map((h) => `  ${h.from}${h.to === h.from ? '           ' : ` .. ${h.to.slice(5)}`}  ${h.name}`),
    `  make-up working days: ${r.makeUpWorkdays.length ? r.makeUpWorkdays.join(', ') : 'none'}`,
  ];
  return lines.join('\n');
}

/** Runs one command line and returns its exit status; reads its configuration from `env` only. */
export async function runCalendarCli(argv: readonly string[], io: CalendarCliIo): Promise<number> {
  let command: Command;
  try {
    command = parseCalendarCommandLine(argv);
  } catch (err) {
    io.stderr.write(`calendar: ${messageOf(err)}\nRun "npm run calendar -- --help" for usage.\n`);
    return CALENDAR_EXIT.usage;
  }
  if (command.name === 'help') {
    io.stdout.write(CALENDAR_USAGE);
    return CALENDAR_EXIT.ok;
  }
  const jsonOut = command.json;
  const out = (json: unknown, text: string): void => {
    io.stdout.write(jsonOut ? `${JSON.stringify(json, null, 2)}\n` : `${text}\n`);
  };
  const url =
    io.env.DATABASE_URL?.trim() ||
    embeddedPostgresUrl(Number(io.env.AIDFLOW_PG_PORT ?? LOCAL_DEFAULTS.postgresPort), LOCAL_DEFAULTS.postgresDatabase);
  const db = new DataSource({ ...dataSourceOptions(url, { poolSize: 2 }), extra: { connectionTimeoutMillis: 10_000 } });
  try {
    if (command.name === 'provisional') {
      // Pure: no database needed.
      const service = new CalendarService(new TypeOrmCalendarRepository(db));
      const year = service.provisional(command.year);
      out(year, describeYear(year));
      return CALENDAR_EXIT.ok;
    }
    const notice = command.name === 'load' ? readNotice(command.file) : null;
    try {
      await db.initialize();
    } catch (err) {
      io.stderr.write(`calendar ${command.name}: cannot use the database (DATABASE_URL): ${messageOf(err)}\n`);
      return CALENDAR_EXIT.failed;
    }
    const service = new CalendarService(new TypeOrmCalendarRepository(db));
    switch (command.name) {
      case 'status': {
        const status = await service.status();
        out(
          status,
          [
            `Official calendar: ${status.officialUntil ? `until ${status.officialUntil} (${status.daysLeft} days left)` : 'none for this year'}`,
            `Provisional years: ${status.provisionalYears.length ? status.provisionalYears.join(', ') : 'none'}`,
            ...(status.warning ? [`Warning: ${status.warning}`] : []),
          ].join('\n'),
        );
        return status.health === 'ok' ? CALENDAR_EXIT.ok : CALENDAR_EXIT.warning;
      }
      case 'list': {
        const years = await service.years();
        out(years, years.map((y) => `${y.year}  ${y.kind.padEnd(11)}  ${y.source}`).join('\n'));
        return CALENDAR_EXIT.ok;
      }
      case 'show': {
        const rows = await service.history(command.year);
        out(rows, rows.map(describeYear).join('\n\n'));
        return CALENDAR_EXIT.ok;
      }
      case 'load': {
        let loadedBy: string | null = null;
        if (command.by !== undefined) {
          const [user] = await db.query<Array<{ id: string; role: string }>>(
            `SELECT id, role FROM users WHERE username = $1`,
            [command.by],
          );
          if (!user || user.role !== 'admin')
            throw new UsageError(`--by must name an administrator, got "${command.by}"`);
          loadedBy = user.id;
        }
        const { record, replaced } = await service.load(
          { ...notice!, note: command.note ?? 'loaded with npm run calendar -- load' },
          loadedBy,
        );
        out(
          { record, replaced },
          `Loaded ${record.year} (official): ${record.holidays.length} holidays, ${record.makeUpWorkdays.length} make-up ` +
            `working days${replaced ? `; replaced the ${replaced.kind} schedule loaded ${replaced.loadedAt.toISOString()}` : ''}.`,
        );
        return CALENDAR_EXIT.ok;
      }
    }
    return CALENDAR_EXIT.ok;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ApplicationException) {
      io.stderr.write(`calendar ${command.name}: ${err.message}\n`);
      return CALENDAR_EXIT.usage;
    }
    io.stderr.write(`calendar ${command.name}: ${messageOf(err)}\n`);
    return CALENDAR_EXIT.failed;
  } finally {
    if (db.isInitialized) await db.destroy();
  }
}

if (require.main === module) {
  runCalendarCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = CALENDAR_EXIT.failed;
    });
}
