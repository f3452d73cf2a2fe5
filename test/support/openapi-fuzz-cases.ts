import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

/**
 * The bad requests of the OpenAPI fuzz (test/e2e/openapi-fuzz.e2e.test.ts), generated with fast-check from the API's
 * own OpenAPI document: the document's shapes, the operation under fuzz and one generated case, and the generators of
 * each kind of bad input (a JSON body with one field broken or an unknown field, a bad path parameter, malformed JSON,
 * a bad query string). A mutating request is always kept invalid: its JSON body carries the unknown field `EXTRA`.
 */

export const MUTATING = new Set(['post', 'put', 'patch', 'delete']);

export type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};
export type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
export type Operation = {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
export type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

export interface Op {
  label: string;
  method: string;
  path: string;
  pathParams: Parameter[];
  queryParams: string[];
  /** The resolved JSON requestBody schema, when the operation takes a JSON body. */
  body: Schema | null;
  caller: string;
}

export type Kind =
  | 'wrongType'
  | 'missingRequired'
  | 'extraField'
  | 'outOfRange'
  | 'oversized'
  | 'enumViolation'
  | 'oddUnicode'
  | 'deepNesting'
  | 'malformedJson'
  | 'hugeBody'
  | 'badPathParam'
  | 'badQuery';

export interface FuzzCase {
  op: Op;
  kind: Kind;
  path: string;
  /** A JSON value to send, or raw text (malformed / huge). */
  json?: unknown;
  raw?: string;
  /** The top-level field a 400 must name. */
  expectField?: string;
  note?: string;
}

export const EXTRA = '__fuzzUnknownField';
/**
 * Deeply nested bodies, up to this depth. The fuzz found that a body ~2,400 levels deep overflowed the stack in the
 * global ValidationPipe (a 500); the API now refuses a body nested deeper than 32 levels with 400 before the pipe
 * (DepthLimitedValidationPipe), so the default reaches past where it used to break (this client cannot serialise
 * much deeper than about 4,000).
 */
const MAX_DEPTH = Number(process.env.FUZZ_MAX_DEPTH ?? 3_000);
const ODD_STRINGS = [
  'a\u0000b',
  '\u0001\u0002\u0003\u001f\u007f',
  '\ud800',
  'x\udfffy',
  'line\r\n2026-12-07T00:00:00Z INFO login ok user=admin1\r\n',
  '\u202etxt.exe',
  '\ufeff\u200b\u2028\u2029',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩‍👩‍👧 ﷽',
  '%00%0d%0a${jndi:ldap://x}',
  "'; DROP TABLE users; --",
];

function nested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) v = { a: v };
  return v;
}

const NON_UUIDS = fc.oneof(
  fc.constantFrom(
    '1',
    '0',
    '-1',
    'null',
    'undefined',
    'true',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    '%E2%80%AE',
    'a'.repeat(300),
  ),
  fc.uuid().map((u) => u.slice(0, 35)),
  fc.uuid().map((u) => `${u}x`),
  fc.uuid().map((u) => u.replace(/-/g, '')),
  fc.string({ minLength: 1, maxLength: 40 }).map((s) => encodeURIComponent(`z${s}`)),
);

export function fillPath(op: Op, values: Record<string, string>): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? randomUUID());
}

function validPathArb(op: Op): fc.Arbitrary<string> {
  return fc.constant(null).map(() => fillPath(op, {}));
}

function pathCaseArb(op: Op): fc.Arbitrary<FuzzCase> {
  const names = op.pathParams.map((p) => p.name);
  return fc.tuple(fc.constantFrom(...names), NON_UUIDS).map(([name, bad]) => ({
    op,
    kind: 'badPathParam' as const,
    path: fillPath(op, { [name]: bad }),
    // A mutating operation with a body keeps its body invalid too.
    ...(op.body && MUTATING.has(op.method) ? { json: { [EXTRA]: 'always refused' } } : {}),
  }));
}

const MALFORMED = fc.constantFrom(
  '{"a":',
  '{',
  '[1,2',
  "{'single':'quotes'}",
  '{"a":1,}',
  'undefined',
  '{"a":"\\x00"}',
  '\u0000\u0000',
  '{"__proto__":{"polluted":true},',
  '{"a": NaN',
);

