import { maskEmail, maskIdentifier, maskName } from './masking';

describe('masking', () => {
  it('keeps the first three and last four characters of a national id', () => {
    expect(maskIdentifier('110101199003074514')).toBe('110***********4514');
  });

  it('masks short identifiers completely', () => {
    expect(maskIdentifier('12345')).toBe('*****');
    expect(maskIdentifier('')).toBeNull();
    expect(maskIdentifier(null)).toBeNull();
  });

  it('keeps only the first character of a name', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('李*');
  });

  it('keeps the first character of the mailbox and the domain of an email address', () => {
    expect(maskEmail('approver-g-east-1@aidflow.local')).toBe('a***@aidflow.local');
    expect(maskEmail('not-an-address')).toBe('not*******ress');
    expect(maskEmail('')).toBeNull();
  });
});
