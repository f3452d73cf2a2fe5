import { defaultPayloadConverter } from '@temporalio/common';
import type { DataConverter, Payload } from '@temporalio/common';
import { maskEmail, maskIdentifier, maskName } from '@aidflow/common';

/**
 * A Temporal history as auditors read it: every event with its payloads decoded through the product's payload codec
 * (AES-GCM) and data converter, and personal data masked unless an auditor asked to unmask. Works on the proto3
 * JSON form (what the archive keeps and `temporal workflow show --output json` prints). Pure but for the codec.
 */

export interface HistoryEventView {
  eventId: number;
  eventTime: string | null;
  eventType: string;
  /** The event's attributes, payloads replaced by the values they hold. */
  attributes: unknown;
}

/** Keys whose values are a person's name, identifier or address; masked unless unmasked. */
const NAME_KEYS = new Set(['actorName', 'applicantName', 'displayName', 'recipientName', 'userName', 'delegateName']);
const IDENTIFIER_KEYS = new Set(['nationalId', 'bankAccount', 'phone']);
const EMAIL_KEYS = new Set(['email', 'to']);

function maskValue(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (NAME_KEYS.has(key)) return maskName(value);
  if (IDENTIFIER_KEYS.has(key)) return maskIdentifier(value);
  if (EMAIL_KEYS.has(key) && value.includes('@')) return maskEmail(value);
  return value;
}

/** Masks the personal fields of a decoded value, at any depth. */
export function maskPersonalData(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => maskPersonalData(v, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskPersonalData(v, k)]),
    );
  }
  return maskValue(key, value);
}

const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

function toPayload(json: { metadata?: Record<string, string>; data?: string }): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(json.metadata ?? {}).map(([k, v]) => [k, fromBase64(v)])),
    data: json.data ? fromBase64(json.data) : new Uint8Array(),
  };
}

async function decodePayloadList(list: unknown[], converter: DataConverter): Promise<unknown[]> {
  let payloads = list.map((p) => toPayload(p as { metadata?: Record<string, string>; data?: string }));
  for (const codec of [...(converter.payloadCodecs ?? [])].reverse()) payloads = await codec.decode(payloads);
  return payloads.map((p) => {
    try {
      return defaultPayloadConverter.fromPayload(p);
    } catch {
      return '(a payload this converter cannot read)';
    }
  });
}

/** Replaces every `{ payloads: [...] }` (and the `indexedFields` / `fields` maps of payloads) with decoded values. */
async function decodeTree(node: unknown, converter: DataConverter): Promise<unknown> {
  if (Array.isArray(node)) return Promise.all(node.map((n) => decodeTree(n, converter)));
  if (!node || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  if (Array.isArray(record.payloads) && Object.keys(record).length === 1) {
    return decodePayloadList(record.payloads, converter);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const isPayloadMap =
      (key === 'indexedFields' || key === 'fields' || key === 'details') &&
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.values(value).every((v) => v !== null && typeof v === 'object' && 'data' in (v as object));
    if (isPayloadMap) {
      const entries = Object.entries(value as Record<string, unknown>);
      const decoded = await decodePayloadList(
        entries.map(([, v]) => v),
        converter,
      );
      out[key] = Object.fromEntries(entries.map(([k], i) => [k, decoded[i]]));
    } else {
      out[key] = await decodeTree(value, converter);
    }
  }
  return out;
}

/** The events of a history in proto3 JSON form, decoded and (unless `unmasked`) masked. */
export async function viewHistory(
  history: unknown,
  converter: DataConverter,
  options: { unmasked: boolean },
): Promise<HistoryEventView[]> {
  const events = ((history as { events?: unknown[] } | null)?.events ?? []) as Array<Record<string, unknown>>;
  const views: HistoryEventView[] = [];
  for (const event of events) {
    const attributesKey = Object.keys(event).find((k) => k.endsWith('EventAttributes'));
    const decoded = attributesKey ? await decodeTree(event[attributesKey], converter) : null;
    views.push({
      eventId: Number(event.eventId),
      eventTime: typeof event.eventTime === 'string' ? event.eventTime : null,
      eventType: typeof event.eventType === 'string' ? event.eventType.replace(/^EVENT_TYPE_/, '') : 'UNKNOWN',
      attributes: options.unmasked ? decoded : maskPersonalData(decoded),
    });
  }
  return views;
}
