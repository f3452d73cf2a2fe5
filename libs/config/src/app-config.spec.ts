import { ConfigValidationError, loadConfig } from './app-config';

const KEY_1 = Buffer.alloc(32, 1).toString('base64');
const KEY_2 = Buffer.alloc(32, 2).toString('base64');

const valid = {
  DATABASE_URL: 'postgres://aidflow@127.0.0.1:5432/aidflow',
  JWT_SECRET: 'x'.repeat(32),
  PAYLOAD_KEYS: `k1:${KEY_1}`,
  PAYLOAD_KEY_CURRENT: 'k1',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigValidationError) return e.problems;
    throw e;
  }
  return [];
}

describe('loadConfig', () => {
  it('fills defaults for optional variables', () => {
    const config = loadConfig(valid);
    expect(config.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'aidflow-applications',
      callTimeoutMs: 3000,
    });
    expect(config.worker).toEqual({ maxCachedWorkflows: 2000, shutdownGraceMs: 10_000 });
    expect(config.api.port).toBe(3000);
    expect(config.api.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.smtp.secure).toBe(false);
  });

  it('names every missing or malformed variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ API_PORT: 'eighty', TEMPORAL_ADDRESS: 'nohost', LOG_FORMAT: 'xml' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems.join('\n');
    expect(problems).toContain('DATABASE_URL is required');
    expect(problems).toContain('JWT_SECRET is required');
    expect(problems).toContain('PAYLOAD_KEYS is required');
    expect(problems).toContain('PAYLOAD_KEY_CURRENT is required');
    expect(problems).toContain('API_PORT must be an integer');
    expect(problems).toContain('TEMPORAL_ADDRESS must be host:port');
    expect(problems).toContain('LOG_FORMAT must be one of pretty, json');
  });

  it('rejects a short JWT secret and a non-postgres database URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' })).toThrow(
      /DATABASE_URL must be a postgres:\/\/ URL[\s\S]*JWT_SECRET must be at least 32 characters/,
    );
  });

  it('reads every payload key and the current one; old keys stay for decryption', () => {
    const config = loadConfig({ ...valid, PAYLOAD_KEYS: ` k2:${KEY_2} , k1:${KEY_1} `, PAYLOAD_KEY_CURRENT: 'k2' });
    expect(config.payloadEncryption.currentKeyId).toBe('k2');
    expect([...config.payloadEncryption.keys.keys()]).toEqual(['k2', 'k1']);
    expect(config.payloadEncryption.keys.get('k1')).toEqual(Buffer.alloc(32, 1));
  });

  it('names each malformed payload key without echoing key material', () => {
    const short = Buffer.alloc(16, 7).toString('base64');
    const problems = problemsOf({
      ...valid,
      PAYLOAD_KEYS: `k1:${KEY_1},k2:${short},no-colon,k1:${KEY_2},k3:not*base64`,
      PAYLOAD_KEY_CURRENT: 'k1',
    });
    expect(problems).toEqual([
      'PAYLOAD_KEYS entry 2 ("k2") must be the base64 of exactly 32 bytes (e.g. `openssl rand -base64 32`)',
      'PAYLOAD_KEYS entry 3 must be id:base64key, the id made of 1 to 64 letters, digits, ".", "_" or "-"',
      'PAYLOAD_KEYS entry 4 ("k1") repeats the key id "k1"',
      'PAYLOAD_KEYS entry 5 ("k3") must be the base64 of exactly 32 bytes (e.g. `openssl rand -base64 32`)',
    ]);
    expect(problems.join('\n')).not.toContain(short);
  });

  it('rejects a current key id that is not among the payload keys', () => {
    expect(problemsOf({ ...valid, PAYLOAD_KEY_CURRENT: 'k9' })).toEqual([
      'PAYLOAD_KEY_CURRENT must be one of the key ids in PAYLOAD_KEYS (k1), got "k9"',
    ]);
  });

  it('leaves the SMS channel off without SMS_GATEWAY_URL and reads an http(s) gateway URL when set', () => {
    expect(loadConfig(valid).sms.gatewayUrl).toBeUndefined();
    expect(loadConfig({ ...valid, SMS_GATEWAY_URL: '  ' }).sms.gatewayUrl).toBeUndefined();
    expect(loadConfig({ ...valid, SMS_GATEWAY_URL: 'https://sms.example.org/v1/send' }).sms.gatewayUrl).toBe(
      'https://sms.example.org/v1/send',
    );
  });

  it('rejects an SMS_GATEWAY_URL that is not an http(s) URL, without echoing credentials', () => {
    expect(problemsOf({ ...valid, SMS_GATEWAY_URL: 'sms.example.org:8026' })).toEqual([
      'SMS_GATEWAY_URL must be an http:// or https:// URL, got "sms.example.org:8026"',
    ]);
    const problems = problemsOf({ ...valid, SMS_GATEWAY_URL: 'ftp://user:s3cret@sms.example.org/send' });
    expect(problems).toEqual(['SMS_GATEWAY_URL must be an http:// or https:// URL, got "ftp://sms.example.org"']);
    expect(problems.join('\n')).not.toContain('s3cret');
  });

  it('leaves payments off without PAYMENT_BANK_URL, and rejects a bank URL or timeout it cannot use', () => {
    expect(loadConfig(valid).payments).toEqual({ bankUrl: undefined, timeoutMs: 10_000 });
    expect(loadConfig({ ...valid, PAYMENT_BANK_URL: 'https://bank.example.org/payments' }).payments.bankUrl).toBe(
      'https://bank.example.org/payments',
    );
    expect(problemsOf({ ...valid, PAYMENT_BANK_URL: 'bank.example.org:8027' })).toEqual([
      'PAYMENT_BANK_URL must be an http:// or https:// URL, got "bank.example.org:8027"',
    ]);
    expect(problemsOf({ ...valid, PAYMENT_BANK_TIMEOUT_MS: '5' })).toEqual([
      expect.stringContaining('PAYMENT_BANK_TIMEOUT_MS'),
    ]);
  });

  it('allows the Temporal Web UI origins to call the codec endpoint, and rejects anything but bare origins', () => {
    expect(loadConfig(valid).api.codecCorsOrigins).toEqual(['http://127.0.0.1:8233', 'http://localhost:8233']);
    expect(loadConfig({ ...valid, CODEC_CORS_ORIGIN: 'https://temporal.example.org' }).api.codecCorsOrigins).toEqual([
      'https://temporal.example.org',
    ]);
    expect(problemsOf({ ...valid, CODEC_CORS_ORIGIN: 'http://ui:8080/path,*' })).toEqual([
      expect.stringContaining('CODEC_CORS_ORIGIN must be comma-separated origins like http://127.0.0.1:8233'),
      expect.stringContaining('got "*"'),
    ]);
  });

  it('limits attachments to 5 MiB unless ATTACHMENT_MAX_BYTES says otherwise, within 1 byte to 50 MiB', () => {
    expect(loadConfig(valid).attachments.maxBytes).toBe(5_242_880);
    expect(loadConfig({ ...valid, ATTACHMENT_MAX_BYTES: '1048576' }).attachments.maxBytes).toBe(1_048_576);
    for (const bad of ['0', '5MB', '2.5', '52428801']) {
      expect(problemsOf({ ...valid, ATTACHMENT_MAX_BYTES: bad })).toEqual([
        `ATTACHMENT_MAX_BYTES must be an integer between 1 and 52428800, got "${bad}"`,
      ]);
    }
  });
});
