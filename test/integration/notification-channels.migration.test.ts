import { NotificationChannels1764200000000 } from '../../libs/database/src/migrations/1764200000000-NotificationChannels';
import { openRepositoryTestDatabase } from '../support/repositories';
import type { RepositoryTestDatabase } from '../support/repositories';

let t: RepositoryTestDatabase;

beforeAll(async () => {
  t = await openRepositoryTestDatabase({ poolSize: 2 });
});

afterAll(async () => {
  await t?.close();
});

async function columns(table: string): Promise<string[]> {
  const rows = await t.sql<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

async function run(direction: 'up' | 'down'): Promise<void> {
  const runner = t.dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    await new NotificationChannels1764200000000()[direction](runner);
    await runner.commitTransaction();
  } catch (err) {
    await runner.rollbackTransaction();
    throw err;
  } finally {
    await runner.release();
  }
}

describe('migration NotificationChannels1764200000000', () => {
  it('gives users phone, locale and SMS opt-in, checked, with the seeded demo channels', async () => {
    const users = await t.sql<{ username: string; phone: string | null; locale: string; notify_sms: boolean }>(
      `SELECT username, phone, locale, notify_sms FROM users WHERE username IN ('applicant1', 'applicant2', 'approver-city')
       ORDER BY username`,
    );
    expect(users).toEqual([
      { username: 'applicant1', phone: null, locale: 'zh-CN', notify_sms: false },
      { username: 'applicant2', phone: null, locale: 'en', notify_sms: false },
      { username: 'approver-city', phone: '13800000007', locale: 'zh-CN', notify_sms: true },
    ]);
    await expect(t.sql(`UPDATE users SET locale = 'fr' WHERE username = 'applicant1'`)).rejects.toThrow(
      /users_locale_check/,
    );
    await expect(t.sql(`UPDATE users SET phone = 'call me' WHERE username = 'applicant1'`)).rejects.toThrow(
      /users_phone_check/,
    );
  });

  it('reverts to the email-only schema and applies again', async () => {
    await run('down');
    expect(await columns('notifications')).not.toEqual(expect.arrayContaining(['body']));
    expect(await columns('notifications')).not.toContain('read_at');
    expect(await columns('users')).not.toContain('locale');

    await run('up');
    expect(await columns('notifications')).toEqual(
      expect.arrayContaining(['body', 'read_at', 'permanent_failure', 'address', 'channel']),
    );
    expect(await columns('users')).toEqual(expect.arrayContaining(['phone', 'locale', 'notify_sms']));
  });
});
