import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotificationInboxService } from '@aidflow/notifications';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-errors.decorator';
import { FailedNotificationsResponse, PageQueryDto } from './notifications.dto';
import { toFailedNotificationResponse } from './notification.response';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrors({ 401: 'UNAUTHENTICATED' })
@Controller('notifications')
@Roles('auditor', 'admin')
export class FailedNotificationsController {
  constructor(@Inject(NotificationInboxService) private readonly inbox: NotificationInboxService) {}

  @Get('failed')
  @ApiOperation({
    summary:
      'Email and SMS deliveries that failed, newest first: permanent ones (refused by the channel) and those Temporal ' +
      'is still retrying or gave up on',
  })
  @ApiOkResponse({ type: FailedNotificationsResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED: limit or cursor malformed', 403: 'FORBIDDEN: auditors and admins only' })
  async list(@Query() query: PageQueryDto): Promise<FailedNotificationsResponse> {
    const page = await this.inbox.failed({ limit: query.limit, cursor: query.cursor });
    return { items: page.items.map(toFailedNotificationResponse), nextCursor: page.nextCursor };
  }
}
