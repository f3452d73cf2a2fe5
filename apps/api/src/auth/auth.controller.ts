import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService } from '@aidflow/auth';
import type { LoginResult, Principal, VerifiedToken } from '@aidflow/auth';
import { ApiErrors } from '../common/api-errors.decorator';
import { CurrentToken, CurrentUser } from './current-user.decorator';
import { LoginDto } from './login.dto';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a username and password for a signed bearer token' })
  @ApiOkResponse({ description: '{ accessToken, tokenType, expiresIn, user }' })
  @ApiErrors({
    400: 'VALIDATION_FAILED: username or password missing',
    401: 'INVALID_CREDENTIALS',
    429: 'LOGIN_LOCKED: too many wrong passwords in a row for this username; see Retry-After',
  })
  login(@Body() body: LoginDto): Promise<LoginResult> {
    return this.auth.login(body.username, body.password);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the token belongs to' })
  @ApiOkResponse({ description: '{ userId, username, displayName, role, orgUnitId, approvalLevel }' })
  @ApiErrors({ 401: 'UNAUTHENTICATED: no, expired or invalid bearer token' })
  me(@CurrentUser() user: Principal): Principal {
    return user;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the bearer token this request carries (other sessions keep theirs)' })
  @ApiNoContentResponse({ description: 'The token answers 401 from now on' })
  @ApiErrors({ 401: 'UNAUTHENTICATED: no, expired, invalid or already revoked token' })
  logout(@CurrentToken() token: VerifiedToken): Promise<void> {
    return this.auth.logout(token);
  }
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Post(':id/disable')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Disable a user: no more logins, and every token of theirs answers 401 at once' })
  @ApiOkResponse({ description: '{ userId, disabled: true }' })
  @ApiErrors({
    400: 'VALIDATION_FAILED: the id is not a UUID',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN: administrators only',
    404: 'NOT_FOUND: no such user',
    422: 'ACTION_INVALID: an administrator cannot disable themselves',
  })
  disable(@CurrentUser() actor: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.auth.setDisabled(actor, id, true);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Enable a disabled user again (they log in anew)' })
  @ApiOkResponse({ description: '{ userId, disabled: false }' })
  @ApiErrors({
    400: 'VALIDATION_FAILED: the id is not a UUID',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN: administrators only',
    404: 'NOT_FOUND: no such user',
  })
  enable(@CurrentUser() actor: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.auth.setDisabled(actor, id, false);
  }
}
