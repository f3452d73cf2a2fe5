import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './project-root';

/**
 * What `npm start` sets up when the environment names nothing: where its data folder is, the ports of the embedded
 * PostgreSQL and Temporal dev server, and the secrets it keeps in the data folder. Shared with the command-line tools
 * (`npm run audit`), so that they work next to a running start with no setup.
 */

type Env = Record<string, string | undefined>;

export const LOCAL_DEFAULTS = {
  /** AIDFLOW_PG_PORT */
  postgresPort: 54329,
  postgresDatabase: 'aidflow',
  /** AIDFLOW_TEMPORAL_PORT */
  temporalPort: 7233,
} as const;

/** The data folder: AIDFLOW_DATA_DIR, or `.data/` in the project. */
export function localDataDir(env: Env): string {
  return env.AIDFLOW_DATA_DIR ?? join(projectRoot(), '.data');
}

export interface PayloadKeyVariables {
  PAYLOAD_KEYS: string;
  PAYLOAD_KEY_CURRENT: string;
}

const payloadKeysFile = (dataDir: string): string => join(dataDir, 'payload-keys');
const jwtSecretFile = (dataDir: string): string => join(dataDir, 'jwt-secret');

/**
 * PAYLOAD_KEYS / PAYLOAD_KEY_CURRENT when set, otherwise the keys in `<dataDir>/payload-keys`; null when neither.
 * The file holds one `id:base64key` a line: the first line encrypts, the others stay for decryption (rotation by
 * hand).
 */
export function readPayloadKeys(dataDir: string, env: Env): PayloadKeyVariables | null {
  if (env.PAYLOAD_KEYS) return { PAYLOAD_KEYS: env.PAYLOAD_KEYS, PAYLOAD_KEY_CURRENT: env.PAYLOAD_KEY_CURRENT ?? '' };
  const file = payloadKeysFile(dataDir);
  if (!existsSync(file)) return null;
  const entries = readFileSync(file, 'utf8').split(/\s+/).filter(Boolean);
  return { PAYLOAD_KEYS: entries.join(','), PAYLOAD_KEY_CURRENT: (entries[0] ?? '').split(':')[0] };
}

/**
 * Like `readPayloadKeys`, but generates one key into `<dataDir>/payload-keys` (mode 600) the first time, so that
 * histories written by an earlier start stay readable. The data folder must exist.
 */
export function persistentPayloadKeys(dataDir: string, env: Env): PayloadKeyVariables {
  const found = readPayloadKeys(dataDir, env);
  if (found) return found;
  const id = `local-${new Date().toISOString().slice(0, 10)}`;
  writeFileSync(payloadKeysFile(dataDir), `${id}:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  return readPayloadKeys(dataDir, env)!;
}

/** JWT_SECRET when set, otherwise the secret in `<dataDir>/jwt-secret`; null when neither. */
export function readJwtSecret(dataDir: string, env: Env): string | null {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  const file = jwtSecretFile(dataDir);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

/** Like `readJwtSecret`, but generates the secret into `<dataDir>/jwt-secret` (mode 600) the first time. */
export function persistentJwtSecret(dataDir: string, env: Env): string {
  const found = readJwtSecret(dataDir, env);
  if (found !== null) return found;
  writeFileSync(jwtSecretFile(dataDir), randomBytes(32).toString('hex'), { mode: 0o600 });
  return readJwtSecret(dataDir, env)!;
}
