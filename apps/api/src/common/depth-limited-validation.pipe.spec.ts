import { firstTooDeep } from './depth-limited-validation.pipe';

const nested = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

describe('firstTooDeep', () => {
  it('lets ordinary bodies through', () => {
    expect(firstTooDeep({ program: 'hardship-aid', household: { size: 3 }, items: [{ a: 1 }] }, 32)).toBeNull();
    expect(firstTooDeep(nested(32), 32)).toBeNull();
    expect(firstTooDeep('text', 32)).toBeNull();
  });

  it('names where a body goes too deep, even 100,000 levels down, without recursing', () => {
    expect(firstTooDeep({ facts: nested(40) }, 32)).toMatch(/^body\.facts\.a\.a/);
    expect(firstTooDeep([[[[1]]]], 2)).toBe('body[0][0]');
    expect(firstTooDeep(nested(100_000), 32)).toBe(`body${'.a'.repeat(32)}`);
  });
});
