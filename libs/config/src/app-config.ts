/**
 * Typed, validated configuration. Every value comes from the environment; `loadConfig` fails fast with a message
 * naming each variable that is missing or malformed. Used as an abstract-class DI token.
 */
export abstract class AppConfig {
  abstract readonly databaseUrl: string;
  abstract readonly temporal: {
    readonly address: string;
    readonly namespace: string;
    readonly taskQueue: string;
  };
  abstract readonly api: { readonly host: string; readonly port: number; readonly publicUrl: string };
  abstract readonly auth: { readonly jwtSecret: string; readonly tokenTtlSeconds: number };
  abstract readonly smtp: {
    readonly host: string;
    readonly port: number;
    readonly secure: boolean;
    readonly from: string;
  };
  abstract readonly log: { readonly format: 'pretty' | 'json'; readonly level: LogLevelName };
  abstract readonly workflowBundlePath: string | undefined;
}

export type LogLevelName = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/** The environment variables the product reads, with their defaults (undefined = required). */
export const CONFIG_VARIABLES = {
  DATABASE_URL: undefined,
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  TEMPORAL_NAMESPACE: 'default',
  TEMPORAL_TASK_QUEUE: 'aidflow-applications',
  API_HOST: '127.0.0.1',
  API_PORT: '3000',
  API_PUBLIC_URL: undefined as string | undefined,
  JWT_SECRET: undefined,
  JWT_TTL_SECONDS: '28800',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: '2525',
  SMTP_SECURE: 'false',
  SMTP_FROM: 'aidflow <noreply@aidflow.local>',
  LOG_FORMAT: 'pretty',
  LOG_LEVEL: 'log',
  WORKFLOW_BUNDLE_PATH: undefined as string | undefined,
} as const;

type Env = Record<string, string | undefined>;

class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: keyof typeof CONFIG_VARIABLES, opts: { required?: boolean } = {}): string {
    const raw = this.env[name];
    const value = raw === undefined || raw.trim() === '' ? CONFIG_VARIABLES[name] : raw.trim();
    if (value === undefined) {
      if (opts.required !== false) this.problems.push(`${name} is required but not set`);
      return '';
    }
    return value;
  }

  optional(name: keyof typeof CONFIG_VARIABLES): string | undefined {
    const raw = this.env[name];
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  }

  integer(name: keyof typeof CONFIG_VARIABLES, min: number, max: number): number {
    const value = this.string(name);
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max}, got "${value}"`);
    }
    return n;
  }

  boolean(name: keyof typeof CONFIG_VARIABLES): boolean {
    const value = this.string(name).toLowerCase();
    if (value !== 'true' && value !== 'false') this.problems.push(`${name} must be "true" or "false", got "${value}"`);
    return value === 'true';
  }

  oneOf<T extends string>(name: keyof typeof CONFIG_VARIABLES, allowed: readonly T[]): T {
    const value = this.string(name);
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
    }
    return value as T;
  }
}

export function loadConfig(env: Env = process.env): AppConfig {
  const r = new EnvReader(env);
  const databaseUrl = r.string('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    r.problems.push(`DATABASE_URL must be a postgres:// URL, got "${databaseUrl.replace(/:[^:@/]*@/, ':***@')}"`);
  }
  const temporalAddress = r.string('TEMPORAL_ADDRESS');
  if (temporalAddress && !/^[^\s:]+:\d+$/.test(temporalAddress)) {
    r.problems.push(`TEMPORAL_ADDRESS must be host:port, got "${temporalAddress}"`);
  }
  const jwtSecret = r.string('JWT_SECRET');
  if (jwtSecret && jwtSecret.length < 32) r.problems.push('JWT_SECRET must be at least 32 characters long');
  const apiHost = r.string('API_HOST');
  const apiPort = r.integer('API_PORT', 0, 65535);
  const config: AppConfig = {
    databaseUrl,
    temporal: {
      address: temporalAddress,
      namespace: r.string('TEMPORAL_NAMESPACE'),
      taskQueue: r.string('TEMPORAL_TASK_QUEUE'),
    },
    api: {
      host: apiHost,
      port: apiPort,
      publicUrl: r.optional('API_PUBLIC_URL') ?? `http://${apiHost === '0.0.0.0' ? '127.0.0.1' : apiHost}:${apiPort}`,
    },
    auth: { jwtSecret, tokenTtlSeconds: r.integer('JWT_TTL_SECONDS', 60, 7 * 24 * 3600) },
    smtp: {
      host: r.string('SMTP_HOST'),
      port: r.integer('SMTP_PORT', 1, 65535),
      secure: r.boolean('SMTP_SECURE'),
      from: r.string('SMTP_FROM'),
    },
    log: {
      format: r.oneOf('LOG_FORMAT', ['pretty', 'json'] as const),
      level: r.oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug', 'verbose'] as const),
    },
    workflowBundlePath: r.optional('WORKFLOW_BUNDLE_PATH'),
  };
  if (r.problems.length > 0) throw new ConfigValidationError(r.problems);
  return config;
}
