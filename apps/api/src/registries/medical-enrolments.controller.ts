import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@aidflow/auth';
import { RegistriesService } from '@aidflow/registries';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-errors.decorator';
import { CreateEnrolmentDto, EnrolmentListQueryDto, EnrolmentResponse } from './registries.dto';
import { toEnrolmentResponse } from './registries.response';

@ApiTags('medical-enrolments')
@ApiBearerAuth()
@ApiErrors({ 401: 'UNAUTHENTICATED' })
@Controller('medical-enrolments')
export class MedicalEnrolmentsController {
  constructor(@Inject(RegistriesService) private readonly registries: RegistriesService) {}

  @Post()
  @Roles('approver', 'admin')
  @ApiOperation({
    summary:
      'Enrol a member in medical mutual aid (职工医疗互助) for a coverage year (Jan 1 to Dec 31), through their ' +
      'grassroots union',
  })
  @ApiCreatedResponse({ type: EnrolmentResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED: a field (named) is malformed',
    403: 'FORBIDDEN: not a level-1 approver of the member’s union (or another branch), nor admin',
    404: 'NOT_FOUND: username is not a user',
    409: 'ALREADY_ENROLLED: the member is enrolled for that year',
  })
  async enrol(@CurrentUser() user: Principal, @Body() body: CreateEnrolmentDto): Promise<EnrolmentResponse> {
    return toEnrolmentResponse(await this.registries.enrol(user, body));
  }

  @Get()
  @Roles('applicant', 'approver', 'auditor', 'admin')
  @ApiOperation({
    summary: 'Enrolments: members see their own, approvers their branch (names masked), auditors and admins all',
  })
  @ApiOkResponse({ type: [EnrolmentResponse] })
  @ApiErrors({
    400: 'VALIDATION_FAILED: username or year malformed',
    403: 'FORBIDDEN: a member asking for someone else',
    404: 'NOT_FOUND: username is not a user',
  })
  async list(@CurrentUser() user: Principal, @Query() query: EnrolmentListQueryDto): Promise<EnrolmentResponse[]> {
    return (await this.registries.listEnrolments(user, query)).map(toEnrolmentResponse);
  }
}
