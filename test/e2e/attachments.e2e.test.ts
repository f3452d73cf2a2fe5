import { createHash } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { applicationWorkflowId } from '../../libs/temporal/src';
import { eventually, startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * Attachments over HTTP: the raw file is the body, the bytes go to PostgreSQL, the workflow records only the
 * reference (id, name, type, size, SHA-256). Limits, type checks and access follow the case.
 */

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ http: true });
});

afterAll(async () => {
  await stack?.stop();
});

/** A marker no history should ever contain: it only exists inside the files' bytes. */
const MARKER = 'AIDFLOW-ATTACHMENT-BYTES-7f3a9c';
const PDF = Buffer.from(
  `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${MARKER} 收入证明 2026\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  'utf8',
);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from([0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01]),
  Buffer.from(`${MARKER}-png`, 'latin1'),
]);
/** A Windows executable ("MZ") sent as a PDF. */
const EXE = Buffer.concat([
  Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]),
  Buffer.from('This program cannot be run'),
]);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** What curl sends for `-H 'X-File-Name: 收入证明.pdf'`: the UTF-8 bytes, which Node's fetch takes as a Latin-1 string. */
const rawUtf8Header = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

interface HttpResult<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
  bytes: Buffer;
}

async function http<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: { token?: string; json?: unknown; raw?: Buffer; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
  const response = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: {
      ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.raw ?? (options.json === undefined ? undefined : JSON.stringify(options.json)),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const isJson = response.headers.get('content-type')?.startsWith('application/json');
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    body: (isJson && bytes.length ? JSON.parse(bytes.toString('utf8')) : null) as T,
  };
}

async function login(username: string): Promise<string> {
  const { status, body } = await http<{ accessToken: string }>('POST', '/auth/login', {
    json: { username, password: 'aidflow-demo' },
  });
  expect(status).toBe(200);
  return body.accessToken;
}

let cases = 0;
async function submitCase(applicantToken: string): Promise<string> {
  const { status, body } = await http<{ id: string }>('POST', '/applications', {
    token: applicantToken,
    json: {
      program: 'hardship-aid',
      category: 'living',
      requestedAmount: 5000,
      household: { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 },
    },
    headers: { 'Idempotency-Key': `attachments-${++cases}` },
  });
  expect(status).toBe(201);
  await eventually(async () => {
    const rows = await stack.sql(`SELECT 1 FROM approval_tasks WHERE application_id = $1 AND status = 'open'`, [
      body.id,
    ]);
    return rows.length ? true : undefined;
  }, 'the first task');
  return body.id;
}

interface AttachmentBody {
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedByName: string;
  comment: string | null;
  href: string;
}

interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

function upload(
  token: string,
  id: string,
  file: { bytes: Buffer; type: string; name: string; comment?: string },
): Promise<HttpResult<AttachmentBody & ErrorBody>> {
  return http('POST', `/applications/${id}/attachments`, {
    token,
    raw: file.bytes,
    headers: {
      'content-type': file.type,
      'x-file-name': file.name,
      ...(file.comment ? { 'x-comment': file.comment } : {}),
    },
  });
}

async function attachmentRows(id: string): Promise<number> {
  const [row] = await stack.sql<{ n: string }>('SELECT count(*) AS n FROM attachments WHERE application_id = $1', [id]);
  return Number(row.n);
}

/** Every payload of a workflow's history, decrypted with the product's codec, as text. */
async function decodedHistoryText(applicationId: string): Promise<string> {
  const client = stack.services.get(Client);
  const history = await client.workflow.getHandle(applicationWorkflowId(applicationId)).fetchHistory();
  const payloads: Payload[] = [];
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return;
    if (Array.isArray(value)) return value.forEach(walk);
    const record = value as Record<string, unknown>;
    if (record.metadata && typeof record.metadata === 'object' && 'data' in record) {
      payloads.push(record);
      return;
    }
    Object.values(record).forEach(walk);
  };
  walk(history);
  let decoded = payloads;
  for (const codec of [...(client.options.loadedDataConverter.payloadCodecs ?? [])].reverse()) {
    decoded = await codec.decode(decoded);
  }
  return decoded.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n');
}

describe('attachments over HTTP', () => {
  it('stores a PDF and a PNG by reference: listed, downloaded byte for byte, in the trail, never in history', async () => {
    const applicant = await login('applicant1');
    const approver = await login('approver-g-east-1');
    const auditor = await login('auditor1');
    const id = await submitCase(applicant);

    const pdf = await upload(applicant, id, {
      bytes: PDF,
      type: 'application/pdf',
      name: rawUtf8Header('收入证明.pdf'),
    });
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({
      name: '收入证明.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: sha256(PDF),
      uploadedByName: expect.any(String) as unknown,
      comment: null,
      href: `/applications/${id}/attachments/${pdf.body.id}`,
    });
    expect(pdf.headers.get('location')).toBe(pdf.body.href);

    const png = await upload(approver, id, {
      bytes: PNG,
      type: 'image/png',
      name: encodeURIComponent('家访照片 1.png'),
      comment: encodeURIComponent('家访现场'),
    });
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ name: '家访照片 1.png', sha256: sha256(PNG), comment: '家访现场' });

    // Anyone who may see the case lists them; the auditor too.
    for (const token of [applicant, approver, auditor]) {
      const list = await http<AttachmentBody[]>('GET', `/applications/${id}/attachments`, { token });
      expect(list.status).toBe(200);
      expect(list.body.map((a) => [a.id, a.name, a.contentType, a.sizeBytes, a.sha256])).toEqual([
        [pdf.body.id, '收入证明.pdf', 'application/pdf', PDF.length, sha256(PDF)],
        [png.body.id, '家访照片 1.png', 'image/png', PNG.length, sha256(PNG)],
      ]);
    }

    for (const [stored, bytes, type] of [
      [pdf.body, PDF, 'application/pdf'],
      [png.body, PNG, 'image/png'],
    ] as const) {
      const download = await http('GET', stored.href, { token: auditor });
      expect(download.status).toBe(200);
      expect(download.bytes.equals(bytes)).toBe(true);
      expect(sha256(download.bytes)).toBe(stored.sha256);
      expect(download.headers.get('content-type')).toBe(type);
      expect(download.headers.get('etag')).toBe(`"${stored.sha256}"`);
      expect(download.headers.get('content-disposition')).toContain(
        `filename*=UTF-8''${encodeURIComponent(stored.name)}`,
      );
    }

    // The case's trail carries the references.
    const details = await http<{
      actions: Array<{ verb: string; actorName: string; comment: string | null; details: object }>;
    }>('GET', `/applications/${id}`, { token: applicant });
    expect(details.body.actions.filter((a) => a.verb === 'attach')).toEqual([
      expect.objectContaining({
        comment: null,
        details: {
          attachmentId: pdf.body.id,
          name: '收入证明.pdf',
          contentType: 'application/pdf',
          sizeBytes: PDF.length,
          sha256: sha256(PDF),
        },
      }),
      expect.objectContaining({
        comment: '家访现场',
        details: {
          attachmentId: png.body.id,
          name: '家访照片 1.png',
          contentType: 'image/png',
          sizeBytes: PNG.length,
          sha256: sha256(PNG),
        },
      }),
    ]);

    // The workflow history (decrypted) holds the references and none of the bytes, in any encoding.
    const history = await decodedHistoryText(id);
    expect(history).toContain(pdf.body.id);
    expect(history).toContain(sha256(PDF));
    expect(history).toContain(sha256(PNG));
    for (const bytes of [PDF, PNG]) {
      expect(history).not.toContain(bytes.toString('base64'));
      expect(history).not.toContain(bytes.toString('hex'));
      expect(history).not.toContain(JSON.stringify([...bytes.subarray(0, 16)]).slice(1, -1));
    }
    expect(history).not.toContain(MARKER);
  });

  it('refuses a file over the limit with 413 naming it, and an .exe sent as application/pdf with 415', async () => {
    const applicant = await login('applicant1');
    const id = await submitCase(applicant);
    const limit = stack.config.attachments.maxBytes;
    expect(limit).toBe(5 * 1024 * 1024);

    const tooLarge = await upload(applicant, id, {
      bytes: Buffer.concat([PDF, Buffer.alloc(limit + 1 - PDF.length)]),
      type: 'application/pdf',
      name: 'big.pdf',
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(tooLarge.body.message).toContain('5 MiB (5242880 bytes)');

    const exe = await upload(applicant, id, { bytes: EXE, type: 'application/pdf', name: 'proof.pdf' });
    expect(exe.status).toBe(415);
    expect(exe.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(exe.body.message).toContain('declared as application/pdf but its content is not a PDF');

    const gif = await upload(applicant, id, { bytes: PNG, type: 'image/gif', name: 'a.gif' });
    expect(gif.status).toBe(415);
    expect(gif.body.message).toContain('"image/gif" is not allowed');

    const unnamed = await http<ErrorBody>('POST', `/applications/${id}/attachments`, {
      token: applicant,
      raw: PDF,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.message).toContain('X-File-Name');
    const pathName = await upload(applicant, id, { bytes: PDF, type: 'application/pdf', name: '../../etc/passwd' });
    expect(pathName.status).toBe(400);
    expect(pathName.body.message).toContain('path separator');

    expect(await attachmentRows(id)).toBe(0);
  });

  it('refuses auditors and people outside the branch with 403, recording the attempt', async () => {
    const applicant = await login('applicant1');
    const id = await submitCase(applicant);
    for (const username of ['auditor1', 'approver-g-west-1', 'applicant2']) {
      const refused = await upload(await login(username), id, { bytes: PDF, type: 'application/pdf', name: 'x.pdf' });
      expect([username, refused.status, refused.body.code]).toEqual([username, 403, 'FORBIDDEN']);
    }
    const outsider = await login('approver-g-west-1');
    expect((await http('GET', `/applications/${id}/attachments`, { token: outsider })).status).toBe(403);
    const attempts = await stack.sql<{ action: string; code: string }>(
      `SELECT action, code FROM rejected_attempts WHERE application_id = $1 AND action = 'attach'`,
      [id],
    );
    expect(attempts).toHaveLength(3);
    expect(await attachmentRows(id)).toBe(0);
  });

  it('refuses an upload to a closed case with 409 and keeps no row', async () => {
    const applicant = await login('applicant1');
    const id = await submitCase(applicant);
    const withdrawn = await http<{ status: string }>('POST', `/applications/${id}/withdraw`, {
      token: applicant,
      json: { comment: '不再需要' },
    });
    expect(withdrawn.body.status).toBe('withdrawn');
    const refused = await upload(applicant, id, { bytes: PDF, type: 'application/pdf', name: 'late.pdf' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('APPLICATION_CLOSED');
    expect(await attachmentRows(id)).toBe(0);
  });

  it('withholds a download whose stored bytes were changed, with a 500-class integrity error', async () => {
    const applicant = await login('applicant1');
    const id = await submitCase(applicant);
    const stored = await upload(applicant, id, { bytes: PDF, type: 'application/pdf', name: 'proof.pdf' });
    expect(stored.status).toBe(201);
    // Same length, one byte flipped: what a disk fault or a hand edit in the database would leave.
    await stack.sql(
      `UPDATE attachments SET content = set_byte(content, 20, get_byte(content, 20) # 255) WHERE id = $1`,
      [stored.body.id],
    );
    const download = await http<ErrorBody>('GET', stored.body.href, { token: applicant });
    expect(download.status).toBe(500);
    expect(download.body.code).toBe('ATTACHMENT_INTEGRITY_FAILED');
    expect(download.bytes.includes(Buffer.from(MARKER))).toBe(false);

    const missing = await http<ErrorBody>('GET', `/applications/${id}/attachments/${id}`, { token: applicant });
    expect([missing.status, missing.body.code]).toEqual([404, 'ATTACHMENT_NOT_FOUND']);
  });
});
