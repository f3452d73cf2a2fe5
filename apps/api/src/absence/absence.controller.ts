import { Body, Controller, Delete, Get, HttpCode, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, Length } from 'class-validator';
import type { Principal } from '@aidflow/auth';
import { AbsenceService } from '@aidflow/org';
import type { Absence } from '@aidflow/org';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-errors.decorator';

export class SetAbsenceDto {
  @ApiProperty({
    description: 'Username of the approver who takes tasks arriving while you are away',
    example: 'approver-d-east',
  })
  @IsString()
  @Length(1, 100)
  delegate: string;

  @ApiProperty({ description: 'Start of the absence (ISO 8601)', example: '2026-12-01T00:00:00+08:00' })
  @IsDateString({}, { message: 'from must be an ISO 8601 time' })
  from: string;

  @ApiProperty({ description: 'End of the absence (ISO 8601)', example: '2026-12-08T00:00:00+08:00' })
  @IsDateString({}, { message: 'until must be an ISO 8601 time' })
  until: string;

  @ApiPropertyOptional({ example: '出差 business trip' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  reason?: string;
}

const view = (a: Absence) => ({
  id: a.id,
  delegate: { id: a.delegateId, name: a.delegateName },
  from: a.startsAt,
  until: a.endsAt,
  reason: a.reason,
});

/** Absence delegation (请假代理): tasks that arrive while you are away go to your delegate; the record names both. */
@ApiTags('absence')
@ApiBearerAuth()
@ApiErrors({ 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN: only approvers delegate' })
@Controller('me/absence')
@Roles('approver')
export class AbsenceController {
  constructor(@Inject(AbsenceService) private readonly absences: AbsenceService) {}

  @Put()
  @HttpCode(200)
  @ApiOperation({ summary: 'Set an out-of-office window and a delegate' })
  @ApiOkResponse({ description: 'The absence' })
  @ApiErrors({
    400: 'VALIDATION_FAILED: delegate, from or until malformed; until not after from, or not in the future',
    422: 'ACTION_INVALID: unknown delegate, not an approver, yourself',
  })
  async set(@CurrentUser() user: Principal, @Body() body: SetAbsenceDto) {
    return view(
      await this.absences.set(user, {
        delegateUsername: body.delegate,
        startsAt: new Date(body.from),
        endsAt: new Date(body.until),
        reason: body.reason,
      }),
    );
  }

  @Get()
  @ApiOperation({ summary: 'Your current and future absences' })
  async list(@CurrentUser() user: Principal) {
    return (await this.absences.list(user)).map(view);
  }

  @Delete()
  @HttpCode(200)
  @ApiOperation({ summary: 'End your current and future absences now' })
  async clear(@CurrentUser() user: Principal) {
    return { cleared: await this.absences.clear(user) };
  }
}
