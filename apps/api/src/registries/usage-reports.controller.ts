import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@aidflow/auth';
import { yuanToFen } from '@aidflow/common';
import { RegistriesService } from '@aidflow/registries';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-errors.decorator';
import { CreateUsageReportDto, UsageReportResponse } from './registries.dto';
import { toUsageReportResponse } from './registries.response';

@ApiTags('applications')
@ApiBearerAuth()
@ApiErrors({ 401: 'UNAUTHENTICATED' })
@Controller('applications')
export class UsageReportsController {
  constructor(@Inject(RegistriesService) private readonly registries: RegistriesService) {}

  @Post(':id/usage-report')
  @Roles('approver', 'applicant', 'admin')
  @ApiOperation({
    summary:
      'Report how a grassroots union used an approved subsidy (union-subsidy): once per application, within the ' +
      'granted amount (the officer who applied, or an administrator)',
  })
  @ApiCreatedResponse({ type: UsageReportResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED: a field (named) is malformed, or the id is not a uuid',
    403: 'FORBIDDEN: not the officer who applied, nor admin',
    404: 'APPLICATION_NOT_FOUND',
    409: 'USAGE_REPORT_EXISTS: the application has its report already',
    422: 'USAGE_REPORT_INVALID: not an approved union-subsidy case (status named), or the items exceed the grant',
  })
  async report(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CreateUsageReportDto,
  ): Promise<UsageReportResponse> {
    const items = body.items.map((i) => ({ purpose: i.purpose, amountFen: yuanToFen(i.amount) }));
    return toUsageReportResponse(await this.registries.reportUsage(user, id, { items, note: body.note }));
  }

  @Get(':id/usage-report')
  @Roles('applicant', 'approver', 'auditor', 'admin')
  @ApiOperation({
    summary: 'The usage report of a union subsidy (its officer, its branch’s approvers, auditors, admins)',
  })
  @ApiOkResponse({ type: UsageReportResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED: the id is not a uuid',
    403: 'FORBIDDEN: outside your branch',
    404: 'APPLICATION_NOT_FOUND, or NOT_FOUND: no report yet',
  })
  async get(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<UsageReportResponse> {
    return toUsageReportResponse(await this.registries.usageReport(user, id));
  }
}
