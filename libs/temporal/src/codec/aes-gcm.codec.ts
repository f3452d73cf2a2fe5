import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError } from '@temporalio/common';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const METADATA_ENCRYPTION_KEY_ID = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | null | undefined): string | undefined =>
  bytes ? Buffer.from(bytes).toString('utf8') : undefined;

export interface PayloadKeys {
  /** The key id new payloads are encrypted with. */
  readonly currentKeyId: string;
  /** Every key that may still be named by a stored payload (key id -> 32 bytes). */
  readonly keys: ReadonlyMap<string, Uint8Array>;
}

/**
 * AES-256-GCM payload codec. Each encoded payload carries `encoding: binary/encrypted` and `encryption-key-id` in
 * its metadata; its data is iv (12) | ciphertext | tag (16) of the whole serialized inner Payload (metadata
 * included), with the key id as additional authenticated data. Encrypts with the current key; decrypts with the key
 * the payload names, so rotating keys only adds a key and moves `currentKeyId`. Payloads that are not encrypted
 * (recorded before encryption was switched on) pass through decode unchanged.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keys: ReadonlyMap<string, Uint8Array>;
  private readonly currentKeyId: string;

  constructor({ currentKeyId, keys }: PayloadKeys) {
    for (const [id, key] of keys) {
      if (key.length !== KEY_BYTES) {
        throw new ValueError(`Payload key "${id}" has ${key.length} bytes; AES-256-GCM needs ${KEY_BYTES}`);
      }
    }
    if (!keys.has(currentKeyId)) {
      throw new ValueError(`The current payload key "${currentKeyId}" is not among the configured keys`);
    }
    this.keys = new Map(keys);
    this.currentKeyId = currentKeyId;
  }

  // node:crypto is synchronous here; the executor turns a throw into a rejection.
  encode(payloads: Payload[]): Promise<Payload[]> {
    return new Promise((resolve) => resolve(payloads.map((payload) => this.encrypt(payload))));
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return new Promise((resolve) => resolve(payloads.map((payload) => this.decrypt(payload))));
  }

  private encrypt(payload: Payload): Payload {
    const keyId = this.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(keyId) as Uint8Array, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(utf8(keyId));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING), [METADATA_ENCRYPTION_KEY_ID]: utf8(keyId) },
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    };
  }

  private decrypt(payload: Payload): Payload {
    if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING) return payload;
    const keyId = text(payload.metadata?.[METADATA_ENCRYPTION_KEY_ID]);
    if (!keyId) throw new ValueError(`An encrypted payload has no "${METADATA_ENCRYPTION_KEY_ID}" metadata`);
    const key = this.keys.get(keyId);
    if (!key) {
      throw new ValueError(
        `Payload encrypted with key id "${keyId}", which is not configured (known: ${[...this.keys.keys()].join(', ')}); ` +
          'keep every old key in PAYLOAD_KEYS while histories encrypted with it are kept',
      );
    }
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) {
      throw new ValueError(`Encrypted payload (key id "${keyId}") is too short to hold an iv and a tag`);
    }
    const iv = data.subarray(0, IV_BYTES);
    const tag = data.subarray(data.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(utf8(keyId));
    decipher.setAuthTag(tag);
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new ValueError(
        `Cannot decrypt a payload with key id "${keyId}": authentication failed (wrong key or tampered data)`,
      );
    }
    return temporal.api.common.v1.Payload.decode(plain);
  }
}
