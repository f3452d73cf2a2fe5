import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError, loadConfig } from '../libs/config/src';
import { cliEnvironment, parseCommandLine, parseIsoDate, UsageError } from './audit';

function usageError(argv: string[]): UsageError {
  try {
    parseCommandLine(argv);
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error(`parsed: ${argv.join(' ')}`);
}

describe('audit command line', () => {
  it('parses each command with its options', () => {
    expect(parseCommandLine(['verify'])).toEqual({ name: 'verify', json: false });
    expect(parseCommandLine(['archive', '--json'])).toEqual({ name: 'archive', json: true });
    const id = '3f1c2a9e-8b7d-4c6e-9f10-123456789abc';
    expect(parseCommandLine(['rederive', id, '--json'])).toEqual({
      name: 'rederive',
      json: true,
      applicationId: id,
      source: 'ledger',
    });
    expect(parseCommandLine(['rederive', '--source', 'history', id])).toEqual({
      name: 'rederive',
      json: false,
      applicationId: id,
      source: 'history',
    });
    expect(parseCommandLine(['replay', '--application', id])).toEqual({
      name: 'replay',
      json: false,
      applicationId: id,
    });
    expect(
      parseCommandLine([
        'replay',
        '--from',
        '2026-01-01',
        '--to=2026-04-01T00:00:00+08:00',
        '--program',
        'hardship-aid',
      ]),
    ).toEqual({
      name: 'replay',
      json: false,
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-03-31T16:00:00Z'),
      program: 'hardship-aid',
    });
  });

  it('parses invariants with its scope and --skip-replay', () => {
    const id = '3f1c2a9e-8b7d-4c6e-9f10-123456789abc';
    expect(parseCommandLine(['invariants'])).toEqual({ name: 'invariants', json: false, skipReplay: false });
    expect(parseCommandLine(['invariants', '--application', id, '--skip-replay', '--json'])).toEqual({
      name: 'invariants',
      json: true,
      skipReplay: true,
      applicationId: id,
    });
    expect(parseCommandLine(['invariants', '--since', '2026-03-01T08:00:00+08:00'])).toEqual({
      name: 'invariants',
      json: false,
      skipReplay: false,
      since: new Date('2026-03-01T00:00:00Z'),
    });
    expect(usageError(['invariants', '--since', 'last week']).message).toMatch(/^--since must be an ISO 8601 date/);
    expect(usageError(['invariants', '--application', 'abc']).message).toContain('--application must be');
    expect(usageError(['invariants', '--application', id, '--since', '2026-01-01']).message).toBe(
      '--application checks one case: leave out --since',
    );
    expect(usageError(['invariants', '--from', '2026-01-01']).message).toBe(
      "Unknown option '--from' (invariants takes --json, --help, --application, --since, --skip-replay)",
    );
  });

  it('asks for help with --help, -h or help, before or after a command', () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['replay', '--help'], ['verify', '-h']]) {
      expect(parseCommandLine(argv)).toEqual({ name: 'help' });
    }
  });

  it('names what is wrong: the command, the option, the argument', () => {
    expect(usageError([]).message).toContain('missing command');
    expect(usageError(['frobnicate']).message).toBe(
      'unknown command "frobnicate": the commands are verify, replay, archive, rederive, invariants',
    );
    expect(usageError(['--json', 'verify']).message).toContain('comes first');
    const unknownOption = usageError(['verify', '--from', '2026-01-01']);
    expect(unknownOption.command).toBe('verify');
    expect(unknownOption.message).toBe("Unknown option '--from' (verify takes --json, --help)");
    expect(usageError(['replay', '--program']).message).toBe("Option '--program <value>' argument missing");
    expect(usageError(['verify', 'extra']).message).toBe('unexpected argument "extra"');
    expect(usageError(['rederive']).message).toBe('missing the application id');
    expect(usageError(['rederive', 'abc']).message).toBe('the application id must be a uuid, got "abc"');
    expect(usageError(['replay', '--application', 'abc']).message).toContain('--application must be');
    expect(usageError(['replay', '--to', '2026-01-01', '--from', '2026-02-01']).message).toBe(
      '--from (2026-02-01) must be before --to (2026-01-01)',
    );
    expect(
      usageError(['replay', '--application', '3f1c2a9e-8b7d-4c6e-9f10-123456789abc', '--from', '2026-01-01']).message,
    ).toContain('leave out --from');
  });

  it('takes ISO 8601 dates and zoned timestamps only', () => {
    expect(parseIsoDate('2026-02-28')?.toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(parseIsoDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseIsoDate('2026-03-01T08:30:00.250Z')?.toISOString()).toBe('2026-03-01T08:30:00.250Z');
    for (const bad of ['yesterday', '2026-02-30', '2026-13-01', '2026-1-1', '2026-03-01T08:00', '01/03/2026', '']) {
      expect(parseIsoDate(bad)).toBeNull();
    }
    expect(usageError(['replay', '--from', 'yesterday']).message).toMatch(
      /^--from must be an ISO 8601 date.*"yesterday"$/,
    );
  });
});

