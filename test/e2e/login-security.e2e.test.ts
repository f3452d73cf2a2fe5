import { createHmac, randomBytes, scryptSync } from 'node:crypto';
import { DEMO_PASSWORD } from '../../scripts/lib/seed';
import { startTestStack } from '../support/test-stack';
import type { TestStack } from '../support/test-stack';

/**
 * RELIABILITY.md, "Login": repeated wrong passwords lock the username (429 LOGIN_LOCKED with Retry-After, state in
 * PostgreSQL), passwords are hashed with argon2id (older scrypt hashes upgraded at the next login), security headers
 * on every answer, and tokens revoked by logout or by an administrator disabling the user.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ http: true });
});

afterAll(async () => {
  await stack?.stop();
});

interface Answer {
  status: number;
  headers: Headers;
  body: { code?: string; message?: string; accessToken?: string; details?: { retryAfterSeconds?: number } } & Record<
    string,
    unknown
  >;
}

async function send(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Answer> {
  const res = await fetch(`${stack.baseUrl!}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await res.text();
  const body = (res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : {}) as Answer['body'];
  return { status: res.status, headers: res.headers, body };
}

const login = (username: string, password: string) => send('POST', '/auth/login', { body: { username, password } });

async function token(username: string): Promise<string> {
  const res = await login(username, DEMO_PASSWORD);
  expect(res.status).toBe(200);
  return res.body.accessToken!;
}

const throttle = async (username: string) =>
  (
    await stack.sql<{ failures: number; locked_until: Date | null }>(
      'SELECT failures, locked_until FROM login_throttle WHERE username = $1',
      [username],
    )
  )[0];

describe('login throttling', () => {
  it('locks a username after 5 wrong passwords in a row: 429 LOGIN_LOCKED with Retry-After, even for the right one', async () => {
    for (let i = 1; i <= 4; i++) {
      const res = await login('applicant2', `wrong-${i}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await login('applicant2', 'wrong-5');
    expect(fifth.status).toBe(429);
    expect(fifth.body.code).toBe('LOGIN_LOCKED');
    expect(fifth.body.message).toMatch(/try again after \d{4}-\d\d-\d\dT/);
    const retryAfter = Number(fifth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(890);
    expect(retryAfter).toBeLessThanOrEqual(900);

    const right = await login('applicant2', DEMO_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('LOGIN_LOCKED');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other users are not affected.
    expect((await login('applicant3', DEMO_PASSWORD)).status).toBe(200);

    // When the lock has run out (moved into the past here), the right password works and clears the count.
    await stack.sql(`UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE username = $1`, [
      'applicant2',
    ]);
    expect((await login('applicant2', DEMO_PASSWORD)).status).toBe(200);
    expect(await throttle('applicant2')).toBeUndefined();
  });

  it('resets the count on a good login; of 20 wrong guesses sent at once exactly 4 answer 401 (no count lost)', async () => {
    await login('auditor1', 'wrong');
    await login('auditor1', 'wrong');
    expect((await throttle('auditor1')).failures).toBe(2);
    expect((await login('auditor1', DEMO_PASSWORD)).status).toBe(200);
    expect(await throttle('auditor1')).toBeUndefined();

    // A lost increment would let a 5th, 6th, ... guess through with 401. The guesses that arrive once the lock is set
    // are refused before their password is checked, so the stored count is between 5 and 20 (the repository test
    // shows 20 concurrent increments counting 20).
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => login('leader-city', `guess-${i}`)));
    expect(burst.filter((r) => r.status === 401)).toHaveLength(4);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(16);
    expect((await throttle('leader-city')).failures).toBeGreaterThanOrEqual(5);
    expect((await throttle('leader-city')).locked_until).not.toBeNull();
  });

  it('answers an unknown username exactly like a wrong password, and throttles it too', async () => {
    const unknown = await login('nobody-here', 'whatever');
    const wrong = await login('approver-g-west-2', 'whatever');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    for (let i = 0; i < 4; i++) await login('Nobody-Here ', 'whatever'); // the same username, however written
    expect((await login('nobody-here', 'whatever')).status).toBe(429);
  });
});

describe('password hashing', () => {
  it('stores argon2id, and replaces an older scrypt hash at the next good login', async () => {
    const [seeded] = await stack.sql<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE username = 'approver-g-east-2'`,
    );
    expect(seeded.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const salt = randomBytes(16);
    const legacy = `scrypt$${salt.toString('base64')}$${scryptSync(DEMO_PASSWORD, salt, 32).toString('base64')}`;
    await stack.sql(`UPDATE users SET password_hash = $1 WHERE username = 'approver-g-east-2'`, [legacy]);
    expect((await login('approver-g-east-2', DEMO_PASSWORD)).status).toBe(200);
    const [upgraded] = await stack.sql<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE username = 'approver-g-east-2'`,
    );
    expect(upgraded.password_hash).toMatch(/^\$argon2id\$/);
    expect((await login('approver-g-east-2', DEMO_PASSWORD)).status).toBe(200);
  });
});

describe('security headers', () => {
  it('sets them on API answers, and the API docs still render', async () => {
    const health = await send('GET', '/health');
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(health.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(health.headers.get('x-powered-by')).toBeNull();

    expect(health.headers.get('cross-origin-resource-policy')).toBe('same-origin');

    // The Swagger UI: its scripts all come from /docs (none inline, so `script-src 'self'` runs them), and nothing
    // sends the browser to https:// for its assets when the API is reached over plain http.
    const docs = await fetch(`${stack.baseUrl!}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
    const html = await docs.text();
    expect(html).toContain('<div id="swagger-ui">');
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toMatch(/\ssrc="[^"]+"/);
    const csp = docs.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    for (const src of [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1])) {
      const asset = await fetch(new URL(src, `${stack.baseUrl!}/docs`));
      expect({ src, status: asset.status }).toEqual({ src, status: 200 });
      await asset.arrayBuffer();
    }
  });

  it('keeps the codec routes readable from the Temporal Web UI origin (CORS and resource policy)', async () => {
    const preflight = await fetch(`${stack.baseUrl!}/codec/decode`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:8233',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8233');
    expect(preflight.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(preflight.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('token revocation', () => {
  it('logout revokes the token it is sent with; another session of the same user keeps working', async () => {
    const first = await token('approver-d-west');
    const second = await token('approver-d-west');
    expect((await send('GET', '/auth/me', { token: first })).status).toBe(200);
    expect((await send('POST', '/auth/logout', { token: first })).status).toBe(204);
    const after = await send('GET', '/auth/me', { token: first });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining('revoked') as unknown,
    });
    expect((await send('POST', '/auth/logout', { token: first })).status).toBe(401);
    expect((await send('GET', '/auth/me', { token: second })).status).toBe(200);
    expect((await send('POST', '/auth/logout')).status).toBe(401);
  });

  it('a disabled user gets 401 at once on a live token and cannot log in; enabled again, they can', async () => {
    const admin = await token('admin1');
    const userToken = await token('approver-g-west-1');
    const [{ id }] = await stack.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'approver-g-west-1'`);

    expect((await send('POST', `/users/${id}/disable`, { token: userToken })).status).toBe(403);
    const disabled = await send('POST', `/users/${id}/disable`, { token: admin });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toEqual({ userId: id, disabled: true });

    const refused = await send('GET', '/tasks', { token: userToken });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toContain('disabled');
    const relogin = await login('approver-g-west-1', DEMO_PASSWORD);
    expect(relogin.status).toBe(401);
    expect(relogin.body.code).toBe('INVALID_CREDENTIALS');

    expect((await send('POST', `/users/${id}/enable`, { token: admin })).body).toEqual({ userId: id, disabled: false });
    expect((await login('approver-g-west-1', DEMO_PASSWORD)).status).toBe(200);
    const missing = await send('POST', '/users/00000000-0000-4000-8000-00000000abcd/disable', { token: admin });
    expect(missing.status).toBe(404);
    const [{ id: adminId }] = await stack.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'admin1'`);
    expect((await send('POST', `/users/${adminId}/disable`, { token: admin })).status).toBe(422);
    expect((await send('POST', '/users/not-a-uuid/disable', { token: admin })).status).toBe(400);
  });

  it('accepts only HS256 tokens signed with AUTH_JWT_SECRET: another key, another algorithm and no signature get 401', async () => {
    const genuine = await token('approver-g-east-1');
    expect((await send('GET', '/auth/me', { token: genuine })).status).toBe(200);
    const [, claims] = genuine.split('.');
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signed = (alg: string, hash: string, secret: string) => {
      const head = `${b64({ alg, typ: 'JWT' })}.${claims}`;
      return `${head}.${createHmac(hash, secret).update(head).digest('base64url')}`;
    };
    const forged = {
      otherKey: signed('HS256', 'sha256', 'not-the-secret'),
      hs512: signed('HS512', 'sha512', stack.config.auth.jwtSecret),
      none: `${b64({ alg: 'none', typ: 'JWT' })}.${claims}.`,
    };
    // The genuine token's claims re-signed the same way are accepted: the refusals below are about the key and alg.
    expect(
      (await send('GET', '/auth/me', { token: signed('HS256', 'sha256', stack.config.auth.jwtSecret) })).status,
    ).toBe(200);
    for (const [what, forgedToken] of Object.entries(forged)) {
      const res = await send('GET', '/auth/me', { token: forgedToken });
      expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status: 401, code: 'UNAUTHENTICATED' });
    }
  });
});
