import { ApplicationException, ErrorCode } from '@aidflow/common';
import { attachmentTooLarge, checkAttachment, checkAttachmentName, normalizeContentType } from './attachment-rules';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
/** A Windows executable: "MZ" header. */
const EXE = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);
const LIMIT = 1024;

function refusal(fn: () => unknown): ApplicationException {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApplicationException) return e;
    throw e;
  }
  throw new Error('expected an ApplicationException');
}

describe('attachment rules', () => {
  it('accepts a PDF, a JPEG and a PNG whose bytes match the declared type', () => {
    expect(checkAttachment({ name: '收入证明.pdf', contentType: 'application/pdf', bytes: PDF }, LIMIT)).toEqual({
      name: '收入证明.pdf',
      contentType: 'application/pdf',
      bytes: PDF,
    });
    expect(checkAttachment({ name: 'a.jpg', contentType: 'image/jpeg', bytes: JPEG }, LIMIT).contentType).toBe(
      'image/jpeg',
    );
    expect(checkAttachment({ name: 'b.png', contentType: 'Image/PNG; q=1', bytes: PNG }, LIMIT).contentType).toBe(
      'image/png',
    );
  });

  it('normalizes a declared Content-Type: lower case, without parameters', () => {
    expect(normalizeContentType(' Application/PDF ; charset=binary')).toBe('application/pdf');
    expect(normalizeContentType(undefined)).toBe('');
  });

  it('refuses types off the list with 415, naming the type and the allowed ones', () => {
    for (const contentType of ['application/x-msdownload', 'text/html', 'image/gif', undefined]) {
      const error = refusal(() => checkAttachment({ name: 'x', contentType, bytes: PDF }, LIMIT));
      expect(error.code).toBe(ErrorCode.AttachmentTypeNotAllowed);
      expect(error.message).toContain(`"${contentType ?? '(none)'}" is not allowed`);
      expect(error.message).toContain('application/pdf, image/jpeg, image/png');
    }
  });

  it('refuses bytes that are not of the declared type (an .exe sent as application/pdf), showing how they start', () => {
    const exe = refusal(() =>
      checkAttachment({ name: 'setup.pdf', contentType: 'application/pdf', bytes: EXE }, LIMIT),
    );
    expect(exe.code).toBe(ErrorCode.AttachmentTypeNotAllowed);
    expect(exe.message).toBe(
      'The file is declared as application/pdf but its content is not a PDF (it starts with 4d 5a 90 00 03 00 00 00)',
    );
    expect(refusal(() => checkAttachment({ name: 'a.png', contentType: 'image/png', bytes: JPEG }, LIMIT)).code).toBe(
      ErrorCode.AttachmentTypeNotAllowed,
    );
    expect(refusal(() => checkAttachment({ name: 'a.jpg', contentType: 'image/jpeg', bytes: PNG }, LIMIT)).code).toBe(
      ErrorCode.AttachmentTypeNotAllowed,
    );
    const truncated = PNG.subarray(0, 4); // the first four bytes of the PNG signature are not enough
    expect(
      refusal(() => checkAttachment({ name: 'a.png', contentType: 'image/png', bytes: truncated }, LIMIT)).code,
    ).toBe(ErrorCode.AttachmentTypeNotAllowed);
  });

  it('takes a file of exactly the limit and refuses one byte more with 413 naming the limit', () => {
    const atLimit = Buffer.concat([PDF, Buffer.alloc(LIMIT - PDF.length)]);
    expect(checkAttachment({ name: 'a.pdf', contentType: 'application/pdf', bytes: atLimit }, LIMIT).bytes).toBe(
      atLimit,
    );
    const over = Buffer.concat([atLimit, Buffer.from([0])]);
    const error = refusal(() => checkAttachment({ name: 'a.pdf', contentType: 'application/pdf', bytes: over }, LIMIT));
    expect(error.code).toBe(ErrorCode.AttachmentTooLarge);
    expect(error.message).toBe('The file is larger than the limit of 1 KiB (1024 bytes): it has 1025 bytes');
    expect(error.details).toEqual({ maxBytes: 1024, sizeBytes: 1025 });
    expect(attachmentTooLarge(5_242_880).message).toBe('The file is larger than the limit of 5 MiB (5242880 bytes)');
    expect(attachmentTooLarge(1000, 1001).message).toBe(
      'The file is larger than the limit of 1000 bytes: it has 1001 bytes',
    );
  });

  it('refuses an empty file', () => {
    const error = refusal(() =>
      checkAttachment({ name: 'a.pdf', contentType: 'application/pdf', bytes: Buffer.alloc(0) }, LIMIT),
    );
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.message).toContain('empty');
  });

  it('takes names of 1 to 200 characters (counted as characters, not bytes), trimmed and NFC-normalized', () => {
    expect(checkAttachmentName('  a.pdf ')).toBe('a.pdf');
    expect(checkAttachmentName('证'.repeat(200))).toHaveLength(200);
    expect(checkAttachmentName('😀'.repeat(200))).toBe('😀'.repeat(200));
    expect(checkAttachmentName('Cafe\u0301.pdf')).toBe('Café.pdf');
  });

  it.each([
    ['', 'must be 1 to 200 characters, got 0'],
    ['   ', 'must be 1 to 200 characters, got 0'],
    ['x'.repeat(201), 'must be 1 to 200 characters, got 201'],
    ['../etc/passwd', 'must not contain a path separator'],
    ['C:\\Users\\proof.pdf', 'must not contain a path separator'],
    ['proof\u0000.pdf', 'must not contain control characters'],
    ['line\nbreak.pdf', 'must not contain control characters'],
    ['..', 'must name a file'],
  ])('refuses the name %j with 400: %s', (name, why) => {
    const error = refusal(() => checkAttachment({ name, contentType: 'application/pdf', bytes: PDF }, LIMIT));
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.message).toContain(`The file name ${why}`);
  });
});
