import { ConsoleLogger } from '@nestjs/common';
import type { LogLevel } from '@nestjs/common';
import type { AppConfig, LogLevelName } from './app-config';

const ORDER: LogLevelName[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** Structured logs: one JSON object a line with LOG_FORMAT=json, readable coloured lines with `pretty`. */
export function createLogger(config: Pick<AppConfig, 'log'>, app: string): ConsoleLogger {
  const levels = ORDER.slice(0, ORDER.indexOf(config.log.level) + 1) as LogLevel[];
  return new ConsoleLogger(app, {
    json: config.log.format === 'json',
    colors: config.log.format === 'pretty' && process.stdout.isTTY,
    logLevels: levels,
    prefix: `aidflow-${app}`,
  });
}
