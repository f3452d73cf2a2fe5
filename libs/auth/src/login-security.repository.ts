import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface FailureCount {
  failures: number;
  lockedUntil: Date | null;
}

/** Port: wrong-password counts per username, revoked tokens, and who may hold a token at all. */
export abstract class LoginSecurityRepository {
  /** The time a username stays locked until, when it is locked now. */
  abstract lockedUntil(username: string): Promise<Date | null>;
  /**
   * Counts one more wrong password, atomically (20 wrong guesses at once count 20); the count starts again after a
   * lock ran out. Locks the username for `lockMs` when the count reaches `maxFailures`.
   */
  abstract recordFailure(username: string, maxFailures: number, lockMs: number): Promise<FailureCount>;
  abstract clearFailures(username: string): Promise<void>;
  abstract replacePasswordHash(userId: string, hash: string): Promise<void>;
  /** Revokes one token until it expires; rows of tokens that have expired since are dropped on the way. */
  abstract revoke(jti: string, userId: string, expiresAt: Date): Promise<void>;
  /** Whether a token may still be used: its user exists and is not disabled, and the token was not revoked. */
  abstract tokenStanding(userId: string, jti: string | null): Promise<'ok' | 'revoked' | 'disabled' | 'unknown-user'>;
  /** Disables or enables a user; false when there is no such user. */
  abstract setDisabled(userId: string, disabled: boolean): Promise<boolean>;
}

@Injectable()
export class TypeOrmLoginSecurityRepository extends LoginSecurityRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {
    super();
  }

  async lockedUntil(username: string): Promise<Date | null> {
    const [row] = await this.db.query<Array<{ locked_until: Date }>>(
      'SELECT locked_until FROM login_throttle WHERE username = $1 AND locked_until > now()',
      [username],
    );
    return row?.locked_until ?? null;
  }

  async recordFailure(username: string, maxFailures: number, lockMs: number): Promise<FailureCount> {
    const [row] = await this.db.query<Array<{ failures: number; locked_until: Date | null }>>(
      `INSERT INTO login_throttle AS t (username, failures, last_failure_at, locked_until)
       VALUES ($1, 1, now(), CASE WHEN 1 >= $2 THEN now() + make_interval(secs => $3 / 1000.0) END)
       ON CONFLICT (username) DO UPDATE SET
         failures = CASE WHEN t.locked_until IS NOT NULL AND t.locked_until <= now() THEN 1 ELSE t.failures + 1 END,
         last_failure_at = now(),
         locked_until = CASE
           WHEN t.locked_until > now() THEN t.locked_until
           WHEN (CASE WHEN t.locked_until IS NOT NULL THEN 1 ELSE t.failures + 1 END) >= $2
             THEN now() + make_interval(secs => $3 / 1000.0)
         END
       RETURNING failures, locked_until`,
      [username, maxFailures, lockMs],
    );
    return { failures: row.failures, lockedUntil: row.locked_until };
  }

  async clearFailures(username: string): Promise<void> {
    await this.db.query('DELETE FROM login_throttle WHERE username = $1', [username]);
  }

  async replacePasswordHash(userId: string, hash: string): Promise<void> {
    await this.db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, hash]);
  }

  async revoke(jti: string, userId: string, expiresAt: Date): Promise<void> {
    // A revoked token past its expiry is refused by its signature check anyway: its row is dropped here (indexed).
    await this.db.query('DELETE FROM revoked_tokens WHERE expires_at < now()');
    await this.db.query(
      `INSERT INTO revoked_tokens (jti, user_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (jti) DO NOTHING`,
      [jti, userId, expiresAt],
    );
  }

  async tokenStanding(userId: string, jti: string | null): Promise<'ok' | 'revoked' | 'disabled' | 'unknown-user'> {
    const [row] = await this.db.query<Array<{ disabled: boolean; revoked: boolean }>>(
      `SELECT u.disabled_at IS NOT NULL AS disabled,
              ($2::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = $2::uuid)) AS revoked
       FROM users u WHERE u.id = $1`,
      [userId, jti],
    );
    if (!row) return 'unknown-user';
    if (row.disabled) return 'disabled';
    return row.revoked ? 'revoked' : 'ok';
  }

  async setDisabled(userId: string, disabled: boolean): Promise<boolean> {
    // TypeORM's plain query answers an UPDATE with [rows, affected].
    const [, affected] = await this.db.query<[unknown[], number]>(
      `UPDATE users SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END WHERE id = $1`,
      [userId, disabled],
    );
    return affected > 0;
  }
}
