import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import type { Payload } from '@temporalio/common';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, METADATA_ENCRYPTION_KEY_ID } from './aes-gcm.codec';

const OLD = randomBytes(32);
const NEW = randomBytes(32);
const facts = { applicantUserId: 'user-4711', nationalId: '110101199003074514', householdSize: 3 };

const meta = (payload: Payload, key: string): string => Buffer.from(payload.metadata?.[key] ?? []).toString('utf8');
const contains = (payload: Payload, needle: string): boolean =>
  Buffer.from(payload.data ?? []).includes(Buffer.from(needle));

function codec(currentKeyId: string, keys: Record<string, Buffer>): AesGcmPayloadCodec {
  return new AesGcmPayloadCodec({ currentKeyId, keys: new Map(Object.entries(keys)) });
}

describe('AesGcmPayloadCodec', () => {
  it('round-trips a JSON payload, metadata included, and leaves no plain value in the encoded bytes', async () => {
    const subject = codec('k1', { k1: OLD });
    const plain = defaultPayloadConverter.toPayload(facts);
    const [encoded] = await subject.encode([plain]);

    expect(meta(encoded, 'encoding')).toBe(ENCRYPTED_ENCODING);
    expect(Object.keys(encoded.metadata ?? {}).sort()).toEqual(['encoding', METADATA_ENCRYPTION_KEY_ID]);
    for (const value of ['user-4711', '110101199003074514', 'json/plain', 'householdSize']) {
      expect(contains(encoded, value)).toBe(false);
    }
    const [decoded] = await subject.decode([encoded]);
    expect(meta(decoded, 'encoding')).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(facts);
  });

  it('names the current key id in the metadata and uses a fresh iv for every payload', async () => {
    const [a, b] = await codec('2026-01', { '2026-01': NEW }).encode([
      defaultPayloadConverter.toPayload(facts),
      defaultPayloadConverter.toPayload(facts),
    ]);
    expect(meta(a, METADATA_ENCRYPTION_KEY_ID)).toBe('2026-01');
    expect(Buffer.from(a.data ?? []).equals(Buffer.from(b.data ?? []))).toBe(false);
  });

  it('decodes payloads encrypted with an old key after the current key changed (rotation)', async () => {
    const [before] = await codec('k1', { k1: OLD }).encode([defaultPayloadConverter.toPayload(facts)]);
    const rotated = codec('k2', { k1: OLD, k2: NEW });
    const [after] = await rotated.encode([defaultPayloadConverter.toPayload('new')]);

    expect(meta(after, METADATA_ENCRYPTION_KEY_ID)).toBe('k2');
    const decoded = await rotated.decode([before, after]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([facts, 'new']);
  });

  it('refuses a payload whose key id is not configured, naming that key id', async () => {
    const [encoded] = await codec('retired', { retired: OLD }).encode([defaultPayloadConverter.toPayload(facts)]);
    await expect(codec('k2', { k2: NEW }).decode([encoded])).rejects.toThrow(
      /key id "retired", which is not configured \(known: k2\)/,
    );
  });

  it('refuses tampered ciphertext, a swapped key id and a wrong key with the same id', async () => {
    const subject = codec('k1', { k1: OLD, k2: NEW });
    const [encoded] = await subject.encode([defaultPayloadConverter.toPayload(facts)]);

    const flipped = Buffer.from(encoded.data ?? []);
    flipped[20] ^= 0x01;
    await expect(subject.decode([{ ...encoded, data: flipped }])).rejects.toThrow(
      /Cannot decrypt a payload with key id "k1": authentication failed/,
    );

    const swapped = { ...encoded, metadata: { ...encoded.metadata, [METADATA_ENCRYPTION_KEY_ID]: Buffer.from('k2') } };
    await expect(subject.decode([swapped])).rejects.toThrow(/key id "k2": authentication failed/);

    await expect(codec('k1', { k1: NEW }).decode([encoded])).rejects.toThrow(/authentication failed/);
    await expect(subject.decode([{ ...encoded, data: new Uint8Array(8) }])).rejects.toThrow(/too short/);
  });

  it('passes payloads that are not encrypted through decode unchanged', async () => {
    const plain = defaultPayloadConverter.toPayload(facts);
    const [decoded] = await codec('k1', { k1: OLD }).decode([plain]);
    expect(decoded).toBe(plain);
  });

  it('refuses a keyring whose current key is missing or whose keys are not 32 bytes', () => {
    expect(() => codec('k9', { k1: OLD })).toThrow(/current payload key "k9" is not among/);
    expect(() => codec('k1', { k1: randomBytes(16) })).toThrow(/"k1" has 16 bytes/);
  });
});
