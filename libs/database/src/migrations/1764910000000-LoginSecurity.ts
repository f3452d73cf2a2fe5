import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login security: consecutive wrong passwords per username (kept in PostgreSQL, so a lock holds across API restarts
 * and instances), tokens revoked before they expire (logout), and users an administrator disabled.
 */
export class LoginSecurity1764910000000 implements MigrationInterface {
  name = 'LoginSecurity1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_throttle (
        username text PRIMARY KEY,
        failures int NOT NULL CHECK (failures > 0),
        last_failure_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz
      )`);
    await q.query(`
      CREATE TABLE revoked_tokens (
        jti uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id),
        revoked_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX revoked_tokens_expires_at ON revoked_tokens (expires_at)`);
    await q.query(`ALTER TABLE users ADD COLUMN disabled_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN disabled_at`);
    await q.query(`DROP TABLE revoked_tokens`);
    await q.query(`DROP TABLE login_throttle`);
  }
}
