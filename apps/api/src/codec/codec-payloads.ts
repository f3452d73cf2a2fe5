import type { Payload } from '@temporalio/common';
import { ApplicationException, ErrorCode } from '@aidflow/common';

/** A Payload in the codec-server protocol's JSON: metadata values and data are base64 (proto3 JSON bytes). */
export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

export interface JsonPayloads {
  payloads: JsonPayload[];
}

// Standard or URL-safe alphabet, as proto3 JSON allows for bytes.
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const MAX_PAYLOADS = 1000;

const invalid = (message: string): ApplicationException =>
  new ApplicationException(ErrorCode.ValidationFailed, message);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function bytes(value: unknown, field: string): Uint8Array {
  if (typeof value !== 'string' || !BASE64.test(value)) throw invalid(`${field} must be a base64 string`);
  return new Uint8Array(Buffer.from(value, 'base64'));
}

/** Reads `{ payloads: [{ metadata: { key: base64 }, data: base64 }] }`; a 400 names the first malformed field. */
export function fromJsonPayloads(body: unknown): Payload[] {
  if (!isRecord(body) || !Array.isArray(body.payloads)) {
    throw invalid('Body must be { "payloads": [{ "metadata": { "<key>": "<base64>" }, "data": "<base64>" }] }');
  }
  if (body.payloads.length > MAX_PAYLOADS) throw invalid(`payloads may hold at most ${MAX_PAYLOADS} payloads`);
  return body.payloads.map((item: unknown, i): Payload => {
    if (!isRecord(item)) throw invalid(`payloads[${i}] must be an object`);
    const metadata = item.metadata ?? {};
    if (!isRecord(metadata)) throw invalid(`payloads[${i}].metadata must be an object`);
    return {
      metadata: Object.fromEntries(
        Object.entries(metadata).map(([key, value]) => [key, bytes(value, `payloads[${i}].metadata.${key}`)]),
      ),
      data: item.data === undefined || item.data === null ? new Uint8Array() : bytes(item.data, `payloads[${i}].data`),
    };
  });
}

export function toJsonPayloads(payloads: Payload[]): JsonPayloads {
  const base64 = (value: Uint8Array | null | undefined): string => Buffer.from(value ?? []).toString('base64');
  return {
    payloads: payloads.map((payload) => ({
      metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, base64(value)])),
      data: base64(payload.data),
    })),
  };
}
