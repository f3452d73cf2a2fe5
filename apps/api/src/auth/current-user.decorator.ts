import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { Principal, VerifiedToken } from '@aidflow/auth';

export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<{ user: Principal }>().user,
);

/** The bearer token the guard verified for this request (its jti and expiry, for logout). */
export const CurrentToken = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): VerifiedToken =>
    ctx.switchToHttp().getRequest<{ token: VerifiedToken }>().token,
);
