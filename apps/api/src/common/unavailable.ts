import { isWorkflowEngineUnavailable } from '@aidflow/temporal';

/** Node / pg error codes and PostgreSQL SQLSTATEs that mean "the database is not reachable now". */
const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  '53300', // too_many_connections
]);

const DATABASE_DOWN_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED|the database system is (starting up|shutting down)/i;

/** Whether an error (or one it wraps: TypeORM's QueryFailedError.driverError, `cause`) means the database is down. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const { code, message, driverError, cause } = e as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && DATABASE_DOWN_CODES.has(code)) return true;
    if (typeof message === 'string' && DATABASE_DOWN_MESSAGES.test(message)) return true;
    queue.push(driverError, cause);
  }
  return false;
}

/** Which dependency an unexpected error says is down, if any: answered 503 with Retry-After, never 500. */
export function unavailableDependency(err: unknown): 'database' | 'workflow-engine' | null {
  if (isDatabaseUnavailable(err)) return 'database';
  if (isWorkflowEngineUnavailable(err)) return 'workflow-engine';
  return null;
}
