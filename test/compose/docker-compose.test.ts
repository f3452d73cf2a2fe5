import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, ConfigValidationError, loadConfig } from '../../libs/config/src/app-config';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '@aidflow/workflows/search-attribute-names';

/**
 * Static checks of the production deployment files (no Docker engine needed): docker-compose.yml must hand the
 * api, the worker and migrate a configuration that loadConfig accepts and that points at the services the same
 * file defines, in the right start order; the Dockerfile must build what the compose file runs.
 */

const ROOT = join(__dirname, '..', '..');

type EnvValue = string | number | boolean | null;
type Environment = Record<string, EnvValue> | string[];
type PortSpec = string | number | { target: number; published?: string | number };
interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Environment;
  ports?: PortSpec[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  restart?: string;
}
interface ComposeFile {
  services: Record<string, Service>;
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

/** What an operator exports before `docker compose up`; everything else must come from the file's defaults. */
const EXPORTED: Record<string, string> = {
  POSTGRES_PASSWORD: 'compose-test-password',
  JWT_SECRET: 'compose-test-jwt-secret-0123456789abcdef',
  PAYLOAD_KEYS: `compose-k1:${Buffer.alloc(32, 7).toString('base64')}`,
  PAYLOAD_KEY_CURRENT: 'compose-k1',
};

/** Compose's interpolation, as far as this file uses it: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}. */
function interpolate(value: string, exported: Record<string, string> = EXPORTED): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match: string, braced?: string, operator?: string, argument?: string, bare?: string): string => {
      if (match === '$$') return '$';
      const name = (braced ?? bare) as string;
      const given = exported[name];
      switch (operator) {
        case undefined:
          return given ?? '';
        case ':-':
          return given ? given : (argument ?? '');
        case '-':
          return given !== undefined ? given : (argument ?? '');
        case ':?':
        case '?':
          if (given === undefined || (operator === ':?' && given === '')) {
            throw new Error(`required variable ${name} is missing a value: ${argument ?? ''}`);
          }
          return given;
        default:
          return given ?? '';
      }
    },
  );
}

function service(name: string): Service {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

/** A service's environment as written in the file (before interpolation). */
function rawEnvironment(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  const entries: [string, string][] = Array.isArray(env)
    ? env.map((line): [string, string] => {
        const at = line.indexOf('=');
        return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
      })
    : Object.entries(env).map(([key, value]): [string, string] => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(entries);
}

/** A service's environment as the container sees it when only EXPORTED (or `exported`) is set on the host. */
function environment(name: string, exported: Record<string, string> = EXPORTED): Record<string, string> {
  return Object.fromEntries(
    Object.entries(rawEnvironment(name)).map(([key, value]) => [key, interpolate(value, exported)]),
  );
}

function dependencies(name: string): Record<string, string | undefined> {
  const deps = service(name).depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((dep) => [dep, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([dep, spec]) => [dep, spec.condition ?? 'service_started']));
}

function containerPorts(name: string): number[] {
  return (service(name).ports ?? []).map((port) => {
    if (typeof port === 'object') return Number(port.target);
    const spec = interpolate(String(port)).split('/')[0];
    return Number(spec.split(':').pop());
  });
}

function commandText(name: string): string {
  const { command, entrypoint } = service(name);
  return [entrypoint, command]
    .flat()
    .filter((part) => part !== undefined)
    .join(' ');
}

function without(values: Record<string, string>, omitted: string): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => key !== omitted));
}

function hostAndPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
}

/** Variables without which loadConfig fails, found by leaving each one out of an otherwise complete environment. */
function requiredVariables(): string[] {
  const samples: Record<string, string> = {
    DATABASE_URL: 'postgres://aidflow:secret@127.0.0.1:5432/aidflow',
    JWT_SECRET: 'x'.repeat(32),
    PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
    PAYLOAD_KEY_CURRENT: 'k1',
  };
  const complete = Object.fromEntries(
    Object.entries(CONFIG_VARIABLES).map(([key, fallback]) => [key, samples[key] ?? fallback ?? 'sample-value']),
  );
  return Object.keys(CONFIG_VARIABLES).filter((key) => {
    try {
      loadConfig(without(complete, key));
      return false;
    } catch (err) {
      return err instanceof ConfigValidationError && err.problems.some((problem) => problem.startsWith(`${key} `));
    }
  });
}

const APP_SERVICES = ['api', 'worker'];
const REQUIRED = requiredVariables();

