import { inspect } from 'node:util';
import { DefaultLogger } from '@temporalio/worker';
import type { LogEntry, LogLevel } from '@temporalio/worker';
import type { AppConfig, LogLevelName } from '@aidflow/config';

/** The fields of the SDK's log metadata a line keeps, in this order (a workflow's, an activity's, the worker's). */
const FIELDS = [
  'sdkComponent',
  'namespace',
  'taskQueue',
  'workflowType',
  'workflowId',
  'runId',
  'activityType',
  'activityId',
  'attempt',
  'isLocal',
] as const;

/**
 * The SDK logger's level per LOG_LEVEL. Never above INFO: the worker's lifecycle lines (`state: 'RUNNING'`, the
 * bundle loaded) stay visible under LOG_LEVEL=warn, as launchers and the fault suite wait for them.
 */
const LEVEL: Record<LogLevelName, LogLevel> = {
  error: 'INFO',
  warn: 'INFO',
  log: 'INFO',
  debug: 'DEBUG',
  verbose: 'TRACE',
};

/** Nest's level names, so the worker's lines read like the API's. */
const NEST_LEVEL: Record<LogLevel, string> = {
  ERROR: 'error',
  WARN: 'warn',
  INFO: 'log',
  DEBUG: 'debug',
  TRACE: 'verbose',
};

function plain(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** JSON that never throws: bigints as strings, a repeated object as "[Circular]". */
function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[Circular]';
      seen.add(v);
    }
    return v;
  });
}

/**
 * One log line of the Temporal SDK (worker, workflow `log`, activity `log`): with LOG_FORMAT=json an object with
 * the workflow id, run id, activity type and attempt as fields (what an operator filters on), the rest of the
 * metadata after them; with `pretty`, the message then the fields as the SDK's own logger prints them.
 */
export function formatTemporalLog(entry: LogEntry, format: 'json' | 'pretty'): string {
  const meta = (entry.meta ?? {}) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const key of FIELDS) if (meta[key] !== undefined) fields[key] = meta[key];
  for (const [key, value] of Object.entries(meta)) if (!(key in fields)) fields[key] = plain(value);
  const timestamp = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
  if (format === 'json') {
    return safeJson({
      level: NEST_LEVEL[entry.level],
      pid: process.pid,
      timestamp,
      context: 'Temporal',
      message: entry.message,
      ...fields,
    });
  }
  const rest = Object.keys(fields).length ? ` ${inspect(fields, { breakLength: Infinity, depth: 4 })}` : '';
  return `[aidflow-worker] ${process.pid}  - ${timestamp}  ${entry.level.padEnd(5)} [Temporal] ${entry.message}${rest}`;
}

/** The SDK's logger for Runtime.install: LOG_LEVEL and LOG_FORMAT as for the rest of the product. */
export function temporalLogger(
  config: Pick<AppConfig, 'log'>,
  write: (line: string) => void = (line) => void process.stderr.write(`${line}\n`),
) {
  return new DefaultLogger(LEVEL[config.log.level], (entry) => write(formatTemporalLog(entry, config.log.format)));
}
