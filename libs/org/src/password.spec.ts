import { randomBytes, scryptSync } from 'node:crypto';
import { hashPassword, needsRehash, verifyPassword } from './password';

/** A hash in the format the product stored before argon2id. */
function legacyScrypt(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(password, salt, 32).toString('base64')}`;
}

describe('password hashing', () => {
  it('hashes with argon2id (OWASP parameters), verifies the password and refuses another', async () => {
    const stored = await hashPassword('s3cret-pass');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(verifyPassword('s3cret-pass', stored)).resolves.toBe(true);
    await expect(verifyPassword('wrong-pass', stored)).resolves.toBe(false);
    expect(needsRehash(stored)).toBe(false);
  });

  it('still verifies an older scrypt hash, and says it should be replaced', async () => {
    const stored = legacyScrypt('old-pass');
    await expect(verifyPassword('old-pass', stored)).resolves.toBe(true);
    await expect(verifyPassword('other', stored)).resolves.toBe(false);
    expect(needsRehash(stored)).toBe(true);
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA')).toBe(true);
  });

  it('salts: the same password hashes differently twice', async () => {
    expect(await hashPassword('same')).not.toEqual(await hashPassword('same'));
  });

  it('refuses a malformed stored hash', async () => {
    await expect(verifyPassword('x', 'plain')).resolves.toBe(false);
    await expect(verifyPassword('x', '$argon2id$garbage')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$AAAA$AAAA')).resolves.toBe(false);
  });
});
