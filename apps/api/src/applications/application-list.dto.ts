import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { fenToYuan } from '@aidflow/common';
import { CaseFilterQueryDto } from '../common/case-filter.dto';
import type { ApplicationEntity, ApplicationListPage } from '@aidflow/applications';
import { APPLICATION_STATUSES } from '@aidflow/workflows/types';
import type { ApplicationStatus } from '@aidflow/workflows/types';

export const APPLICATIONS_MAX_PAGE_SIZE = 100;

export class ListApplicationsQueryDto extends CaseFilterQueryDto {
  @ApiPropertyOptional({
    description: 'true: the cases you filed (anyone). Otherwise every case: auditors and administrators only',
    default: false,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === true ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'mine must be true or false' })
  mine?: boolean;

  @ApiPropertyOptional({ enum: [...APPLICATION_STATUSES] })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES, { message: `status must be one of ${APPLICATION_STATUSES.join(', ')}` })
  status?: ApplicationStatus;

  @ApiPropertyOptional({ description: 'Submitted at or after (ISO 8601)', example: '2026-01-01' })
  @IsOptional()
  @IsDateString({}, { message: 'from must be an ISO 8601 date' })
  from?: string;

  @ApiPropertyOptional({ description: 'Submitted before (ISO 8601)', example: '2027-01-01' })
  @IsOptional()
  @IsDateString({}, { message: 'to must be an ISO 8601 date' })
  to?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be an integer from 1' })
  @Min(1, { message: 'page must be an integer from 1' })
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: APPLICATIONS_MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `pageSize must be an integer from 1 to ${APPLICATIONS_MAX_PAGE_SIZE}` })
  @Min(1, { message: `pageSize must be an integer from 1 to ${APPLICATIONS_MAX_PAGE_SIZE}` })
  @Max(APPLICATIONS_MAX_PAGE_SIZE, { message: `pageSize must be an integer from 1 to ${APPLICATIONS_MAX_PAGE_SIZE}` })
  pageSize?: number;
}

const dateTime = { type: String, format: 'date-time' } as const;

/** One case in a list: no facts, no personal data. */
export class ApplicationSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'hardship-aid' }) program: string;
  @ApiProperty({ example: 'living' }) category: string;
  @ApiProperty({ enum: [...APPLICATION_STATUSES] }) status: string;
  @ApiProperty({ type: Number, nullable: true }) currentLevel: number | null;
  @ApiProperty({ description: 'CNY' }) requestedAmount: number;
  @ApiProperty({ type: Number, nullable: true, description: 'CNY' }) grantedAmount: number | null;
  @ApiProperty({ type: String, nullable: true }) tier: string | null;
  @ApiProperty({ format: 'uuid', description: "The case's org unit (the applicant's union)" }) orgUnitId: string;
  @ApiProperty(dateTime) createdAt: Date;
  @ApiProperty(dateTime) updatedAt: Date;
}

export class ApplicationListResponse {
  @ApiProperty({ type: [ApplicationSummaryResponse], description: 'Newest first' })
  items: ApplicationSummaryResponse[];
  @ApiProperty({ description: 'Cases matching the filters, over all pages' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export function toApplicationSummary(a: ApplicationEntity): ApplicationSummaryResponse {
  return {
    id: a.id,
    program: a.programCode,
    category: a.category,
    status: a.status,
    currentLevel: a.currentLevel,
    requestedAmount: fenToYuan(a.requestedAmountFen),
    grantedAmount: a.grantedAmountFen === null ? null : fenToYuan(a.grantedAmountFen),
    tier: a.tier,
    orgUnitId: a.orgUnitId,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export function toApplicationList(page: ApplicationListPage, query: { page: number; pageSize: number }) {
  return { items: page.items.map(toApplicationSummary), total: page.total, page: query.page, pageSize: query.pageSize };
}
