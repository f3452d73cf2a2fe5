import { ApplicationException, ErrorCode } from '@aidflow/common';

/**
 * A text header as the client meant it. Node reads header bytes as Latin-1, so raw UTF-8 (`X-File-Name: 收入证明.pdf`
 * from curl) arrives as mojibake and is re-read as UTF-8; percent-encoding (`%E6%94%B6...`) and the RFC 8187 form
 * (`UTF-8''%E6%94%B6...`) are decoded. Anything that does not decode is taken literally.
 */
export function decodeTextHeader(raw: string): string {
  let value = raw;
  const latin1Only = [...value].every((c) => c.charCodeAt(0) <= 0xff);
  if (latin1Only && /[\u0080-\u00ff]/.test(value)) {
    const bytes = Buffer.from(value, 'latin1');
    const utf8 = bytes.toString('utf8');
    if (Buffer.from(utf8, 'utf8').equals(bytes)) value = utf8; // valid UTF-8, not real Latin-1 text
  }
  const rfc8187 = /^utf-8''(.*)$/i.exec(value);
  if (rfc8187) value = rfc8187[1];
  if (/%[0-9a-f]{2}/i.test(value)) {
    try {
      value = decodeURIComponent(value);
    } catch {
      // Not percent-encoding after all ("100%ff.pdf"): keep it as sent.
    }
  }
  return value;
}

/** The required X-File-Name header, decoded; its rules (length, separators) are checked by the attachments lib. */
export function fileNameHeader(raw: string | undefined): string {
  if (raw === undefined || raw.trim() === '') {
    throw new ApplicationException(
      ErrorCode.ValidationFailed,
      'Header X-File-Name is required: the file name, raw UTF-8 or percent-encoded',
      { field: 'X-File-Name' },
    );
  }
  return decodeTextHeader(raw);
}

/** `attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded` (RFC 6266 / 8187). */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
