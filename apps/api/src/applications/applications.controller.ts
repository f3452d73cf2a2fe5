import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ApplicationsService } from '@aidflow/applications';
import { AuditReviewService } from '@aidflow/audit-review';
import type { Principal } from '@aidflow/auth';
import { ApplicationException, ErrorCode, yuanToFen } from '@aidflow/common';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { AsOfQueryDto } from '../audit/audit.dto';
import { CreateApplicationDto, DecisionDto } from './application.dto';
import { toApplicationResponse } from './application.response';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    @Inject(ApplicationsService) private readonly applications: ApplicationsService,
    @Inject(AuditReviewService) private readonly review: AuditReviewService,
  ) {}

  @Post()
  @Roles('applicant')
  @ApiOperation({ summary: 'Submit a hardship-aid application; starts its approval workflow' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'Client-chosen key; the same key returns the same application',
  })
  @ApiCreatedResponse({ description: 'The application, with the eligibility assessment of the pinned standard' })
  @ApiOkResponse({ description: 'A replay of an earlier request with the same Idempotency-Key' })
  @ApiUnprocessableEntityResponse({ description: 'IDEMPOTENCY_KEY_REUSED, NO_APPROVER_FOR_LEVEL, STANDARD_NOT_FOUND' })
  async submit(
    @CurrentUser() user: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: CreateApplicationDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const key = idempotencyKey?.trim();
    if (!key || key.length > 200) {
      throw new ApplicationException(
        ErrorCode.ValidationFailed,
        'Header Idempotency-Key is required (1 to 200 characters)',
      );
    }
    const h = body.household;
    const details = await this.applications.submitHardship(
      user,
      {
        category: body.category,
        requestedAmountFen: yuanToFen(body.requestedAmount),
        facts: {
          householdSize: h.householdSize,
          annualIncomeFen: yuanToFen(h.annualIncome),
          unavoidableCostsFen: yuanToFen(h.unavoidableCosts ?? 0),
          accidentCostsFen: yuanToFen(h.accidentCosts ?? 0),
          medicalOutOfPocketFen: yuanToFen(h.medicalOutOfPocket ?? 0),
          studentCount: h.studentCount ?? 0,
        },
        ...(body.nationalId ? { nationalId: body.nationalId } : {}),
      },
      key,
    );
    if (details.replayed) res.status(200);
    return toApplicationResponse(details);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'Status, current level and decision trail of one application; with ?asOf=<ISO time>, the case as it stood then',
  })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: outside your branch or not your application' })
  async get(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: AsOfQueryDto,
  ) {
    const current = await this.applications.get(user, id); // also the access check for ?asOf
    if (query.asOf) return this.review.asOf(id, new Date(query.asOf));
    return toApplicationResponse(current);
  }

  @Post(':id/decisions')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({ summary: 'Approve or reject the current level (a Temporal Update with a validator)' })
  @ApiForbiddenResponse({ description: 'NOT_APPROVER_OF_CURRENT_LEVEL, FORBIDDEN' })
  @ApiConflictResponse({ description: 'LEVEL_ALREADY_DECIDED, LEVEL_NOT_ACTIVE, APPLICATION_CLOSED' })
  async decide(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DecisionDto,
  ) {
    return toApplicationResponse(await this.applications.decide(user, id, body));
  }
}
