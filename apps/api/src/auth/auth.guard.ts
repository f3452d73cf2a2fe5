import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { RejectedAttemptsRepository } from '@aidflow/audit';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { AuthService } from '@aidflow/auth';
import type { Principal, VerifiedToken } from '@aidflow/auth';
import type { Role } from '@aidflow/org';
import { IS_PUBLIC } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Global guard: a valid bearer token on every route not marked @Public, and a role the route allows. A wrong role on
 * a route about one application (`/applications/:id/...`, `/audit/applications/:id/...`) is written to
 * `rejected_attempts` like the refusals of the services, so auditors see every refused attempt on a case.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(RejectedAttemptsRepository) private readonly rejected: RejectedAttemptsRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: Principal; token?: VerifiedToken }>();
    const header = request.headers.authorization;
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) {
      throw new ApplicationException(
        ErrorCode.Unauthenticated,
        'Missing "Authorization: Bearer <token>" header; log in at POST /auth/login',
      );
    }
    const verified = await this.auth.verifyToken(match[1]);
    request.user = verified.principal;
    request.token = verified;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.user.role)) {
      const reason = `This action needs role ${roles.join(' or ')}; you are ${request.user.role}`;
      await this.recordOnApplication(request, reason);
      throw new ApplicationException(ErrorCode.Forbidden, reason);
    }
    return true;
  }

  private async recordOnApplication(request: Request & { user?: Principal }, reason: string): Promise<void> {
    const param: unknown = request.params?.id;
    const id = typeof param === 'string' ? param : undefined;
    const path = (request.route as { path?: string } | undefined)?.path ?? '';
    if (!id || !UUID.test(id) || !/(^|\/)applications\/:id(\/|$)/.test(path)) return;
    await this.rejected.record({
      actorId: request.user!.userId,
      action: `${request.method} ${path}`,
      applicationId: id,
      code: ErrorCode.Forbidden,
      reason,
    });
  }
}
