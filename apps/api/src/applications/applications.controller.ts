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
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApplicationsService, InboxService } from '@aidflow/applications';
import { AuditReviewService } from '@aidflow/audit-review';
import type { Principal } from '@aidflow/auth';
import { ApplicationException, ErrorCode, yuanToFen } from '@aidflow/common';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { AsOfQueryDto } from '../audit/audit.dto';
import { ApiErrors, CASE_ERRORS } from '../common/api-errors.decorator';
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
import { CandidateResponse, CandidatesQueryDto } from './candidates.dto';
import { ApplicationListResponse, ListApplicationsQueryDto, toApplicationList } from './application-list.dto';
import { ApplicationResponse, toApplicationResponse } from './application.response';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    @Inject(ApplicationsService) private readonly applications: ApplicationsService,
    @Inject(AuditReviewService) private readonly review: AuditReviewService,
    @Inject(InboxService) private readonly inbox: InboxService,
  ) {}

  @Post()
  @Roles('applicant', 'approver')
  @ApiOperation({
    summary: 'Submit an application to a program; starts its approval workflow',
    description:
      'Applicants file for themselves; a grassroots union’s level-1 officer files union-subsidy for the union. ' +
      'No double aid: one open or granted case per person / household / union, program and period.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'Client-chosen key; the same key returns the same application',
  })
  @ApiCreatedResponse({
    type: ApplicationResponse,
    description: 'The application, with the eligibility assessment of the pinned standard',
  })
  @ApiOkResponse({
    type: ApplicationResponse,
    description: 'A replay of an earlier request with the same Idempotency-Key',
  })
  @ApiErrors({
    400: 'VALIDATION_FAILED: a body field (named) or the Idempotency-Key header',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN: only applicants submit (union-subsidy: a grassroots officer)',
    404: 'PROGRAM_NOT_FOUND',
    409: 'DUPLICATE_APPLICATION or EXCLUDED_BY_EARLIER_GRANT, naming the earlier case',
    422: 'IDEMPOTENCY_KEY_REUSED (same key, different body), NO_APPROVER_FOR_LEVEL, STANDARD_NOT_FOUND, ORG_UNIT_NOT_FOUND',
    503: 'WORKFLOW_UNAVAILABLE: the workflow engine did not accept it; retry with the same Idempotency-Key',
  })
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
    const details = await this.applications.submit(
      user,
      { program: body.program, ...toCommand(body), ...(body.nationalId ? { nationalId: body.nationalId } : {}) },
      key,
    );
    if (details.replayed) res.status(200);
    return toApplicationResponse(details);
  }

  @Get()
  @ApiOperation({
    summary: 'A page of cases, newest first: ?mine=true the ones you filed; otherwise every case (auditors, admins)',
    description:
      'Filters: status, program, branch (an org unit and every unit below it), submission dates (from, to) and the ' +
      "requested amount (minAmount, maxAmount, CNY): the auditors' case search. No facts and no personal data in " +
      'the list; GET /applications/:id has them.',
  })
  @ApiOkResponse({ type: ApplicationListResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED: mine, status, program, branch, from, to, minAmount, maxAmount, page or pageSize (named)',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN: without mine=true, only auditors and administrators list cases',
  })
  async list(@CurrentUser() user: Principal, @Query() query: ListApplicationsQueryDto) {
    const paging = { page: query.page ?? 1, pageSize: query.pageSize ?? 20 };
    const page = await this.applications.listApplications(user, {
      mine: query.mine ?? false,
      ...(query.status ? { status: query.status } : {}),
      ...(query.program ? { programCode: query.program } : {}),
      ...(query.branch ? { branchId: query.branch } : {}),
      ...(query.from ? { from: new Date(query.from) } : {}),
      ...(query.to ? { to: new Date(query.to) } : {}),
      ...(query.minAmount !== undefined ? { minAmountFen: yuanToFen(query.minAmount) } : {}),
      ...(query.maxAmount !== undefined ? { maxAmountFen: yuanToFen(query.maxAmount) } : {}),
      ...paging,
    });
    return toApplicationList(page, paging);
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'Status, current level and decision trail of one application; with ?asOf=<ISO time>, the case as it stood then',
  })
  @ApiOkResponse({
    type: ApplicationResponse,
    description:
      'The case now; with ?asOf= the case as it stood then, from the ledger (facts, level, decisions, standard)',
  })
  @ApiErrors({
    ...CASE_ERRORS,
    400: 'VALIDATION_FAILED: id is not a uuid, or asOf is not an ISO 8601 timestamp',
    403: 'FORBIDDEN: outside your branch, not your application, and not copied to you',
  })
  async get(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: AsOfQueryDto,
  ) {
    const current = await this.applications.get(user, id); // also the access check for ?asOf
    if (query.asOf) return this.review.asOf(id, new Date(query.asOf));
    return toApplicationResponse(current);
  }

  @Get(':id/candidates')
  @ApiOperation({
    summary: 'Who may receive the case: the user picker of 转交 transfer, 加签 add_approver and 抄送 copy',
    description:
      "Approvers of the case's branch (its union or one above), never its applicant or you; for transfer and " +
      "add_approver, not who holds the open task either. The workflow's validator still has the last word.",
  })
  @ApiOkResponse({ type: [CandidateResponse] })
  @ApiErrors({
    ...CASE_ERRORS,
    400: 'VALIDATION_FAILED: id is not a uuid, or verb is not transfer, add_approver or copy',
    403: 'FORBIDDEN: outside what you may see',
  })
  candidates(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: CandidatesQueryDto,
  ): Promise<CandidateResponse[]> {
    return this.inbox.candidates(user, id, query.verb);
  }

  @Post(':id/decisions')
  @HttpCode(200)
  @Roles('approver', 'admin')
  @ApiOperation({ summary: 'Approve or reject the current level (a Temporal Update with a validator)' })
  @ApiOkResponse({ type: ApplicationResponse, description: 'The case after the decision' })
  @ApiErrors({
    ...CASE_ERRORS,
    403:
      'FORBIDDEN (not an approver or administrator, or outside your branch), ' +
      'NOT_APPROVER_OF_CURRENT_LEVEL (administrators: only levels routing gave them)',
    409: 'LEVEL_ALREADY_DECIDED (also: a stale `level`), LEVEL_NOT_ACTIVE, APPLICATION_CLOSED',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Optional, 1 to 200 characters: a retry with the same key (after a 503 or a lost answer) is the same decision, ' +
      'answered as the first time',
  })
  async decide(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DecisionDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 200)) {
      throw new ApplicationException(ErrorCode.ValidationFailed, 'Header Idempotency-Key must be 1 to 200 characters', {
        field: 'Idempotency-Key',
      });
    }
    return toApplicationResponse(await this.applications.decide(user, id, { ...body, idempotencyKey }));
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles('approver', 'admin')
  @ApiOperation({ summary: '退回 Return the case to the applicant (toLevel 0) or to an earlier level, with a comment' })
  @ApiOkResponse({
    type: ApplicationResponse,
    description: 'The case after the return (status returned, or the earlier level open again)',
  })
  @ApiErrors({
    ...CASE_ERRORS,
    400: 'VALIDATION_FAILED: comment missing or empty, toLevel not an integer >= 0',
    403:
      'FORBIDDEN (not an approver or administrator, or outside your branch), ' +
      'NOT_APPROVER_OF_CURRENT_LEVEL (administrators: only levels routing gave them)',
    409: 'LEVEL_NOT_ACTIVE, LEVEL_ALREADY_DECIDED, APPLICATION_CLOSED',
    422: 'ACTION_INVALID: toLevel is not 0 or an earlier level of the route',
  })
  async returnCase(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReturnDto,
  ) {
    return toApplicationResponse(await this.applications.returnCase(user, id, body));
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @Roles('applicant', 'approver')
  @ApiOperation({ summary: '重新提交 Resubmit a returned case with changed facts; every level decides again' })
  @ApiOkResponse({
    type: ApplicationResponse,
    description: 'The case with the new facts and eligibility; level 1 opens again',
  })
  @ApiErrors({
    ...CASE_ERRORS,
    400: 'VALIDATION_FAILED: category, requestedAmount or a household field (named)',
    403: 'FORBIDDEN (not who filed the case), NOT_APPLICANT',
    409: 'NOT_RETURNED: the case is not with the applicant; APPLICATION_CLOSED',
  })
  async resubmit(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ResubmitDto,
  ) {
    return toApplicationResponse(
      await this.applications.resubmit(user, id, { ...toCommand(body), comment: body.comment }),
    );
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('applicant', 'approver')
  @ApiOperation({ summary: '撤回 Withdraw the application while it is not final; open tasks close' })
  @ApiOkResponse({ type: ApplicationResponse, description: 'The case, withdrawn; its open tasks are closed' })
  @ApiErrors({
    ...CASE_ERRORS,
    403: 'FORBIDDEN (not who filed the case), NOT_APPLICANT',
    409: 'APPLICATION_CLOSED: already final or past approval; LEVEL_ALREADY_DECIDED: another action is being recorded',
  })
  async withdraw(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CommentOnlyDto,
  ) {
    return toApplicationResponse(await this.applications.withdraw(user, id, body.comment));
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @Roles('approver', 'admin')
  @ApiOperation({ summary: "转交 Hand your task to another approver of the case's branch (the record keeps both)" })
  @ApiOkResponse({
    type: ApplicationResponse,
    description: "The case; the task's assigneeIds and assignment show the move",
  })
  @ApiErrors({
    ...CASE_ERRORS,
    403:
      'FORBIDDEN (not an approver or administrator, or outside your branch), ' +
      'NOT_APPROVER_OF_CURRENT_LEVEL (administrators: only levels routing gave them)',
    409: 'LEVEL_NOT_ACTIVE, LEVEL_ALREADY_DECIDED, APPLICATION_CLOSED',
    422: "ACTION_INVALID: unknown user, not an approver of the case's branch, the applicant, or already holds the task",
  })
  async transfer(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: TransferDto,
  ) {
    return toApplicationResponse(await this.applications.transfer(user, id, body));
  }

  @Post(':id/approvers')
  @HttpCode(200)
  @Roles('approver', 'admin')
  @ApiOperation({ summary: '加签 Add an approver before or after you at the current level' })
  @ApiOkResponse({
    type: ApplicationResponse,
    description: 'The case; with position before, the task moves to the added approver',
  })
  @ApiErrors({
    ...CASE_ERRORS,
    400: 'VALIDATION_FAILED: username missing, position not "before" or "after"',
    403:
      'FORBIDDEN (not an approver or administrator, or outside your branch), ' +
      'NOT_APPROVER_OF_CURRENT_LEVEL (administrators: only levels routing gave them)',
    409: 'LEVEL_NOT_ACTIVE, LEVEL_ALREADY_DECIDED, APPLICATION_CLOSED',
    422: "ACTION_INVALID: unknown user, not an approver of the case's branch, the applicant, or already at this level",
  })
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
  @ApiOkResponse({ type: ApplicationResponse, description: 'The case; the copied users may now read it' })
  @ApiErrors({
    ...CASE_ERRORS,
    400: 'VALIDATION_FAILED: usernames empty or not strings',
    403: 'FORBIDDEN: not an approver or applicant, or outside what you may see',
    409: 'APPLICATION_CLOSED',
    422: 'ACTION_INVALID: unknown user, or an applicant',
  })
  async copy(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: CopyDto) {
    return toApplicationResponse(await this.applications.copy(user, id, body));
  }

  @Post(':id/urge')
  @HttpCode(200)
  @Roles('applicant', 'approver', 'admin')
  @ApiOperation({ summary: '催办 Remind the current approvers (at most once an hour)' })
  @ApiOkResponse({ type: ApplicationResponse, description: 'The case; the current approvers are reminded' })
  @ApiErrors({
    ...CASE_ERRORS,
    403: 'FORBIDDEN: not the applicant of the case or an administrator',
    409: 'LEVEL_NOT_ACTIVE: nobody to urge; APPLICATION_CLOSED',
    422: 'ACTION_INVALID: the task is yours',
    429: 'URGED_TOO_RECENTLY: the message says when it is allowed again',
  })
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
  @ApiOkResponse({ type: ApplicationResponse, description: 'The case with the comment in its actions' })
  @ApiErrors({
    ...CASE_ERRORS,
    400: 'VALIDATION_FAILED: comment missing, empty or longer than 2000 characters',
    403: 'FORBIDDEN: auditors change nothing; outside what you may see',
    409: 'APPLICATION_CLOSED',
    422: 'ACTION_INVALID: comment is only white space',
  })
  async comment(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CommentDto,
  ) {
    return toApplicationResponse(await this.applications.comment(user, id, body.comment));
  }
}

/** The program's facts as sent (money in CNY): `facts`, or hardship aid's `household`. */
function toCommand(body: {
  category: string;
  requestedAmount: number;
  facts?: Record<string, unknown>;
  household?: CreateApplicationDto['household'];
}) {
  return {
    category: body.category,
    requestedAmountFen: yuanToFen(body.requestedAmount),
    facts: body.facts ?? { ...body.household },
  };
}
