import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { InboxFilter } from '@aidflow/applications';
import { yuanToFen } from '@aidflow/common';
import { CaseFilterQueryDto } from '../common/case-filter.dto';

export const TASKS_MAX_PAGE_SIZE = 100;

/** The inbox filters every tab shares: program, branch of the org tree, requested amount (CNY). */
export class InboxFilterQueryDto extends CaseFilterQueryDto {}

export class PendingTasksQueryDto extends InboxFilterQueryDto {
  @ApiPropertyOptional({ description: 'true: only tasks past their deadline; false: only tasks not past it' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === true ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}

export class InboxPageQueryDto extends InboxFilterQueryDto {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be an integer from 1' })
  @Min(1, { message: 'page must be an integer from 1' })
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: TASKS_MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `pageSize must be an integer from 1 to ${TASKS_MAX_PAGE_SIZE}` })
  @Min(1, { message: `pageSize must be an integer from 1 to ${TASKS_MAX_PAGE_SIZE}` })
  @Max(TASKS_MAX_PAGE_SIZE, { message: `pageSize must be an integer from 1 to ${TASKS_MAX_PAGE_SIZE}` })
  pageSize?: number;
}

/** The query's filters as the lib takes them (money in fen). */
export function toInboxFilter(q: InboxFilterQueryDto): InboxFilter {
  return {
    ...(q.program ? { programCode: q.program } : {}),
    ...(q.branch ? { branchId: q.branch } : {}),
    ...(q.minAmount !== undefined ? { minAmountFen: yuanToFen(q.minAmount) } : {}),
    ...(q.maxAmount !== undefined ? { maxAmountFen: yuanToFen(q.maxAmount) } : {}),
  };
}
