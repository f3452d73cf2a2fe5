import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { NotificationInboxService } from '@aidflow/notifications';
import { Roles } from '../auth/roles.decorator';
import { FailedNotificationsResponse, PageQueryDto } from './notifications.dto';
import { toFailedNotificationResponse } from './notification.response';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED' })
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
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED: limit or cursor malformed' })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: auditors and admins only' })
  async list(@Query() query: PageQueryDto): Promise<FailedNotificationsResponse> {
    const page = await this.inbox.failed({ limit: query.limit, cursor: query.cursor });
    return { items: page.items.map(toFailedNotificationResponse), nextCursor: page.nextCursor };
  }
}
