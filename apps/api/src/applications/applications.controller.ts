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
  ApiTooManyRequestsResponse,
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
import {
  AddApproverDto,
  CommentDto,
  CommentOnlyDto,
  CopyDto,
  CreateApplicationDto,
  DecisionDto,
  ResubmitDto,
  ReturnDto,
  TransferDto,
} from './application.dto';
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
    const details = await this.applications.submitHardship(
      user,
      { ...toHardshipCommand(body), ...(body.nationalId ? { nationalId: body.nationalId } : {}) },
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

  @Post(':id/return')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({ summary: '退回 Return the case to the applicant (toLevel 0) or to an earlier level, with a comment' })
  @ApiForbiddenResponse({ description: 'NOT_APPROVER_OF_CURRENT_LEVEL, FORBIDDEN' })
  @ApiConflictResponse({ description: 'LEVEL_NOT_ACTIVE, APPLICATION_CLOSED' })
  @ApiUnprocessableEntityResponse({ description: 'ACTION_INVALID: toLevel is not an earlier level' })
  async returnCase(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReturnDto,
  ) {
    return toApplicationResponse(await this.applications.returnCase(user, id, body));
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @Roles('applicant')
  @ApiOperation({ summary: '重新提交 Resubmit a returned case with changed facts; every level decides again' })
  @ApiForbiddenResponse({ description: 'NOT_APPLICANT, FORBIDDEN' })
  @ApiConflictResponse({ description: 'NOT_RETURNED: the case is not with the applicant; APPLICATION_CLOSED' })
  async resubmit(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ResubmitDto,
  ) {
    return toApplicationResponse(
      await this.applications.resubmit(user, id, { ...toHardshipCommand(body), comment: body.comment }),
    );
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('applicant')
  @ApiOperation({ summary: '撤回 Withdraw the application while it is not final; open tasks close' })
  @ApiForbiddenResponse({ description: 'NOT_APPLICANT, FORBIDDEN' })
  @ApiConflictResponse({ description: 'APPLICATION_CLOSED: already final or past approval' })
  async withdraw(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CommentOnlyDto,
  ) {
    return toApplicationResponse(await this.applications.withdraw(user, id, body.comment));
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({ summary: "转交 Hand your task to another approver of the case's branch (the record keeps both)" })
  @ApiForbiddenResponse({ description: 'NOT_APPROVER_OF_CURRENT_LEVEL, FORBIDDEN' })
  @ApiUnprocessableEntityResponse({ description: 'ACTION_INVALID: unknown user, not an approver of the branch' })
  async transfer(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: TransferDto,
  ) {
    return toApplicationResponse(await this.applications.transfer(user, id, body));
  }

  @Post(':id/approvers')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({ summary: '加签 Add an approver before or after you at the current level' })
  @ApiForbiddenResponse({ description: 'NOT_APPROVER_OF_CURRENT_LEVEL, FORBIDDEN' })
  @ApiUnprocessableEntityResponse({ description: 'ACTION_INVALID: unknown user, not an approver of the branch' })
  async addApprover(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AddApproverDto,
  ) {
    return toApplicationResponse(await this.applications.addApprover(user, id, body));
  }

  @Post(':id/copies')
  @HttpCode(200)
  @Roles('approver', 'applicant')
  @ApiOperation({ summary: '抄送 Copy the case to people: read access and a notification' })
  @ApiUnprocessableEntityResponse({ description: 'ACTION_INVALID: unknown user or an applicant' })
  async copy(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: CopyDto) {
    return toApplicationResponse(await this.applications.copy(user, id, body));
  }

  @Post(':id/urge')
  @HttpCode(200)
  @Roles('applicant', 'admin')
  @ApiOperation({ summary: '催办 Remind the current approvers (at most once an hour)' })
  @ApiTooManyRequestsResponse({ description: 'URGED_TOO_RECENTLY, with the time it is allowed again' })
  @ApiConflictResponse({ description: 'LEVEL_NOT_ACTIVE: nobody to urge; APPLICATION_CLOSED' })
  async urge(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CommentOnlyDto,
  ) {
    return toApplicationResponse(await this.applications.urge(user, id, body.comment));
  }

  @Post(':id/comments')
  @HttpCode(200)
  @Roles('applicant', 'approver', 'admin')
  @ApiOperation({ summary: '评论 Add a comment to the trail' })
  async comment(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CommentDto,
  ) {
    return toApplicationResponse(await this.applications.comment(user, id, body.comment));
  }
}

/** Household facts in fen, from the HTTP shape in yuan. */
function toHardshipCommand(body: {
  category: CreateApplicationDto['category'];
  requestedAmount: number;
  household: CreateApplicationDto['household'];
}) {
  const h = body.household;
  return {
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
  };
}
