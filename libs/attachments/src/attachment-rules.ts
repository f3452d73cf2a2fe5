import { ApplicationException, ErrorCode } from '@aidflow/common';

/** The file types a case may carry, each with the signature its bytes must start with. */
export const ATTACHMENT_TYPES = {
  'application/pdf': { label: 'PDF', magic: Buffer.from('%PDF-', 'latin1') },
  'image/jpeg': { label: 'JPEG', magic: Buffer.from([0xff, 0xd8, 0xff]) },
  'image/png': { label: 'PNG', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
} as const;

export type AttachmentContentType = keyof typeof ATTACHMENT_TYPES;

export const ALLOWED_ATTACHMENT_TYPES = Object.keys(ATTACHMENT_TYPES) as AttachmentContentType[];

export const MAX_ATTACHMENT_NAME_LENGTH = 200;

export interface AttachmentCandidate {
  name: string;
  /** As declared by the uploader (an HTTP Content-Type, parameters allowed). */
  contentType: string | undefined;
  bytes: Buffer;
}

export interface CheckedAttachment {
  name: string;
  contentType: AttachmentContentType;
  bytes: Buffer;
}

/** `Application/PDF; charset=binary` -> `application/pdf`; empty when absent. */
export function normalizeContentType(declared: string | undefined): string {
  return (declared ?? '').split(';')[0].trim().toLowerCase();
}

export function isAllowedContentType(type: string): type is AttachmentContentType {
  return Object.prototype.hasOwnProperty.call(ATTACHMENT_TYPES, type);
}

/** 1 to 200 characters (Unicode NFC), no path separators, no control characters, not `.` or `..`. */
export function checkAttachmentName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  const length = [...name].length;
  const invalid = (why: string): never => {
    throw new ApplicationException(ErrorCode.ValidationFailed, `The file name ${why}`, { field: 'name' });
  };
  if (length < 1 || length > MAX_ATTACHMENT_NAME_LENGTH) {
    invalid(`must be 1 to ${MAX_ATTACHMENT_NAME_LENGTH} characters, got ${length}`);
  }
  if (/[/\\]/.test(name)) invalid(`must not contain a path separator (/ or \\), got "${name}"`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) invalid('must not contain control characters');
  if (name === '.' || name === '..') invalid(`must name a file, got "${name}"`);
  return name;
}

/**
 * Everything an upload must satisfy before it is stored: a valid name, an allowed declared type, a size from 1 byte
 * to `maxBytes`, and bytes that really are of the declared type (their signature, not the uploader's word).
 */
export function checkAttachment(candidate: AttachmentCandidate, maxBytes: number): CheckedAttachment {
  const name = checkAttachmentName(candidate.name);
  const contentType = normalizeContentType(candidate.contentType);
  if (!isAllowedContentType(contentType)) {
    throw new ApplicationException(
      ErrorCode.AttachmentTypeNotAllowed,
      `Content-Type "${contentType || '(none)'}" is not allowed; attach ${ALLOWED_ATTACHMENT_TYPES.join(', ')}`,
      { contentType, allowed: ALLOWED_ATTACHMENT_TYPES },
    );
  }
  const size = candidate.bytes.length;
  if (size === 0) {
    throw new ApplicationException(ErrorCode.ValidationFailed, 'The file is empty: send its bytes as the body', {
      field: 'body',
    });
  }
  if (size > maxBytes) throw attachmentTooLarge(maxBytes, size);
  const { label, magic } = ATTACHMENT_TYPES[contentType];
  if (size < magic.length || !candidate.bytes.subarray(0, magic.length).equals(magic)) {
    const head = candidate.bytes
      .subarray(0, 8)
      .toString('hex')
      .replace(/(..)(?!$)/g, '$1 ');
    throw new ApplicationException(
      ErrorCode.AttachmentTypeNotAllowed,
      `The file is declared as ${contentType} but its content is not a ${label} (it starts with ${head})`,
      { contentType },
    );
  }
  return { name, contentType, bytes: candidate.bytes };
}

/** The error for a file over the limit; `size` is unknown when the transport stopped reading early. */
export function attachmentTooLarge(maxBytes: number, size?: number): ApplicationException {
  return new ApplicationException(
    ErrorCode.AttachmentTooLarge,
    `The file is larger than the limit of ${describeBytes(maxBytes)}` +
      (size === undefined ? '' : `: it has ${size} bytes`),
    { maxBytes, ...(size === undefined ? {} : { sizeBytes: size }) },
  );
}

/** `5 MiB (5242880 bytes)`, `1 KiB (1024 bytes)`, `1000 bytes`. */
function describeBytes(n: number): string {
  for (const [size, unit] of [
    [1024 * 1024, 'MiB'],
    [1024, 'KiB'],
  ] as const) {
    if (n >= size && n % size === 0) return `${n / size} ${unit} (${n} bytes)`;
  }
  return `${n} bytes`;
}
