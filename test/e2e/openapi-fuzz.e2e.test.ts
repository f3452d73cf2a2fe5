import fc from 'fast-check';
import { httpClient } from '../support/http-client';
import { EXTRA, fillPath, fuzzCases, MUTATING } from '../support/openapi-fuzz-cases';
import type { FuzzCase, Op, OpenApi } from '../support/openapi-fuzz-cases';
import { startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * The API's own OpenAPI document (GET /docs/openapi.json of the real API, over the real stack: API -> Temporal ->
 * PostgreSQL): first what it describes (every approval verb with its request body, its answer and each error with its
 * code; every error answer with the error body, and every operation behind a token with its 401; every campaign
 * endpoint with its 401 and error bodies), then bad input by the thousand generated from it.
 *
 * The fuzz: for every operation of the document, a caller that gets past the auth guard is found first (the first demo
 * user whose answer to a bad request is not 401/403), then generated bad input is sent as that caller: JSON bodies
 * derived from the requestBody schema with one field broken (wrong type, missing required field, out-of-range number,
 * oversized string, enum violation, odd unicode, deep nesting) or an unknown extra field, malformed JSON text, a ~3 MB
 * body, and non-UUID path parameters. Every mutating request (POST/PUT/PATCH/DELETE) is kept strictly invalid: its JSON
 * body always carries an unknown field (the global ValidationPipe forbids them), and operations without a body get only
 * malformed JSON or bad path parameters.
 *
 * Checks: no 5xx, no hang (10 s a request), every 4xx is JSON `{ code, message }`, a 400 to a body with a broken
 * field names that field, and no table row is added or removed. FUZZ_RUNS overrides the number of requests,
 * FUZZ_SEED the fast-check seed. The generators of the bad input are in test/support/openapi-fuzz-cases.ts.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_207);
const CONCURRENCY = 8;
const REQUEST_TIMEOUT_MS = 10_000;
/** Tried in this order for each operation: the first one the guard lets through is used. */
const CALLERS = ['applicant1', 'approver-g-east-1', 'approver-city', 'auditor1', 'admin1'] as const;
/**
 * Tables the API writes on refusal by design, left out of the before/after row count: `rejected_attempts` is the
 * audit record of refused requests (libs/audit), written for the fuzz's refusals on purpose.
 */
const WRITTEN_ON_REFUSAL = new Set([
  'rejected_attempts',
  // Written by reads (GET) by design, not by the refused mutations: GET /budgets/reconciliation keeps one row per
  // run ("kept per run"), and every audit export (GET, libs/audit-review) is logged in export_log.
  'payment_reconciliations',
  'export_log',
]);

interface Outcome {
  c: FuzzCase;
  status: number;
  body: unknown;
  error?: string;
}

let stack: TestStack;
const client = httpClient(() => stack.baseUrl!);
let doc: OpenApi;
/** The case generators over `doc`'s schemas. */
let generate: ReturnType<typeof fuzzCases>;
let ops: Op[];
const tokens = new Map<string, string>();

/** POSTs that change nothing: the Temporal codec-server protocol (pure encrypt/decrypt of the payloads sent). */
const PURE_POSTS = new Set(['POST /codec/decode', 'POST /codec/encode']);
/**
 * Answered by Node's HTTP parser itself, before Express and the exception filter, with no body: 431 for a request
 * line/headers over the 16 KB default (a few long query strings).
 */
const BODYLESS_BY_NODE = new Set([431]);

