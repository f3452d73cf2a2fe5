import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@aidflow/auth';
import { yuanToFen } from '@aidflow/common';
import { RegistriesService } from '@aidflow/registries';
import type { HouseholdFigures } from '@aidflow/registries';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  CloseHouseholdFileDto,
  CreateHouseholdFileDto,
  HouseholdFileDetailsResponse,
  HouseholdFileListQueryDto,
  HouseholdFilePageResponse,
  HouseholdFiguresDto,
  HouseholdFileVerificationResponse,
} from './registries.dto';
import { toHouseholdFileDetailsResponse, toHouseholdFileResponse, toVerificationResponse } from './registries.response';

const OFFICER = 'FORBIDDEN: not a level-1 approver of the household’s grassroots union (or another branch), nor admin';

function figures(body: HouseholdFiguresDto): HouseholdFigures {
  return {
    householdSize: body.householdSize,
    annualIncomeFen: yuanToFen(body.annualIncome),
    unavoidableCostsFen: yuanToFen(body.unavoidableCosts ?? 0),
    accidentCostsFen: yuanToFen(body.accidentCosts ?? 0),
    note: body.note,
  };
}

@ApiTags('household-files')
@ApiBearerAuth()
@ApiErrors({ 401: 'UNAUTHENTICATED' })
@Controller('household-files')
export class HouseholdFilesController {
  constructor(@Inject(RegistriesService) private readonly registries: RegistriesService) {}

  @Post()
  @Roles('approver', 'admin')
  @ApiOperation({
    summary: '建档: file a household (一户一档) after the home visit; the tier follows from today’s hardship standard',
  })
  @ApiCreatedResponse({ type: HouseholdFileDetailsResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED: a field (named) is malformed, or username is not a worker',
    403: OFFICER,
    404: 'NOT_FOUND: username is not a user',
    409: 'HOUSEHOLD_FILE_EXISTS: the head already has an open file (named)',
    422: 'NO_HARDSHIP_TIER: the household’s figures (named) meet no tier; STANDARD_NOT_FOUND',
  })
  async create(
    @CurrentUser() user: Principal,
    @Body() body: CreateHouseholdFileDto,
  ): Promise<HouseholdFileDetailsResponse> {
    return toHouseholdFileDetailsResponse(
      await this.registries.fileHousehold(user, { ...figures(body), username: body.username }),
    );
  }

  @Get()
  @Roles('approver', 'auditor', 'admin')
  @ApiOperation({
    summary:
      'Household files, newest first, 50 a page: approvers see their branch, auditors and admins all (names masked)',
  })
  @ApiOkResponse({ type: HouseholdFilePageResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED: status or page malformed', 403: 'FORBIDDEN: applicants' })
  async list(
    @CurrentUser() user: Principal,
    @Query() query: HouseholdFileListQueryDto,
  ): Promise<HouseholdFilePageResponse> {
    const page = await this.registries.listFiles(user, { status: query.status, page: query.page });
    return { ...page, items: page.items.map(toHouseholdFileResponse) };
  }

  @Get(':id')
  @Roles('applicant', 'approver', 'auditor', 'admin')
  @ApiOperation({
    summary: 'One household file with every change (its head, its branch’s approvers, auditors, admins)',
  })
  @ApiOkResponse({ type: HouseholdFileDetailsResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED: the id is not a uuid',
    403: 'FORBIDDEN: another branch, or another household’s file',
    404: 'NOT_FOUND: no such file',
  })
  async get(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<HouseholdFileDetailsResponse> {
    return toHouseholdFileDetailsResponse(await this.registries.fileDetails(user, id));
  }

  @Post(':id/verification')
  @Roles('approver', 'admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Yearly re-verification: the tier is computed again; a household meeting no tier any more is closed ' +
      '(退档, reason recovered) and the answer says so',
  })
  @ApiOkResponse({ type: HouseholdFileVerificationResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED: a field (named) is malformed',
    403: OFFICER,
    404: 'NOT_FOUND: no such file',
    409: 'HOUSEHOLD_FILE_CLOSED: the file is closed already',
  })
  async verify(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: HouseholdFiguresDto,
  ): Promise<HouseholdFileVerificationResponse> {
    return toVerificationResponse(await this.registries.verifyFile(user, id, figures(body)));
  }

  @Post(':id/closure')
  @Roles('approver', 'admin')
  @HttpCode(200)
  @ApiOperation({ summary: '退档: close a household file with the reason' })
  @ApiOkResponse({ type: HouseholdFileDetailsResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED: reason missing',
    403: OFFICER,
    404: 'NOT_FOUND: no such file',
    409: 'HOUSEHOLD_FILE_CLOSED: the file is closed already',
  })
  async close(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CloseHouseholdFileDto,
  ): Promise<HouseholdFileDetailsResponse> {
    return toHouseholdFileDetailsResponse(await this.registries.closeFile(user, id, body.reason));
  }
}
