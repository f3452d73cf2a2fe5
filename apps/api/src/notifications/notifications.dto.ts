import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { INBOX_DEFAULT_LIMIT, INBOX_MAX_LIMIT, NOTIFICATION_CHANNELS } from '@aidflow/notifications';

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: INBOX_MAX_LIMIT, default: INBOX_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: `limit must be between 1 and ${INBOX_MAX_LIMIT}` })
  @Max(INBOX_MAX_LIMIT, { message: `limit must be between 1 and ${INBOX_MAX_LIMIT}` })
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  cursor?: string;
}

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only notifications not marked read yet', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null for a system notice (the business-calendar warning to administrators)',
  })
  applicationId: string | null;
  @ApiProperty({ example: 'task_assigned' }) event: string;
  @ApiProperty({ nullable: true, type: Number, example: 1 }) level: number | null;
  @ApiProperty({ example: '[待审批] 困难职工帮扶 申请 3f2a9c1e / Approval needed' }) subject: string;
  @ApiProperty({ description: 'The rendered text, in the language of the recipient' }) text: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: Date | null;
}

export class InboxResponse {
  @ApiProperty({ type: [NotificationResponse] }) items: NotificationResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next (older) page' })
  nextCursor: string | null;
}

export class FailedNotificationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null for a system notice (the business-calendar warning to administrators)',
  })
  applicationId: string | null;
  @ApiProperty({ example: 'approved' }) event: string;
  @ApiProperty({ example: 'approved:L3', description: 'The dedupe key: event, level, occurrence' }) eventKey: string;
  @ApiProperty({ enum: NOTIFICATION_CHANNELS }) channel: string;
  @ApiProperty({ example: { userId: '…', username: 'approver-city' } })
  recipient: { userId: string; username: string };
  @ApiProperty({ type: String, nullable: true, example: '138****0007', description: 'Masked email or phone' })
  address: string | null;
  @ApiProperty({ example: 3 }) attempts: number;
  @ApiProperty({ type: String, nullable: true, example: 'SMS gateway answered HTTP 400: invalid number' })
  lastError: string | null;
  @ApiProperty({ description: 'Refused for good (not retried); otherwise Temporal may still be retrying it' })
  permanent: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class FailedNotificationsResponse {
  @ApiProperty({ type: [FailedNotificationResponse] }) items: FailedNotificationResponse[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