async function send(c: FuzzCase): Promise<Outcome> {
  const token = tokens.get(c.op.caller)!;
  const hasBody = c.raw !== undefined || c.json !== undefined;
  try {
    const response = await fetch(`${stack.baseUrl}${c.path}`, {
      method: c.op.method.toUpperCase(),
      headers: { authorization: `Bearer ${token}`, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      body: c.raw ?? (c.json === undefined ? undefined : JSON.stringify(c.json)),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: kept as text */
    }
    return { c, status: response.status, body };
  } catch (e) {
    return { c, status: 0, body: null, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

async function pool<T, R>(items: T[], n: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next;
        next += 1;
        out[i] = await run(items[i]);
      }
    }),
  );
  return out;
}

async function rowCounts(): Promise<Record<string, number>> {
  const tables = await stack.sql<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const out: Record<string, number> = {};
  for (const { tablename } of tables) {
    if (WRITTEN_ON_REFUSAL.has(tablename)) continue;
    const [row] = await stack.sql<{ n: string }>(`SELECT count(*) AS n FROM "${tablename}"`);
    out[tablename] = Number(row.n);
  }
  return out;
}

function describeCase(o: Outcome): string {
  const body = o.c.raw !== undefined ? o.c.raw.slice(0, 80) : JSON.stringify(o.c.json)?.slice(0, 200);
  return `${o.c.op.method.toUpperCase()} ${o.c.path.slice(0, 120)} [${o.c.kind}${o.c.note ? ` ${o.c.note}` : ''}] as ${o.c.op.caller} -> ${o.status}${
    o.error ? ` (${o.error})` : ''
  } body=${body ?? '-'} answer=${JSON.stringify(o.body)?.slice(0, 300)}`;
}

beforeAll(async () => {
  stack = await startTestStack({ http: true });
  const response = await fetch(`${stack.baseUrl}/docs/openapi.json`);
  doc = (await response.json()) as OpenApi;
  generate = fuzzCases(doc);
  for (const username of CALLERS) tokens.set(username, await client.login(username));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

interface DescribedOperation {
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: { $ref?: string } }> }>;
}

interface DescribedApi {
  paths: Record<string, Record<string, DescribedOperation>>;
  components: {
    schemas: Record<string, { required?: string[]; properties: Record<string, { enum?: string[] }> }>;
  };
}

describe('what the OpenAPI document describes', () => {
  it('describes every verb in OpenAPI: the request body, the answer and each error with its code', async () => {
    const res = await client.request<DescribedApi>('GET', '/docs/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    const verbs: Array<[string, string | null, number[]]> = [
      ['/applications/{id}/decisions', 'DecisionDto', [400, 401, 403, 404, 409]],
      ['/applications/{id}/return', 'ReturnDto', [400, 401, 403, 404, 409, 422]],
      ['/applications/{id}/resubmit', 'ResubmitDto', [400, 401, 403, 404, 409]],
      ['/applications/{id}/withdraw', 'CommentOnlyDto', [400, 401, 403, 404, 409]],
      ['/applications/{id}/transfer', 'TransferDto', [400, 401, 403, 404, 409, 422]],
      ['/applications/{id}/approvers', 'AddApproverDto', [400, 401, 403, 404, 409, 422]],
      ['/applications/{id}/copies', 'CopyDto', [400, 401, 403, 404, 409, 422]],
      ['/applications/{id}/urge', 'CommentOnlyDto', [400, 401, 403, 404, 409, 422, 429]],
      ['/applications/{id}/comments', 'CommentDto', [400, 401, 403, 404, 409, 422]],
      ['/tasks/bulk-decisions', 'BulkDecisionDto', [400, 401, 403]],
    ];
    for (const [path, dto, errors] of verbs) {
      const op = doc.paths[path]?.post;
      expect({ path, described: op !== undefined }).toEqual({ path, described: true });
      expect({ path, body: op.requestBody?.content['application/json'].schema.$ref }).toEqual({
        path,
        body: `#/components/schemas/${dto}`,
      });
      const answer = path === '/tasks/bulk-decisions' ? 'BulkDecisionResponse' : 'ApplicationResponse';
      expect({ path, ok: op.responses['200']?.content?.['application/json'].schema.$ref }).toEqual({
        path,
        ok: `#/components/schemas/${answer}`,
      });
      for (const status of errors) {
        const response = op.responses[String(status)];
        expect({ path, status, body: response?.content?.['application/json'].schema.$ref }).toEqual({
          path,
          status,
          body: '#/components/schemas/ErrorResponse',
        });
        expect(response.description).toMatch(/[A-Z_]{6,}/); // names the error code(s)
      }
    }
    expect(doc.paths['/applications/{id}/urge'].post.responses['429'].description).toContain('URGED_TOO_RECENTLY');
    expect(doc.components.schemas.ReturnDto.required).toEqual(['comment']);
    expect(doc.components.schemas.AddApproverDto.properties.position.enum).toEqual(['before', 'after']);
    expect(doc.components.schemas.ErrorResponse.required).toEqual(['code', 'message']);
    expect(Object.keys(doc.components.schemas.TaskResponse.properties)).toContain('assignment');
    expect(Object.keys(doc.components.schemas.ApplicationResponse.properties)).toContain('actions');
  });

  it('gives every error answer in OpenAPI the error body, and every operation behind a token its 401', async () => {
    const { body: doc } = await client.request<DescribedApi>('GET', '/docs/openapi.json');
    const problems: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const [status, response] of Object.entries(op.responses)) {
          const ref = response.content?.['application/json']?.schema.$ref;
          if (Number(status) >= 400 && ref !== '#/components/schemas/ErrorResponse') {
            problems.push(`${where} ${status} has no ErrorResponse body`);
          }
        }
        const isPublic = path === '/auth/login' || path === '/health';
        if (!isPublic && !op.responses['401']) problems.push(`${where} does not document 401`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('describes every campaign endpoint in OpenAPI with its 401 and error bodies', async () => {
    const doc = await client.request<{
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>
      >;
    }>('GET', '/docs/openapi.json');
    const campaignPaths = Object.keys(doc.body.paths).filter((p) => p.startsWith('/campaigns'));
    expect(campaignPaths.sort()).toEqual([
      '/campaigns',
      '/campaigns/{id}',
      '/campaigns/{id}/close',
      '/campaigns/{id}/report',
      '/campaigns/{id}/start',
      '/campaigns/{id}/visits',
      '/campaigns/{id}/visits/confirmations',
      '/campaigns/{id}/visits/{visitId}/confirmation',
    ]);
    for (const path of campaignPaths) {
      for (const op of Object.values(doc.body.paths[path])) {
        expect(op.responses['401']).toBeDefined();
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) >= 400) {
            expect(response.content?.['application/json']?.schema.$ref).toBe('#/components/schemas/ErrorResponse');
          }
        }
      }
    }
    expect(JSON.stringify(doc.body.paths['/campaigns/{id}/start'].post.responses['422'])).toContain(
      'CAMPAIGN_BUDGET_SHORTFALL',
    );
  });
});

