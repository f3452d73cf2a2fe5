import { ConfigValidationError, loadConfig } from './app-config';

const valid = {
  DATABASE_URL: 'postgres://aidflow@127.0.0.1:5432/aidflow',
  JWT_SECRET: 'x'.repeat(32),
};

describe('loadConfig', () => {
  it('fills defaults for optional variables', () => {
    const config = loadConfig(valid);
    expect(config.temporal).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'aidflow-applications',
    });
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
    expect(problems).toContain('API_PORT must be an integer');
    expect(problems).toContain('TEMPORAL_ADDRESS must be host:port');
    expect(problems).toContain('LOG_FORMAT must be one of pretty, json');
  });

  it('rejects a short JWT secret and a non-postgres database URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' })).toThrow(
      /DATABASE_URL must be a postgres:\/\/ URL[\s\S]*JWT_SECRET must be at least 32 characters/,
    );
  });
});