describe('audit configuration', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'aidflow-audit-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('fills in what `npm start` runs when nothing is set, reading its data folder', () => {
    const key = Buffer.alloc(32, 5).toString('base64');
    const old = Buffer.alloc(32, 6).toString('base64');
    writeFileSync(join(dataDir, 'payload-keys'), `local-2026-02-01:${key}\nlocal-2025-01-01:${old}\n`);
    writeFileSync(join(dataDir, 'jwt-secret'), `${'s'.repeat(64)}\n`);
    const env = cliEnvironment({ AIDFLOW_DATA_DIR: dataDir, AIDFLOW_PG_PORT: '55000' }, 'replay');
    expect(env).toMatchObject({
      DATABASE_URL: 'postgres://aidflow:aidflow@127.0.0.1:55000/aidflow',
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      PAYLOAD_KEYS: `local-2026-02-01:${key},local-2025-01-01:${old}`,
      PAYLOAD_KEY_CURRENT: 'local-2026-02-01',
      JWT_SECRET: 's'.repeat(64),
    });
    const config = loadConfig(env);
    expect([...config.payloadEncryption.keys.keys()]).toEqual(['local-2026-02-01', 'local-2025-01-01']);
  });

  it('keeps what the environment sets', () => {
    const env = cliEnvironment(
      {
        AIDFLOW_DATA_DIR: dataDir,
        DATABASE_URL: 'postgres://auditor@db.example.org:5432/aidflow',
        TEMPORAL_ADDRESS: 'temporal.example.org:7233',
        AIDFLOW_TEMPORAL_PORT: '9999',
        PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
        PAYLOAD_KEY_CURRENT: 'k1',
        JWT_SECRET: 'j'.repeat(40),
      },
      'replay',
    );
    expect(env).toMatchObject({
      DATABASE_URL: 'postgres://auditor@db.example.org:5432/aidflow',
      TEMPORAL_ADDRESS: 'temporal.example.org:7233',
      PAYLOAD_KEY_CURRENT: 'k1',
      JWT_SECRET: 'j'.repeat(40),
    });
  });

  it('needs the payload keys for replay only, and says where it looked', () => {
    expect(() => cliEnvironment({ AIDFLOW_DATA_DIR: dataDir }, 'replay')).toThrow(ConfigValidationError);
    expect(() => cliEnvironment({ AIDFLOW_DATA_DIR: dataDir }, 'replay')).toThrow(join(dataDir, 'payload-keys'));
    const env = cliEnvironment({ AIDFLOW_DATA_DIR: dataDir, AIDFLOW_TEMPORAL_PORT: '17233' }, 'verify');
    expect(env.TEMPORAL_ADDRESS).toBe('127.0.0.1:17233');
    expect(() => loadConfig(env)).not.toThrow(); // a throwaway key and JWT secret: verify decodes and signs nothing
    // invariants reads the workflows' Query answers and replays: the real keys, like replay.
    expect(() => cliEnvironment({ AIDFLOW_DATA_DIR: dataDir }, 'invariants')).toThrow(join(dataDir, 'payload-keys'));
  });

  it('names a malformed launcher port', () => {
    expect(() => cliEnvironment({ AIDFLOW_DATA_DIR: dataDir, AIDFLOW_PG_PORT: 'five' }, 'verify')).toThrow(
      'AIDFLOW_PG_PORT must be a port number, got "five"',
    );
  });
});
