import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { persistentJwtSecret, persistentPayloadKeys, readJwtSecret, readPayloadKeys } from './local-setup';

describe('the secrets of the data folder', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'aidflow-secrets-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates one payload key the first time (mode 600) and reuses it afterwards', () => {
    expect(readPayloadKeys(dataDir, {})).toBeNull();
    const first = persistentPayloadKeys(dataDir, {});
    expect(first.PAYLOAD_KEY_CURRENT).toMatch(/^local-\d{4}-\d{2}-\d{2}$/);
    expect(first.PAYLOAD_KEYS).toMatch(new RegExp(`^${first.PAYLOAD_KEY_CURRENT}:[A-Za-z0-9+/]{43}=$`));
    expect(statSync(join(dataDir, 'payload-keys')).mode & 0o777).toBe(0o600);
    expect(persistentPayloadKeys(dataDir, {})).toEqual(first);
    expect(readPayloadKeys(dataDir, {})).toEqual(first);
  });

  it('prefers PAYLOAD_KEYS from the environment and then writes nothing', () => {
    const env = { PAYLOAD_KEYS: 'k1:abc', PAYLOAD_KEY_CURRENT: 'k1' };
    expect(persistentPayloadKeys(dataDir, env)).toEqual(env);
    expect(readPayloadKeys(dataDir, {})).toBeNull();
  });

  it('generates the JWT secret once and prefers JWT_SECRET', () => {
    expect(readJwtSecret(dataDir, {})).toBeNull();
    const secret = persistentJwtSecret(dataDir, {});
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(secret);
    expect(persistentJwtSecret(dataDir, {})).toBe(secret);
    expect(readJwtSecret(dataDir, { JWT_SECRET: 'from-env' })).toBe('from-env');
  });
});
