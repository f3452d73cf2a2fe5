import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationsService } from '@aidflow/applications';
import type { Principal } from '@aidflow/auth';
import { fenToYuan, maskName } from '@aidflow/common';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { BulkDecisionDto } from '../applications/application.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(@Inject(ApplicationsService) private readonly applications: ApplicationsService) {}

  @Get()
  @Roles('approver')
  @ApiOperation({ summary: "The caller's open approval tasks (PostgreSQL projection kept by the workflow)" })
  async list(@CurrentUser() user: Principal) {
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
  @Roles('approver')
  @ApiOperation({ summary: 'Bulk approve (or reject): each item succeeds or fails on its own' })
  @ApiOkResponse({
    description: '{ results: [{ applicationId, ok, status? | code?, message? }], succeeded, failed }',
  })
  async bulk(@CurrentUser() user: Principal, @Body() body: BulkDecisionDto) {
    const results = await this.applications.bulkDecide(user, body.items);
    return {
      succeeded: results.filter((r) => r.ok).length,
      failed: results.filter((r) => !r.ok).length,
      results,
    };
  }
}
