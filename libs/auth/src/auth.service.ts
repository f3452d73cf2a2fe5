import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { AppConfig } from '@aidflow/config';
import { UserRepository, dummyHash, hashPassword, needsRehash, verifyPassword } from '@aidflow/org';
import { LoginSecurityRepository } from './login-security.repository';
import type { Principal } from './principal';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: Principal;
}

/** A verified bearer token: who holds it, and which token it is (for logout). */
export interface VerifiedToken {
  principal: Principal;
  jti: string | null;
  expiresAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WRONG = 'Unknown username or wrong password';

@Injectable()
export class AuthService {
  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(LoginSecurityRepository) private readonly security: LoginSecurityRepository,
  ) {}

  /**
   * Username and password for a token. Wrong passwords are counted per username (known or not, so the answer says
   * nothing about which usernames exist); at LOGIN_MAX_FAILURES in a row the username is locked for LOGIN_LOCK_MS
   * (429 LOGIN_LOCKED with Retry-After), even for the right password. A hash older than argon2id is replaced.
   */
  async login(username: string, password: string): Promise<LoginResult> {
    const key = username.trim().toLowerCase();
    const locked = await this.security.lockedUntil(key);
    if (locked) throw lockedError(locked);
    const user = await this.users.findForLogin(username);
    const good = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !good || user.disabledAt) {
      const { maxFailures, lockMs } = this.limits();
      const count = await this.security.recordFailure(key, maxFailures, lockMs);
      if (count.lockedUntil) throw lockedError(count.lockedUntil);
      throw new ApplicationException(ErrorCode.InvalidCredentials, WRONG);
    }
    await this.security.clearFailures(key);
    if (needsRehash(user.passwordHash)) {
      await this.security.replacePasswordHash(user.id, await hashPassword(password));
    }
    const principal: Principal = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      orgUnitId: user.orgUnitId,
      approvalLevel: user.approvalLevel,
    };
    const accessToken = await this.jwt.signAsync(
      { ...principal },
      {
        subject: user.id,
        jwtid: randomUUID(),
        expiresIn: this.config.auth.tokenTtlSeconds,
      },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.auth.tokenTtlSeconds, user: principal };
  }

  /** Checks the signature and expiry, then that the token was not revoked and its user is not disabled. */
  async verifyToken(token: string): Promise<VerifiedToken> {
    let payload: Principal & { sub: string; jti?: string; exp: number };
    try {
      // The key is the module's (one KeyObject made from AUTH_JWT_SECRET at boot, see auth.module.ts).
      payload = await this.jwt.verifyAsync<Principal & { sub: string; jti?: string; exp: number }>(token);
    } catch (err) {
      throw new ApplicationException(
        ErrorCode.Unauthenticated,
        `Invalid or expired token: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    const jti = typeof payload.jti === 'string' && UUID.test(payload.jti) ? payload.jti : null;
    const standing = await this.security.tokenStanding(payload.sub, jti);
    if (standing !== 'ok') {
      throw new ApplicationException(
        ErrorCode.Unauthenticated,
        standing === 'revoked'
          ? 'This token was revoked (logged out); log in again at POST /auth/login'
          : 'This account is disabled or no longer exists; ask an administrator',
      );
    }
    return {
      principal: {
        userId: payload.sub,
        username: payload.username,
        displayName: payload.displayName,
        role: payload.role,
        orgUnitId: payload.orgUnitId,
        approvalLevel: payload.approvalLevel,
      },
      jti,
      expiresAt: new Date(payload.exp * 1000),
    };
  }

  /** Logout: the token the guard verified stops working now (other sessions of the user keep theirs). */
  async logout({ principal, jti, expiresAt }: VerifiedToken): Promise<void> {
    if (!jti) {
      throw new ApplicationException(
        ErrorCode.Unauthenticated,
        'This token predates revocable tokens; it expires on its own at ' + expiresAt.toISOString(),
      );
    }
    await this.security.revoke(jti, principal.userId, expiresAt);
  }

  /** An administrator disables (or enables again) a user: a disabled user's tokens answer 401 at once. */
  async setDisabled(
    actor: Principal,
    userId: string,
    disabled: boolean,
  ): Promise<{ userId: string; disabled: boolean }> {
    if (disabled && actor.userId === userId) {
      throw new ApplicationException(ErrorCode.ActionInvalid, 'An administrator cannot disable their own account');
    }
    if (!(await this.security.setDisabled(userId, disabled))) {
      throw new ApplicationException(ErrorCode.NotFound, `User ${userId} does not exist`);
    }
    return { userId, disabled };
  }

  private limits(): { maxFailures: number; lockMs: number } {
    return { maxFailures: this.config.auth.loginMaxFailures, lockMs: this.config.auth.loginLockMs };
  }
}

function lockedError(until: Date): ApplicationException {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new ApplicationException(
    ErrorCode.LoginLocked,
    `Too many wrong passwords for this username; try again after ${until.toISOString()} (in ${retryAfterSeconds} s)`,
    { retryAfterSeconds, lockedUntil: until.toISOString() },
  );
}
