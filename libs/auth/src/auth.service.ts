import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { AppConfig } from '@aidflow/config';
import { UserRepository, verifyPassword } from '@aidflow/org';
import type { Principal } from './principal';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: Principal;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<LoginResult> {
    const user = await this.users.findForLogin(username);
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      throw new ApplicationException(ErrorCode.InvalidCredentials, 'Unknown username or wrong password');
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
      { subject: user.id, expiresIn: this.config.auth.tokenTtlSeconds, secret: this.config.auth.jwtSecret },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.auth.tokenTtlSeconds, user: principal };
  }

  async verify(token: string): Promise<Principal> {
    try {
      const payload = await this.jwt.verifyAsync<Principal & { sub: string }>(token, {
        secret: this.config.auth.jwtSecret,
      });
      return {
        userId: payload.sub,
        username: payload.username,
        displayName: payload.displayName,
        role: payload.role,
        orgUnitId: payload.orgUnitId,
        approvalLevel: payload.approvalLevel,
      };
    } catch (err) {
      throw new ApplicationException(
        ErrorCode.Unauthenticated,
        `Invalid or expired token: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}
