import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationsService } from '@aidflow/applications';
import type { Principal } from '@aidflow/auth';
import { fenToYuan, maskName } from '@aidflow/common';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { BulkDecisionDto } from '../applications/application.dto';
import { BulkDecisionResponse } from '../applications/application.response';
import { ApiErrors } from '../common/api-errors.decorator';
import { TaskListItemResponse } from './task-list.response';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(@Inject(ApplicationsService) private readonly applications: ApplicationsService) {}

  @Get()
  @Roles('approver', 'admin')
  @ApiOperation({ summary: "The caller's open approval tasks (PostgreSQL projection kept by the workflow)" })
  @ApiOkResponse({ type: [TaskListItemResponse], description: 'Oldest first' })
  @ApiErrors({ 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN: approvers and administrators only' })
  async list(@CurrentUser() user: Principal): Promise<TaskListItemResponse[]> {
    const tasks = await this.applications.listTasks(user);
    return tasks.map((t) => ({
      taskId: t.taskId,
      applicationId: t.applicationId,
      level: t.level,
      levelName: t.levelName,
      program: t.programCode,
      category: t.category,
      tier: t.tier,
      requestedAmount: fenToYuan(t.requestedAmountFen),
      grantedAmount: t.grantedAmountFen === null ? null : fenToYuan(t.grantedAmountFen),
      applicant: maskName(t.applicantName),
      openedAt: t.openedAt,
    }));
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
