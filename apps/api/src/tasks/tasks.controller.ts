import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationsService, InboxService } from '@aidflow/applications';
import type { Principal } from '@aidflow/auth';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { BulkDecisionDto } from '../applications/application.dto';
import { BulkDecisionResponse } from '../applications/application.response';
import { ApiErrors } from '../common/api-errors.decorator';
import { InboxPageQueryDto, PendingTasksQueryDto, toInboxFilter } from './task-list.dto';
import {
  BranchResponse,
  CopiedCaseListResponse,
  DecidedCaseListResponse,
  InboxCountsResponse,
  TaskListItemResponse,
  toBranch,
  toCopiedItem,
  toDecidedItem,
  toTaskItem,
} from './task-list.response';

const INBOX_ERRORS = {
  400: 'VALIDATION_FAILED: program, branch, minAmount, maxAmount, page or pageSize (named)',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN: approvers and administrators only',
} as const;

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    @Inject(ApplicationsService) private readonly applications: ApplicationsService,
    @Inject(InboxService) private readonly inbox: InboxService,
  ) {}

  @Get()
  @Roles('approver', 'admin')
  @ApiOperation({
    summary: "待我审批 The caller's open approval tasks (PostgreSQL projection kept by the workflow)",
    description:
      "Soonest deadline first (the level's SLA on the business calendar, from when the task opened), tasks without " +
      'one last, then oldest first. Filters: program, branch (an org unit of GET /tasks/branches), requested amount ' +
      'range, overdue.',
  })
  @ApiOkResponse({ type: [TaskListItemResponse], description: 'Soonest deadline first' })
  @ApiErrors({ ...INBOX_ERRORS, 400: 'VALIDATION_FAILED: program, branch, minAmount, maxAmount or overdue (named)' })
  async list(@CurrentUser() user: Principal, @Query() query: PendingTasksQueryDto): Promise<TaskListItemResponse[]> {
    const tasks = await this.inbox.pending(user, {
      ...toInboxFilter(query),
      ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
    });
    return tasks.map(toTaskItem);
  }

  @Get('decided')
  @Roles('approver', 'admin')
  @ApiOperation({
    summary: '我已审批 Cases you approved, rejected or returned, newest act first (your last act on each)',
  })
  @ApiOkResponse({ type: DecidedCaseListResponse })
  @ApiErrors(INBOX_ERRORS)
  async decided(@CurrentUser() user: Principal, @Query() query: InboxPageQueryDto): Promise<DecidedCaseListResponse> {
    const paging = { page: query.page ?? 1, pageSize: query.pageSize ?? 20 };
    const result = await this.inbox.decided(user, toInboxFilter(query), paging.page, paging.pageSize);
    return { items: result.items.map(toDecidedItem), total: result.total, ...paging };
  }

  @Get('copied')
  @Roles('approver', 'admin')
  @ApiOperation({ summary: '抄送我 Cases copied to you (抄送), newest copy first' })
  @ApiOkResponse({ type: CopiedCaseListResponse })
  @ApiErrors(INBOX_ERRORS)
  async copied(@CurrentUser() user: Principal, @Query() query: InboxPageQueryDto): Promise<CopiedCaseListResponse> {
    const paging = { page: query.page ?? 1, pageSize: query.pageSize ?? 20 };
    const result = await this.inbox.copied(user, toInboxFilter(query), paging.page, paging.pageSize);
    return { items: result.items.map(toCopiedItem), total: result.total, ...paging };
  }

  @Get('counts')
  @Roles('approver', 'admin')
  @ApiOperation({ summary: 'The counts of the inbox tabs (待我审批, 我已审批, 抄送我, 我发起的), unfiltered' })
  @ApiOkResponse({ type: InboxCountsResponse })
  @ApiErrors({ 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN: approvers and administrators only' })
  counts(@CurrentUser() user: Principal): Promise<InboxCountsResponse> {
    return this.inbox.counts(user);
  }

  @Get('branches')
  @Roles('approver', 'admin')
  @ApiOperation({ summary: "The branch filter's choices: your union and every union below it, top first" })
  @ApiOkResponse({ type: [BranchResponse] })
  @ApiErrors({ 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN: approvers and administrators only' })
  async branches(@CurrentUser() user: Principal): Promise<BranchResponse[]> {
    return (await this.inbox.branches(user)).map(toBranch);
  }

  @Post('bulk-decisions')
  @HttpCode(200)
  @Roles('approver', 'admin')
  @ApiOperation({ summary: 'Bulk approve (or reject): each item succeeds or fails on its own' })
  @ApiOkResponse({
    type: BulkDecisionResponse,
    description:
      'Always 200 once the request is valid: each item has ok and the status, or the error code and message it ' +
      'would have got alone (FORBIDDEN, APPLICATION_NOT_FOUND, NOT_APPROVER_OF_CURRENT_LEVEL, LEVEL_ALREADY_DECIDED, ...)',
  })
  @ApiErrors({
    400: 'VALIDATION_FAILED: items empty or over 200, or an item field (named, e.g. items.0.applicationId)',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN: approvers and administrators only',
  })
  async bulk(@CurrentUser() user: Principal, @Body() body: BulkDecisionDto): Promise<BulkDecisionResponse> {
    const results = await this.applications.bulkDecide(user, body.items);
    return {
      succeeded: results.filter((r) => r.ok).length,
      failed: results.filter((r) => !r.ok).length,
      results,
    };
  }
}
