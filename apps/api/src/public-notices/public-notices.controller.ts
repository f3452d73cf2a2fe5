import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicNoticeService } from '@aidflow/applications';
import type { Principal } from '@aidflow/auth';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  ObjectionDto,
  ObjectionResponse,
  ObjectionReviewDto,
  ObjectionReviewResponse,
  PublicNoticeResponse,
  toObjectionResponse,
  toObjectionReviewResponse,
  toPublicNoticeResponse,
} from './public-notices.dto';

/** 公示: cases in their public-notice window before payment, objections to them, and the review of objections. */
@ApiTags('public-notices')
@ApiBearerAuth()
@ApiErrors({ 401: 'UNAUTHENTICATED' })
@Controller()
export class PublicNoticesController {
  constructor(@Inject(PublicNoticeService) private readonly notices: PublicNoticeService) {}

  @Get('public-notices')
  @ApiOperation({
    summary: '公示 Cases in their public notice (open or under review): masked names and national ids only',
  })
  @ApiOkResponse({ type: [PublicNoticeResponse] })
  async list(): Promise<PublicNoticeResponse[]> {
    return (await this.notices.listCurrent()).map(toPublicNoticeResponse);
  }

  @Post('public-notices/:applicationId/objections')
  @Roles('applicant', 'approver', 'admin')
  @ApiOperation({
    summary:
      '异议 Object to a case during its public notice (any signed-in user but its applicant and auditors, once per case)',
  })
  @ApiCreatedResponse({ type: ObjectionResponse, description: 'The objection; the case is now under review' })
  @ApiErrors({
    400: 'VALIDATION_FAILED: reason is missing, not text, or not 5 to 2000 characters',
    403: 'FORBIDDEN: auditors change nothing',
    404: 'APPLICATION_NOT_FOUND',
    409: 'NOT_IN_PUBLIC_NOTICE: the case is not (or no longer) in its notice; OBJECTION_ALREADY_LODGED; APPLICATION_CLOSED',
    422: 'ACTION_INVALID: the applicant objects to their own case',
  })
  async object(
    @CurrentUser() user: Principal,
    @Param('applicationId', new ParseUUIDPipe()) applicationId: string,
    @Body() body: ObjectionDto,
  ): Promise<ObjectionResponse> {
    return toObjectionResponse(await this.notices.lodgeObjection(user, applicationId, body.reason));
  }

  @Post('applications/:id/objection-review')
  @HttpCode(200)
  @Roles('approver', 'admin')
  @ApiOperation({
    summary:
      '异议复核 Review the open objections: uphold (rejected, money released) or dismiss (paid); city-level approvers and admins',
  })
  @ApiOkResponse({ type: ObjectionReviewResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED: outcome or comment (named in the message)',
    403: 'FORBIDDEN (not an approver or admin), NOT_OBJECTION_REVIEWER (not a reviewer of this case)',
    404: 'APPLICATION_NOT_FOUND',
    409: 'NO_OPEN_OBJECTION: nothing is under review; ACTION_IN_PROGRESS; APPLICATION_CLOSED',
    422: 'ACTION_INVALID: you lodged an objection to this case (another reviewer decides it)',
  })
  async review(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ObjectionReviewDto,
  ): Promise<ObjectionReviewResponse> {
    return toObjectionReviewResponse(await this.notices.reviewObjections(user, id, body));
  }
}
