import type { Logger } from '@nestjs/common';
import { Context } from '@temporalio/activity';

export interface StructuredLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

function activityContext(): Context | null {
  try {
    return Context.current();
  } catch {
    return null;
  }
}

/**
 * Logs with fields. Inside an activity, through the activity's logger, so the line carries the workflow id, run
 * id, activity type and attempt (the worker's Runtime logger writes them as JSON fields with LOG_FORMAT=json);
 * elsewhere (the API, a test calling the class) through the Nest logger, the fields appended to the message.
 */
export function structuredLog(fallback: Logger): StructuredLog {
  const emit = (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}): void => {
    const context = activityContext();
    if (context) {
      context.log[level](message, fields);
      return;
    }
    const pairs = Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    const line = pairs ? `${message} (${pairs})` : message;
    if (level === 'info') fallback.log(line);
    else fallback[level](line);
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}
