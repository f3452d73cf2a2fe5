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
    /**
     * How long the API waits for the workflow engine (start, query, Update) before answering 503: a server that is
     * down is answered promptly, never hung on.
     */
    readonly callTimeoutMs: number;
  };
  abstract readonly api: {
    readonly host: string;
    readonly port: number;
    readonly publicUrl: string;
    /** Browser origins (the Temporal Web UI) allowed to call the codec endpoint cross-origin. */
    readonly codecCorsOrigins: readonly string[];
  };
  abstract readonly auth: {
    readonly jwtSecret: string;
    readonly tokenTtlSeconds: number;
    /** Consecutive wrong passwords for one username before it is locked (LOGIN_MAX_FAILURES). */
    readonly loginMaxFailures: number;
    /** How long a locked username stays locked (LOGIN_LOCK_MS). */
    readonly loginLockMs: number;
  };
  abstract readonly smtp: {
    readonly host: string;
    readonly port: number;
    readonly secure: boolean;
    readonly from: string;
  };
  /** SMS notices go through an HTTP gateway; without SMS_GATEWAY_URL the SMS channel is off. */
  abstract readonly sms: { readonly gatewayUrl: string | undefined };
  /**
   * Payments go to the bank through PAYMENT_BANK_URL; without it approved disbursements stay `pending_payment`
   * (finance pays them by hand) and the worker says so at start.
   */
  abstract readonly payments: { readonly bankUrl: string | undefined; readonly timeoutMs: number };
  abstract readonly log: { readonly format: 'pretty' | 'json'; readonly level: LogLevelName };
  abstract readonly workflowBundlePath: string | undefined;
  /** AES-256-GCM keys of the Temporal payload codec: every key decrypts, the current one encrypts. */
  abstract readonly payloadEncryption: PayloadKeyring;
  /** Files attached to a case (PDF, JPEG, PNG), stored in PostgreSQL; only a reference goes into workflow history. */
  abstract readonly attachments: { readonly maxBytes: number };
  /** Workflow executions the worker keeps in memory; the rest replay from history when they next get work. */
  abstract readonly worker: {
    readonly maxCachedWorkflows: number;
    /** On SIGTERM, how long in-flight activities may run on before they are cancelled (and retried elsewhere). */
    readonly shutdownGraceMs: number;
  };
}

export interface PayloadKeyring {
  readonly currentKeyId: string;
  /** Key id -> 32 raw key bytes. Old keys stay here, for decryption, as long as any history uses them. */
  readonly keys: ReadonlyMap<string, Buffer>;
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
  LOGIN_MAX_FAILURES: '5',
  LOGIN_LOCK_MS: '900000',
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: '2525',
  SMTP_SECURE: 'false',
  SMTP_FROM: 'aidflow <noreply@aidflow.local>',
  SMS_GATEWAY_URL: undefined as string | undefined,
  PAYMENT_BANK_URL: undefined as string | undefined,
  PAYMENT_BANK_TIMEOUT_MS: '10000',
  TEMPORAL_CALL_TIMEOUT_MS: '3000',
  LOG_FORMAT: 'pretty',
  LOG_LEVEL: 'log',
  WORKFLOW_BUNDLE_PATH: undefined as string | undefined,
  PAYLOAD_KEYS: undefined,
  PAYLOAD_KEY_CURRENT: undefined,
  CODEC_CORS_ORIGIN: 'http://127.0.0.1:8233,http://localhost:8233',
  ATTACHMENT_MAX_BYTES: '5242880',
  WORKER_MAX_CACHED_WORKFLOWS: '2000',
  WORKER_SHUTDOWN_GRACE_MS: '10000',
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

/** Attachments live in PostgreSQL (bytea) and pass through memory whole: 50 MiB is the most ATTACHMENT_MAX_BYTES allows. */
const MAX_ATTACHMENT_BYTES_CEILING = 50 * 1024 * 1024;

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** PAYLOAD_KEYS = `id:base64,id:base64` (each key 32 bytes); PAYLOAD_KEY_CURRENT = the id that encrypts. */
function payloadKeyring(r: EnvReader): PayloadKeyring {
  const raw = r.string('PAYLOAD_KEYS');
  const currentKeyId = r.string('PAYLOAD_KEY_CURRENT');
  const keys = new Map<string, Buffer>();
  if (!raw) return { currentKeyId, keys };
  let valid = true;
  raw.split(',').forEach((entry, index) => {
    const at = entry.indexOf(':');
    const id = at < 0 ? '' : entry.slice(0, at).trim();
    const material = at < 0 ? '' : entry.slice(at + 1).trim();
    // Never echo key material: name the entry by its position and id only.
    const where = `PAYLOAD_KEYS entry ${index + 1}${KEY_ID.test(id) ? ` ("${id}")` : ''}`;
    if (!KEY_ID.test(id) || !material) {
      r.problems.push(`${where} must be id:base64key, the id made of 1 to 64 letters, digits, ".", "_" or "-"`);
      valid = false;
    } else if (keys.has(id)) {
      r.problems.push(`${where} repeats the key id "${id}"`);
      valid = false;
    } else {
      const key = BASE64.test(material) ? Buffer.from(material, 'base64') : null;
      if (!key || key.length !== 32) {
        r.problems.push(`${where} must be the base64 of exactly 32 bytes (e.g. \`openssl rand -base64 32\`)`);
        valid = false;
      } else {
        keys.set(id, key);
      }
    }
  });
  if (valid && currentKeyId && !keys.has(currentKeyId)) {
    r.problems.push(
      `PAYLOAD_KEY_CURRENT must be one of the key ids in PAYLOAD_KEYS (${[...keys.keys()].join(', ')}), got "${currentKeyId}"`,
    );
  }
  return { currentKeyId, keys };
}

function corsOrigins(r: EnvReader): string[] {
  const origins = r
    .string('CODEC_CORS_ORIGIN')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let canonical: string | null = null;
    try {
      const url = new URL(origin);
      canonical = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
    } catch {
      canonical = null;
    }
    if (canonical !== origin) {
      r.problems.push(
        `CODEC_CORS_ORIGIN must be comma-separated origins like http://127.0.0.1:8233 (scheme, host, port; no path), got "${origin}"`,
      );
    }
  }
  return origins;
}

