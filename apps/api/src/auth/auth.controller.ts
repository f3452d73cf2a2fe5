import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService } from '@aidflow/auth';
import type { LoginResult, Principal } from '@aidflow/auth';
import { ApiErrors } from '../common/api-errors.decorator';
import { CurrentUser } from './current-user.decorator';
import { LoginDto } from './login.dto';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a username and password for a signed bearer token' })
  @ApiOkResponse({ description: '{ accessToken, tokenType, expiresIn, user }' })
  @ApiErrors({ 400: 'VALIDATION_FAILED: username or password missing', 401: 'INVALID_CREDENTIALS' })
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
}
