/**
 * Where the audit tool runs: the apps' variables with what `npm start` runs filled in, the database checked before
 * Nest starts, and the module with the services behind the API's /audit endpoints.
 */

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { Client as PgClient } from 'pg';
import { AuditReviewModule } from '../../libs/audit-review/src';
import { ConfigModule, ConfigValidationError } from '../../libs/config/src';
import type { AppConfig } from '../../libs/config/src';
import { DatabaseModule } from '../../libs/database/src';
import { LazyTemporalModule } from '../../libs/temporal/src';
import { embeddedPostgresUrl } from '../lib/embedded-postgres';
import { LOCAL_DEFAULTS, localDataDir, readJwtSecret, readPayloadKeys } from '../lib/local-setup';
import type { AuditCommand } from './command-line';
import { CannotComplete, messageOf } from './io';
import type { CliIo } from './io';

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
export class AuditCliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuditCliModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, LazyTemporalModule, AuditReviewModule],
    };
  }
}

const maskedUrl = (url: string): string => url.replace(/:[^:@/]*@/, ':***@');

/** Fails early with a message naming DATABASE_URL, rather than a stack trace from deep inside Nest. */
export async function checkDatabase(url: string, defaulted: boolean): Promise<void> {
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
