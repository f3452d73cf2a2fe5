import { ApplicationException, ErrorCode } from '@aidflow/common';
import { contentDisposition, decodeTextHeader, fileNameHeader } from './attachment-headers';

describe('attachment headers', () => {
  it('reads raw UTF-8 that Node decoded as Latin-1 (curl -H "X-File-Name: 收入证明.pdf")', () => {
    const asNodeSeesIt = Buffer.from('收入证明.pdf', 'utf8').toString('latin1');
    expect(decodeTextHeader(asNodeSeesIt)).toBe('收入证明.pdf');
  });

  it('decodes percent-encoded UTF-8 and the RFC 8187 form', () => {
    expect(decodeTextHeader(encodeURIComponent('收入证明 2026.pdf'))).toBe('收入证明 2026.pdf');
    expect(decodeTextHeader(`UTF-8''${encodeURIComponent('诊断书.png')}`)).toBe('诊断书.png');
  });

  it('takes plain ASCII, real Latin-1 and broken percent-encoding literally', () => {
    expect(decodeTextHeader('proof.pdf')).toBe('proof.pdf');
    expect(decodeTextHeader('Café.pdf')).toBe('Café.pdf');
    expect(decodeTextHeader('100%-done%zz.pdf')).toBe('100%-done%zz.pdf');
    expect(decodeTextHeader('50%ff.pdf')).toBe('50%ff.pdf');
  });

  it('requires X-File-Name, naming the header', () => {
    for (const missing of [undefined, '', '   ']) {
      let error: unknown;
      try {
        fileNameHeader(missing);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ApplicationException);
      expect((error as ApplicationException).code).toBe(ErrorCode.ValidationFailed);
      expect((error as ApplicationException).message).toContain('X-File-Name');
    }
  });

  it('gives downloads an ASCII fallback name and the exact UTF-8 name', () => {
    expect(contentDisposition('收入证明 (1).pdf')).toBe(
      `attachment; filename="____ (1).pdf"; filename*=UTF-8''%E6%94%B6%E5%85%A5%E8%AF%81%E6%98%8E%20%281%29.pdf`,
    );
    expect(contentDisposition('a"b\\c.png')).toBe(`attachment; filename="a_b_c.png"; filename*=UTF-8''a%22b%5Cc.png`);
  });
});
