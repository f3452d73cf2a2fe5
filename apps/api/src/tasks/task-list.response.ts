import { ApiProperty } from '@nestjs/swagger';

/** One open approval task of the caller (待我审批). */
export class TaskListItemResponse {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() level: number;
  @ApiProperty({ example: 'grassroots' }) levelName: string;
  @ApiProperty({ example: 'hardship-aid' }) program: string;
  @ApiProperty({ example: 'living' }) category: string;
  @ApiProperty({ type: String, nullable: true }) tier: string | null;
  @ApiProperty({ description: 'CNY' }) requestedAmount: number;
  @ApiProperty({ type: Number, nullable: true, description: 'CNY' }) grantedAmount: number | null;
  @ApiProperty({ type: String, nullable: true, example: '张*', description: 'Masked name of the applicant' })
  applicant: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) openedAt: Date;
}
