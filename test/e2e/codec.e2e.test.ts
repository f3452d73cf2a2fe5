import { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { applicationWorkflowId } from '../../libs/temporal/src';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * The codec endpoint the Temporal Web UI and CLI call to show encrypted payloads (Temporal's codec-server
 * protocol), over HTTP: auditors and administrators decode, nobody else; browsers only from the UI's origin.
 */

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ http: true });
});

afterAll(async () => {
  await stack?.stop();
});

interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}

async function http<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

async function login(username: string): Promise<string> {
  const { status, body } = await http<{ accessToken: string }>('POST', '/auth/login', {
    body: { username, password: 'aidflow-demo' },
  });
  expect(status).toBe(200);
  return body.accessToken;
}

const toJson = (p: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});
const fromJson = (p: JsonPayload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data, 'base64'),
});
const metadataText = (p: JsonPayload, key: string): string => Buffer.from(p.metadata[key] ?? '', 'base64').toString();

/** The encrypted workflow input of a freshly submitted application, as the Web UI sends it. */
let encryptedInput: JsonPayload;
let applicationId: string;

beforeAll(async () => {
  const applicant = await login('applicant1');
  const created = await http<{ id: string }>('POST', '/applications', {
    token: applicant,
    headers: { 'Idempotency-Key': 'codec-e2e-1' },
    body: {
      program: 'hardship-aid',
      category: 'living',
      requestedAmount: 5000,
      household: { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 },
      nationalId: '110101199003074514',
    },
  });
  expect(created.status).toBe(201);
  applicationId = created.body.id;
  const history = await eventually(async () => {
    const h = await stack.services.get(Client).workflow.getHandle(applicationWorkflowId(applicationId)).fetchHistory();
    return h.events?.length ? h : undefined;
  }, 'workflow history');
  const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!input) throw new Error('no workflow input');
  encryptedInput = toJson(input);
});

describe('POST /codec/decode', () => {
  it('decodes the encrypted workflow input for an auditor, in the codec-server protocol shape', async () => {
    expect(metadataText(encryptedInput, 'encoding')).toBe('binary/encrypted');
    const plain = toJson(defaultPayloadConverter.toPayload('not encrypted'));
    const { status, body } = await http<{ payloads: JsonPayload[] }>('POST', '/codec/decode', {
      token: await login('auditor1'),
      headers: { 'X-Namespace': stack.config.temporal.namespace },
      body: { payloads: [encryptedInput, plain] },
    });
    expect(status).toBe(200);
    expect(body.payloads).toHaveLength(2);
    expect(metadataText(body.payloads[0], 'encoding')).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(fromJson(body.payloads[0]))).toMatchObject({
      applicationId,
      programCode: 'hardship-aid',
      facts: { householdSize: 3 },
    });
    expect(body.payloads[1]).toEqual(plain); // not encrypted: passed through
  });

  it('decodes for an administrator too, and encodes for an administrator only', async () => {
    const admin = await login('admin1');
    expect((await http('POST', '/codec/decode', { token: admin, body: { payloads: [encryptedInput] } })).status).toBe(
      200,
    );
    const plain = toJson(defaultPayloadConverter.toPayload({ note: 'typed into the UI' }));
    const encoded = await http<{ payloads: JsonPayload[] }>('POST', '/codec/encode', {
      token: admin,
      body: { payloads: [plain] },
    });
    expect(encoded.status).toBe(200);
    expect(metadataText(encoded.body.payloads[0], 'encoding')).toBe('binary/encrypted');
    const back = await http<{ payloads: JsonPayload[] }>('POST', '/codec/decode', {
      token: admin,
      body: encoded.body,
    });
    expect(back.body.payloads).toEqual([plain]);

    const auditor = await login('auditor1');
    expect((await http('POST', '/codec/encode', { token: auditor, body: { payloads: [plain] } })).status).toBe(403);
  });

  it('refuses an applicant with 403 and a caller without a token with 401, decoding nothing', async () => {
    const asApplicant = await http<{ code: string; payloads?: unknown }>('POST', '/codec/decode', {
      token: await login('applicant1'),
      body: { payloads: [encryptedInput] },
    });
    expect(asApplicant.status).toBe(403);
    expect(asApplicant.body.code).toBe('FORBIDDEN');
    expect(asApplicant.body.payloads).toBeUndefined();

    const anonymous = await http<{ code: string }>('POST', '/codec/decode', { body: { payloads: [encryptedInput] } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
  });

  it('rejects another namespace, malformed payloads and a payload under an unknown key with 400', async () => {
    const auditor = await login('auditor1');
    const otherNamespace = await http<{ message: string }>('POST', '/codec/decode', {
      token: auditor,
      headers: { 'X-Namespace': 'someone-else' },
      body: { payloads: [encryptedInput] },
    });
    expect(otherNamespace.status).toBe(400);
    expect(otherNamespace.body.message).toContain('X-Namespace "someone-else"');

    const malformed = await http<{ message: string }>('POST', '/codec/decode', {
      token: auditor,
      body: { payloads: [{ metadata: { encoding: 'not base64!' }, data: '' }] },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain('payloads[0].metadata.encoding must be a base64 string');

    const unknownKey = {
      ...encryptedInput,
      metadata: { ...encryptedInput.metadata, 'encryption-key-id': Buffer.from('retired-2019').toString('base64') },
    };
    const undecryptable = await http<{ message: string }>('POST', '/codec/decode', {
      token: auditor,
      body: { payloads: [unknownKey] },
    });
    expect(undecryptable.status).toBe(400);
    expect(undecryptable.body.message).toContain('payloads[0]: Payload encrypted with key id "retired-2019"');
  });
});

describe('CORS', () => {
  const preflight = (path: string, origin: string) =>
    fetch(`${stack.baseUrl}${path}`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,x-namespace',
      },
    });

  it('lets the Temporal Web UI origin call the codec endpoint from the browser', async () => {
    const response = await preflight('/codec/decode', 'http://127.0.0.1:8233');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8233');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-namespace');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();

    const decoded = await http('POST', '/codec/decode', {
      token: await login('auditor1'),
      headers: { Origin: 'http://127.0.0.1:8233' },
      body: { payloads: [encryptedInput] },
    });
    expect(decoded.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8233');
  });

  it('allows no other origin, and no cross-origin call to any other route', async () => {
    const evil = await preflight('/codec/decode', 'https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const otherRoute = await preflight('/applications', 'http://127.0.0.1:8233');
    expect(otherRoute.headers.get('access-control-allow-origin')).toBeNull();
  });
});
