import { Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@aidflow/auth';
import { NotificationInboxService } from '@aidflow/notifications';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors } from '../common/api-errors.decorator';
import { InboxQueryDto, InboxResponse, NotificationResponse } from './notifications.dto';
import { toNotificationResponse } from './notification.response';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiErrors({ 401: 'UNAUTHENTICATED' })
@Controller('me/notifications')
export class MyNotificationsController {
  constructor(@Inject(NotificationInboxService) private readonly inbox: NotificationInboxService) {}

  @Get()
  @ApiOperation({ summary: "The caller's in-app notifications, newest first (?unread=true, limit, cursor)" })
  @ApiOkResponse({ type: InboxResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED: unread, limit or cursor malformed' })
  async list(@CurrentUser() user: Principal, @Query() query: InboxQueryDto): Promise<InboxResponse> {
    const page = await this.inbox.inbox(user.userId, {
      unreadOnly: query.unread,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(toNotificationResponse), nextCursor: page.nextCursor };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notifications read (repeating it changes nothing)' })
  @ApiOkResponse({ type: NotificationResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED: id is not a uuid',
    404: "NOTIFICATION_NOT_FOUND: no such notification of yours (someone else's too)",
  })
  async markRead(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<NotificationResponse> {
    return toNotificationResponse(await this.inbox.markRead(user.userId, id));
  }
}
