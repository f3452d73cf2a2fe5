import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { AuthService } from '@aidflow/auth';
import type { Principal } from '@aidflow/auth';
import type { Role } from '@aidflow/org';
import { IS_PUBLIC } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';

/** Global guard: a valid bearer token on every route not marked @Public, and a role the route allows. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: Principal }>();
    const header = request.headers.authorization;
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) {
      throw new ApplicationException(
        ErrorCode.Unauthenticated,
        'Missing "Authorization: Bearer <token>" header; log in at POST /auth/login',
      );
    }
    request.user = await this.auth.verify(match[1]);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.user.role)) {
      throw new ApplicationException(
        ErrorCode.Forbidden,
        `This action needs role ${roles.join(' or ')}; you are ${request.user.role}`,
      );
    }
    return true;
  }
}