describe('docker-compose.yml', () => {
  it('treats DATABASE_URL, JWT_SECRET and the payload keys as the required config variables it must set', () => {
    expect(REQUIRED).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'JWT_SECRET', 'PAYLOAD_KEYS', 'PAYLOAD_KEY_CURRENT']),
    );
  });

  it.each(APP_SERVICES)('sets every required config variable for the %s', (name) => {
    const env = rawEnvironment(name);
    expect(REQUIRED.filter((key) => !env[key])).toEqual([]);
  });

  it('gives migrate the DATABASE_URL it migrates', () => {
    expect(rawEnvironment('migrate').DATABASE_URL).toBeTruthy();
  });

  it.each([...APP_SERVICES, 'migrate'])('sets only config variables the app knows on the %s (no typos)', (name) => {
    const unknown = Object.keys(rawEnvironment(name)).filter((key) => !(key in CONFIG_VARIABLES));
    expect(unknown).toEqual([]);
  });

  it.each(APP_SERVICES)(
    'gives the %s an environment loadConfig accepts once the secrets (password, JWT secret, payload keys) are exported',
    (name) => {
      const config = loadConfig(environment(name));
      expect(config.log.format).toBe('json');
      expect(config.auth.jwtSecret).toBe(EXPORTED.JWT_SECRET);
      expect(config.payloadEncryption.currentKeyId).toBe(EXPORTED.PAYLOAD_KEY_CURRENT);
    },
  );

  it.each(Object.keys(EXPORTED))('refuses to start the app while %s is not exported', (secret) => {
    for (const name of APP_SERVICES) {
      expect(() => environment(name, without(EXPORTED, secret))).toThrow(new RegExp(`required variable ${secret}`));
    }
  });

  it('points DATABASE_URL of the api, the worker and migrate at the postgres service, its port 5432, user and database', () => {
    const postgres = environment('postgres');
    expect(postgres.PGPORT).toBeUndefined();
    for (const name of [...APP_SERVICES, 'migrate']) {
      const url = new URL(environment(name).DATABASE_URL);
      expect(url.protocol).toBe('postgres:');
      expect(compose.services[url.hostname]).toBe(service('postgres'));
      expect(url.port).toBe('5432');
      expect(decodeURIComponent(url.username)).toBe(postgres.POSTGRES_USER);
      expect(decodeURIComponent(url.password)).toBe(postgres.POSTGRES_PASSWORD);
      expect(url.pathname).toBe(`/${postgres.POSTGRES_DB}`);
    }
  });

  it('gives the api and the worker the same database, Temporal namespace and task queue', () => {
    const [api, worker] = APP_SERVICES.map((name) => loadConfig(environment(name)));
    expect(worker.databaseUrl).toBe(api.databaseUrl);
    expect(worker.temporal).toEqual(api.temporal);
  });

  it('gives the api and the worker the same payload keys, so each decrypts what the other encrypts', () => {
    const [api, worker] = APP_SERVICES.map((name) => loadConfig(environment(name)));
    expect(worker.payloadEncryption).toEqual(api.payloadEncryption);
  });

  it("points the Temporal UI's codec endpoint at the api's /codec, and lets the UI's origin call it", () => {
    const api = loadConfig(environment('api'));
    const endpoint = new URL(environment('temporal-ui').TEMPORAL_CODEC_ENDPOINT);
    expect(endpoint.pathname).toBe('/codec');
    expect(endpoint.origin).toBe(new URL(api.api.publicUrl).origin);
    const [published] = (service('temporal-ui').ports ?? []).filter((port) => typeof port === 'string');
    const [host, port] = String(published).split(':');
    expect(api.api.codecCorsOrigins).toContain(`http://${host}:${port}`);
  });

  it('points TEMPORAL_ADDRESS of the api and the worker at the temporal service on its gRPC port 7233', () => {
    const temporal = service('temporal');
    expect(temporal.image).toMatch(/^temporalio\/(server|auto-setup):/);
    expect(environment('temporal').FRONTEND_GRPC_PORT ?? '7233').toBe('7233');
    for (const name of APP_SERVICES) {
      const { host, port } = hostAndPort(environment(name).TEMPORAL_ADDRESS);
      expect(compose.services[host]).toBe(temporal);
      expect(port).toBe(7233);
    }
  });

  it('stores Temporal in the postgres service', () => {
    const temporal = environment('temporal');
    const postgres = environment('postgres');
    expect(temporal.DB).toBe('postgres12');
    expect(compose.services[temporal.POSTGRES_SEEDS]).toBe(service('postgres'));
    expect(temporal.DB_PORT).toBe('5432');
    expect(temporal.POSTGRES_USER).toBe(postgres.POSTGRES_USER);
    expect(temporal.POSTGRES_PWD).toBe(postgres.POSTGRES_PASSWORD);
  });

  it('publishes the container port the api listens on, on all interfaces of the container', () => {
    const config = loadConfig(environment('api'));
    expect(config.api.host).toBe('0.0.0.0');
    expect(containerPorts('api')).toContain(config.api.port);
  });

  it('health-checks the api on its /health endpoint and API_PORT', () => {
    const config = loadConfig(environment('api'));
    const probe = [service('api').healthcheck?.test ?? []].flat().join(' ');
    expect(probe).toContain(`:${config.api.port}/health`);
  });

  it('points the Temporal UI at temporal:7233', () => {
    const { host, port } = hostAndPort(environment('temporal-ui').TEMPORAL_ADDRESS);
    expect(compose.services[host]).toBe(service('temporal'));
    expect(port).toBe(7233);
    expect(containerPorts('temporal-ui')).toContain(8080);
  });

  it('registers every search attribute the workflows use, in the namespace the app uses', () => {
    const script = commandText('temporal-admin-tools');
    expect(script).toContain('search-attribute create');
    for (const registration of SEARCH_ATTRIBUTE_REGISTRATIONS) expect(script).toContain(registration);
    expect(environment('temporal-admin-tools').TEMPORAL_NAMESPACE).toBe(environment('api').TEMPORAL_NAMESPACE);
  });

  it('pins every image to an explicit version tag (no implicit or explicit latest)', () => {
    const problems = Object.entries(compose.services).flatMap(([name, { image, build }]) => {
      if (image === undefined) return build === undefined ? [`${name}: neither image nor build`] : [];
      const tag = /^[^@\s]+:([^:/@\s]+)$/.exec(interpolate(image))?.[1];
      if (tag === undefined) return [`${name}: ${image} has no tag`];
      if (tag === 'latest') return [`${name}: ${image} uses latest`];
      if (build === undefined && !/\d/.test(tag)) return [`${name}: ${image} is not a version tag`];
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('runs migrate once postgres is healthy, and only once', () => {
    expect(dependencies('migrate')).toEqual({ postgres: 'service_healthy' });
    expect(service('migrate').restart).toBe('no');
  });

  it.each(APP_SERVICES)(
    'starts the %s only after migrate succeeded, Temporal is healthy and its search attributes are registered',
    (name) => {
      expect(dependencies(name)).toEqual({
        migrate: 'service_completed_successfully',
        temporal: 'service_healthy',
        'temporal-admin-tools': 'service_completed_successfully',
      });
    },
  );

  it('starts Temporal after its schema is set up in a healthy postgres, and registers attributes once it is healthy', () => {
    expect(dependencies('temporal-schema')).toEqual({ postgres: 'service_healthy' });
    expect(dependencies('temporal')).toEqual({ 'temporal-schema': 'service_completed_successfully' });
    expect(dependencies('temporal-admin-tools')).toEqual({ temporal: 'service_healthy' });
    expect(service('postgres').healthcheck?.test).toBeDefined();
    expect(service('temporal').healthcheck?.test).toBeDefined();
  });

  it('runs, in the api, worker and migrate containers, compiled entry points of sources that exist', () => {
    const expected: Record<string, string> = {
      api: 'apps/api/src/main',
      worker: 'apps/worker/src/main',
      migrate: 'scripts/migrate',
    };
    for (const [name, source] of Object.entries(expected)) {
      const command = [service(name).command ?? []].flat();
      expect(command).toContain(`dist/${source}.js`);
      expect(existsSync(join(ROOT, `${source}.ts`))).toBe(true);
      const preload = command[command.indexOf('-r') + 1];
      if (command.includes('-r')) expect(existsSync(join(ROOT, preload))).toBe(true);
      expect(service(name).build).toBeDefined();
    }
  });
});

describe('Dockerfile', () => {
  it('refers only to compiled scripts whose TypeScript sources exist', () => {
    const compiled = [...dockerfile.matchAll(/\bdist\/([\w./-]+)\.js\b/g)].map((match) => match[1]);
    expect(compiled).toEqual(expect.arrayContaining(['apps/api/src/main', 'scripts/bundle-workflows']));
    const bundleOutput = /bundle-workflows\.js\s+(\S+)/.exec(dockerfile)?.[1];
    const missing = compiled
      .filter((path) => `dist/${path}.js` !== bundleOutput)
      .filter((path) => !existsSync(join(ROOT, `${path}.ts`)));
    expect(missing).toEqual([]);
  });

  it('points the worker at the workflow bundle it builds', () => {
    const bundleOutput = /bundle-workflows\.js\s+(\S+)/.exec(dockerfile)?.[1];
    const workdirs = [...dockerfile.matchAll(/^WORKDIR\s+(\S+)/gm)].map((match) => match[1]);
    const bundlePath = /WORKFLOW_BUNDLE_PATH=(\S+)/.exec(dockerfile)?.[1];
    expect(bundleOutput).toBeDefined();
    expect(bundlePath).toBeDefined();
    expect(bundlePath).toBe(posix.join(workdirs[workdirs.length - 1], bundleOutput as string));
    const workerOverride = rawEnvironment('worker').WORKFLOW_BUNDLE_PATH;
    if (workerOverride !== undefined) expect(workerOverride).toBe(bundlePath);
  });

  it('copies into the runtime image the files the path-alias preload reads', () => {
    const runtime = dockerfile.slice(dockerfile.search(/^FROM .* AS runtime$/m));
    expect(runtime).toMatch(/^COPY --from=build .*\btsconfig\.json\b/m);
    expect(runtime).toMatch(/^COPY --from=build .*scripts\/register-dist-paths\.js/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/node_modules /m);
  });
});