const BAD_QUERY_VALUES = fc.oneof(
  fc.constantFrom('-1', '1e309', 'NaN', 'true', '[]', '{}', '%00', '%0d%0aX-Injected:%201', 'a'.repeat(5_000)),
  fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s)),
  fc.constantFrom(...ODD_STRINGS).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '?'))),
);

/** Reads (GET) get bad query strings: declared parameters with bad values, unknown ones, repeated ones. */
function queryCaseArb(op: Op): fc.Arbitrary<FuzzCase> {
  const names = [...op.queryParams, 'unknownFuzzParam', 'limit', 'offset', 'page'];
  return fc
    .tuple(
      validPathArb(op),
      fc.array(fc.tuple(fc.constantFrom(...names), BAD_QUERY_VALUES), { minLength: 1, maxLength: 4 }),
      fc.boolean(),
    )
    .map(([path, pairs, repeat]) => {
      const all = repeat ? [...pairs, ...pairs] : pairs;
      return { op, kind: 'badQuery' as const, path: `${path}?${all.map(([k, v]) => `${k}=${v}`).join('&')}` };
    });
}

/** The generators that read the document's schemas: `resolve` follows its $refs, `caseArb` makes an operation's cases. */
export function fuzzCases(doc: OpenApi) {
  function resolve(schema: Schema | undefined, depth = 0): Schema {
    if (!schema || depth > 10) return {};
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      return resolve(doc.components?.schemas?.[name], depth + 1);
    }
    const composed = schema.allOf ?? schema.oneOf ?? schema.anyOf;
    if (composed?.length) return resolve(composed[0], depth + 1);
    return schema;
  }

  function validValue(raw: Schema | undefined, depth = 0): unknown {
    const s = resolve(raw);
    if (s.enum?.length) return s.enum[0];
    switch (s.type ?? 'string') {
      case 'integer':
      case 'number':
        return s.minimum ?? 1;
      case 'boolean':
        return false;
      case 'array':
        return [];
      case 'object':
        return depth > 4 ? {} : validObject(s, depth + 1);
      default:
        if (s.format === 'uuid') return randomUUID();
        if (s.format === 'date-time') return '2099-01-01T00:00:00.000Z';
        if (s.format === 'date') return '2099-01-01';
        if (s.format === 'email') return 'fuzz@example.invalid';
        return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    }
  }

  function validObject(s: Schema, depth = 0): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of s.required ?? []) out[name] = validValue(s.properties?.[name], depth);
    return out;
  }

  /** A value that is certainly not of the field's type. */
  function wrongTypeArb(raw: Schema): fc.Arbitrary<unknown> {
    const s = resolve(raw);
    const objectish = fc.oneof(fc.constant({ nested: { value: 1 } }), fc.constant([1, 'two', { three: 3 }]));
    switch (s.type ?? 'string') {
      case 'integer':
      case 'number':
        return fc.oneof(fc.constant('not-a-number'), fc.constant('12abc'), objectish);
      case 'boolean':
        return fc.oneof(fc.constant('maybe'), fc.integer({ min: 2, max: 1000 }), objectish);
      case 'array':
        return fc.oneof(fc.constant('not-an-array'), fc.integer(), fc.constant({ length: 1 }));
      case 'object':
        return fc.oneof(fc.constant('not-an-object'), fc.integer(), fc.constant(true));
      default:
        // Finite: JSON.stringify turns an infinite double into null, which an optional field rightly accepts.
        return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), objectish);
    }
  }

  /** The body cases of one operation with a JSON body. */
  function bodyCaseArb(op: Op): fc.Arbitrary<FuzzCase> {
    const s = op.body!;
    const props = Object.entries(s.properties ?? {});
    const required = s.required ?? [];
    const base = validObject(s);
    const pathArb = validPathArb(op);
    const mutating = MUTATING.has(op.method);
    const send = (json: Record<string, unknown>): Record<string, unknown> =>
      mutating ? { ...json, [EXTRA]: 'always refused' } : json;
    const kinds: fc.Arbitrary<FuzzCase>[] = [];
    kinds.push(
      fc
        .tuple(pathArb, fc.string({ minLength: 1, maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }))
        .map(([path, suffix, value]) => {
          const field = `${EXTRA}_${suffix.replace(/[^A-Za-z0-9]/g, 'x')}`;
          return { op, kind: 'extraField' as const, path, json: { ...send(base), [field]: value }, expectField: field };
        }),
    );
    if (props.length) {
      const prop = fc.constantFrom(...props);
      kinds.push(
        fc.tuple(pathArb, prop).chain(([path, [name, schema]]) =>
          wrongTypeArb(schema).map((v) => ({
            op,
            kind: 'wrongType' as const,
            path,
            json: send({ ...base, [name]: v }),
            expectField: name,
          })),
        ),
      );
      kinds.push(
        fc.tuple(pathArb, prop, fc.constantFrom(...ODD_STRINGS)).map(([path, [name], v]) => ({
          op,
          kind: 'oddUnicode' as const,
          path,
          json: send({ ...base, [name]: v }),
        })),
      );
      kinds.push(
        fc.tuple(pathArb, prop, fc.integer({ min: 20, max: MAX_DEPTH })).map(([path, [name], d]) => ({
          op,
          kind: 'deepNesting' as const,
          path,
          json: send({ ...base, [name]: nested(d) }),
          note: `depth ${d}`,
        })),
      );
      const strings = props.filter(([, p]) => (resolve(p).type ?? 'string') === 'string' && !resolve(p).enum);
      if (strings.length)
        kinds.push(
          fc
            .tuple(pathArb, fc.constantFrom(...strings), fc.integer({ min: 10_000, max: 200_000 }))
            .map(([path, [name, p], n]) => {
              const max = resolve(p).maxLength;
              const length = max !== undefined ? Math.max(max + 1, Math.min(n, max * 10 + 1)) : n;
              return {
                op,
                kind: 'oversized' as const,
                path,
                json: send({ ...base, [name]: 'é'.repeat(length) }),
                // With a maxLength in the document, the field itself is invalid and must be named.
                expectField: max !== undefined ? name : undefined,
              };
            }),
        );
      const numbers = props.filter(([, p]) => ['integer', 'number'].includes(resolve(p).type ?? ''));
      if (numbers.length)
        kinds.push(
          fc.tuple(pathArb, fc.constantFrom(...numbers), fc.boolean()).map(([path, [name, p], high]) => {
            const r = resolve(p);
            const bounded = high ? r.maximum !== undefined : r.minimum !== undefined;
            const v = high
              ? r.maximum !== undefined
                ? r.maximum + 1
                : Number.MAX_SAFE_INTEGER * 1000
              : r.minimum !== undefined
                ? r.minimum - 1
                : -1e308;
            return {
              op,
              kind: 'outOfRange' as const,
              path,
              json: send({ ...base, [name]: v }),
              expectField: bounded ? name : undefined,
            };
          }),
        );
      const enums = props.filter(([, p]) => resolve(p).enum?.length);
      if (enums.length)
        kinds.push(
          fc
            .tuple(pathArb, fc.constantFrom(...enums), fc.string({ minLength: 1, maxLength: 12 }))
            .map(([path, [name], v]) => ({
              op,
              kind: 'enumViolation' as const,
              path,
              json: send({ ...base, [name]: `NOT_IN_ENUM_${v}` }),
              expectField: name,
            })),
        );
    }
    if (required.length)
      kinds.push(
        fc.tuple(pathArb, fc.constantFrom(...required)).map(([path, name]) => {
          const json = { ...base };
          delete json[name];
          return { op, kind: 'missingRequired' as const, path, json: send(json), expectField: name };
        }),
      );
    return fc.oneof(...kinds);
  }

  function caseArb(op: Op): fc.Arbitrary<FuzzCase> {
    const kinds: fc.Arbitrary<FuzzCase>[] = [];
    if (op.body) kinds.push(bodyCaseArb(op), bodyCaseArb(op), bodyCaseArb(op));
    if (op.pathParams.some((p) => p.schema?.format === 'uuid' || /id$/i.test(p.name))) kinds.push(pathCaseArb(op));
    if (op.method !== 'get')
      kinds.push(
        fc.tuple(validPathArb(op), MALFORMED).map(([path, raw]) => ({ op, kind: 'malformedJson' as const, path, raw })),
      );
    if (op.method === 'get') kinds.push(queryCaseArb(op));
    return fc.oneof(...kinds);
  }

  return { resolve, caseArb };
}
