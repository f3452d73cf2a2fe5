import { randomUUID } from 'node:crypto';
import { TypeOrmLoginSecurityRepository } from '../../libs/auth/src/login-security.repository';
import { openRepositoryTestDatabase } from '../support/repositories';
import type { RepositoryTestDatabase } from '../support/repositories';

let t: RepositoryTestDatabase;
let repo: TypeOrmLoginSecurityRepository;

beforeAll(async () => {
  // As many connections as concurrent calls below, so they really reach PostgreSQL at once.
  t = await openRepositoryTestDatabase({ poolSize: 20 });
  repo = new TypeOrmLoginSecurityRepository(t.dataSource);
});

afterAll(async () => {
  await t?.close();
});

const userId = async (username: string): Promise<string> =>
  (await t.sql<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]))[0].id;

describe('TypeOrmLoginSecurityRepository.recordFailure', () => {
  it('counts 20 wrong passwords recorded at once as 20, each call seeing its own count', async () => {
    const counts = await Promise.all(Array.from({ length: 20 }, () => repo.recordFailure('burst-user', 100, 60_000)));

    expect(counts.map((c) => c.failures).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(counts.every((c) => c.lockedUntil === null)).toBe(true);
    const [row] = await t.sql<{ failures: number }>('SELECT failures FROM login_throttle WHERE username = $1', [
      'burst-user',
    ]);
    expect(row.failures).toBe(20);
  });

  it('locks at the 5th of 20 concurrent failures: 4 calls see no lock, 16 see the same one', async () => {
    const counts = await Promise.all(Array.from({ length: 20 }, () => repo.recordFailure('lock-user', 5, 60_000)));

    expect(counts.filter((c) => c.lockedUntil === null)).toHaveLength(4);
    const locks = new Set(counts.flatMap((c) => (c.lockedUntil ? [c.lockedUntil.getTime()] : [])));
    expect(locks.size).toBe(1);
    const [until] = [...locks];
    expect(until - Date.now()).toBeGreaterThan(50_000);
    expect(until - Date.now()).toBeLessThanOrEqual(60_000);
    expect((await repo.lockedUntil('lock-user'))?.getTime()).toBe(until);
  });

  it('starts counting again from 1 once a lock has run out, and a clear forgets the username', async () => {
    for (let i = 0; i < 3; i++) await repo.recordFailure('expired-user', 3, 60_000);
    expect(await repo.lockedUntil('expired-user')).not.toBeNull();
    await t.sql(`UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE username = $1`, [
      'expired-user',
    ]);
    expect(await repo.lockedUntil('expired-user')).toBeNull();

    expect(await repo.recordFailure('expired-user', 3, 60_000)).toEqual({ failures: 1, lockedUntil: null });
    await repo.clearFailures('expired-user');
    expect(await t.sql('SELECT 1 FROM login_throttle WHERE username = $1', ['expired-user'])).toEqual([]);
  });
});

describe('TypeOrmLoginSecurityRepository token standing', () => {
  it('tells a live, a revoked and an unknown user’s token apart, and a disabled user’s', async () => {
    const id = await userId('applicant3');
    const live = randomUUID();
    const revoked = randomUUID();
    await repo.revoke(revoked, id, new Date(Date.now() + 3_600_000));

    expect(await repo.tokenStanding(id, live)).toBe('ok');
    expect(await repo.tokenStanding(id, null)).toBe('ok');
    expect(await repo.tokenStanding(id, revoked)).toBe('revoked');
    expect(await repo.tokenStanding(randomUUID(), live)).toBe('unknown-user');

    expect(await repo.setDisabled(id, true)).toBe(true);
    expect(await repo.tokenStanding(id, live)).toBe('disabled');
    expect(await repo.setDisabled(id, false)).toBe(true);
    expect(await repo.tokenStanding(id, live)).toBe('ok');
    expect(await repo.setDisabled(randomUUID(), true)).toBe(false);
  });

  it('drops the rows of revoked tokens that have expired when it revokes another', async () => {
    const id = await userId('applicant3');
    const old = randomUUID();
    await t.sql(`INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, now() - interval '1 minute')`, [
      old,
      id,
    ]);
    const fresh = randomUUID();
    await repo.revoke(fresh, id, new Date(Date.now() + 3_600_000));

    const rows = await t.sql<{ jti: string }>('SELECT jti FROM revoked_tokens WHERE jti = ANY($1::uuid[])', [
      [old, fresh],
    ]);
    expect(rows.map((r) => r.jti)).toEqual([fresh]);
  });
});