/** Optional; when set, an http(s) URL the adapter POSTs to (SMS_GATEWAY_URL, PAYMENT_BANK_URL). */
function httpUrl(r: EnvReader, name: 'SMS_GATEWAY_URL' | 'PAYMENT_BANK_URL'): string | undefined {
  const value = r.optional(name);
  if (value === undefined) return undefined;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    // The URL may carry a token: name its scheme and host only.
    const shown = url?.host ? `${url.protocol}//${url.host}` : value.replace(/\/\/[^@/]*@/, '//***@').slice(0, 60);
    r.problems.push(`${name} must be an http:// or https:// URL, got "${shown}"`);
  }
  return value;
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
      callTimeoutMs: r.integer('TEMPORAL_CALL_TIMEOUT_MS', 500, 120_000),
    },
    api: {
      host: apiHost,
      port: apiPort,
      publicUrl: r.optional('API_PUBLIC_URL') ?? `http://${apiHost === '0.0.0.0' ? '127.0.0.1' : apiHost}:${apiPort}`,
      codecCorsOrigins: corsOrigins(r),
    },
    auth: {
      jwtSecret,
      tokenTtlSeconds: r.integer('JWT_TTL_SECONDS', 60, 7 * 24 * 3600),
      loginMaxFailures: r.integer('LOGIN_MAX_FAILURES', 1, 100),
      loginLockMs: r.integer('LOGIN_LOCK_MS', 1_000, 24 * 3600 * 1000),
    },
    smtp: {
      host: r.string('SMTP_HOST'),
      port: r.integer('SMTP_PORT', 1, 65535),
      secure: r.boolean('SMTP_SECURE'),
      from: r.string('SMTP_FROM'),
    },
    sms: { gatewayUrl: httpUrl(r, 'SMS_GATEWAY_URL') },
    payments: {
      bankUrl: httpUrl(r, 'PAYMENT_BANK_URL'),
      timeoutMs: r.integer('PAYMENT_BANK_TIMEOUT_MS', 100, 120_000),
    },
    log: {
      format: r.oneOf('LOG_FORMAT', ['pretty', 'json'] as const),
      level: r.oneOf('LOG_LEVEL', ['error', 'warn', 'log', 'debug', 'verbose'] as const),
    },
    workflowBundlePath: r.optional('WORKFLOW_BUNDLE_PATH'),
    payloadEncryption: payloadKeyring(r),
    attachments: { maxBytes: r.integer('ATTACHMENT_MAX_BYTES', 1, MAX_ATTACHMENT_BYTES_CEILING) },
    worker: {
      maxCachedWorkflows: r.integer('WORKER_MAX_CACHED_WORKFLOWS', 0, 1_000_000),
      shutdownGraceMs: r.integer('WORKER_SHUTDOWN_GRACE_MS', 0, 600_000),
    },
  };
  if (r.problems.length > 0) throw new ConfigValidationError(r.problems);
  return config;
}