test(`${RUNS} bad requests over every operation of the OpenAPI document: no 5xx, no hang, coded 4xx, nothing written`, async () => {
  const started = Date.now();
  process.stderr.write(`openapi-fuzz: fast-check seed ${SEED}, ${RUNS} requests, concurrency ${CONCURRENCY}\n`);
  const candidates: Omit<Op, 'caller'>[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const json = operation.requestBody?.content?.['application/json']?.schema;
      candidates.push({
        label: `${method.toUpperCase()} ${path}`,
        method,
        path: path.replace(/\{([^}]+)\}/g, '{$1}'),
        pathParams: (operation.parameters ?? []).filter((p) => p.in === 'path'),
        queryParams: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        body: json ? generate.resolve(json) : null,
      });
    }
  }
  expect(candidates.length).toBeGreaterThan(0);

  // A caller for each operation: the first demo user the guard lets through, asked with a bad request.
  ops = [];
  for (const candidate of candidates) {
    let chosen: string | null = null;
    for (const caller of CALLERS) {
      const op: Op = { ...candidate, caller };
      // Guards run before pipes: a body with an unknown field, or a non-UUID id, is refused after the guard.
      const badId = op.pathParams.length ? { [op.pathParams[0].name]: 'not-a-uuid' } : {};
      const probe: FuzzCase = op.body
        ? { op, kind: 'extraField', path: fillPath(op, {}), json: { [EXTRA]: 'always refused' } }
        : MUTATING.has(op.method)
          ? op.pathParams.length
            ? { op, kind: 'badPathParam', path: fillPath(op, badId) }
            : { op, kind: 'malformedJson', path: fillPath(op, {}), raw: '{"a":' }
          : { op, kind: 'badQuery', path: fillPath(op, {}) };
      const o = await send(probe);
      if (o.status !== 401 && o.status !== 403) {
        chosen = caller;
        break;
      }
    }
    // Nobody passes the guard with a random id (the guard needs the case itself): the admin then, still refused.
    ops.push({ ...candidate, caller: chosen ?? 'admin1' });
  }

  const before = await rowCounts();
  const perOp = Math.ceil(RUNS / ops.length);
  const cases: FuzzCase[] = [];
  ops.forEach((op, i) => {
    cases.push(...fc.sample(generate.caseArb(op), { seed: SEED + i, numRuns: perOp }));
  });
  // A ~3 MB body on a few endpoints with a JSON body.
  const withBody = ops.filter((op) => op.body).slice(0, 4);
  for (const op of withBody) {
    const big = JSON.stringify({ [EXTRA]: 'always refused', filler: 'y'.repeat(3 * 1024 * 1024) });
    cases.push({ op, kind: 'hugeBody', path: fillPath(op, {}), raw: big });
  }

  const outcomes = await pool(cases, CONCURRENCY, send);
  const after = await rowCounts();

  const histogram: Record<string, number> = {};
  for (const o of outcomes) histogram[o.status] = (histogram[o.status] ?? 0) + 1;
  const serverErrors = outcomes.filter((o) => o.status >= 500 || o.status === 0);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `openapi-fuzz figures: seed ${SEED}, requests ${outcomes.length}, operations covered ${
      new Set(outcomes.map((o) => o.c.op.label)).size
    }/${ops.length}, status histogram ${JSON.stringify(histogram)}, 5xx/timeouts seen ${serverErrors.length}, duration ${seconds} s\n`,
  );

  const failures: string[] = [];
  for (const o of serverErrors) failures.push(`5xx or hang: ${describeCase(o)}`);
  for (const o of outcomes) {
    if (o.status >= 400 && o.status < 500 && !BODYLESS_BY_NODE.has(o.status)) {
      const b = o.body as { code?: unknown; message?: unknown } | null;
      if (typeof b !== 'object' || b === null || typeof b.code !== 'string' || typeof b.message !== 'string')
        failures.push(`4xx without { code, message }: ${describeCase(o)}`);
      else if (o.status === 400 && o.c.expectField && !JSON.stringify(b).includes(o.c.expectField))
        failures.push(`400 not naming ${o.c.expectField}: ${describeCase(o)}`);
    }
    if (MUTATING.has(o.c.op.method) && !PURE_POSTS.has(o.c.op.label) && o.status >= 200 && o.status < 300)
      failures.push(`mutating request accepted: ${describeCase(o)}`);
  }
  if (failures.length)
    process.stderr.write(`openapi-fuzz failures (${failures.length}):\n${failures.slice(0, 40).join('\n')}\n`);

  expect(new Set(outcomes.map((o) => o.c.op.label)).size).toBe(ops.length);
  expect(outcomes.length).toBeGreaterThanOrEqual(RUNS);
  expect(failures).toEqual([]);
  expect(after).toEqual(before);
}, 600_000);
