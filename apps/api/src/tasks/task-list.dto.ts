import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import type { InboxFilter } from '@aidflow/applications';
import { MAX_MONEY_YUAN, yuanToFen } from '@aidflow/common';

export const TASKS_MAX_PAGE_SIZE = 100;

/** The inbox filters every tab shares: program, branch of the org tree, requested amount (CNY). */
export class InboxFilterQueryDto {
  @ApiPropertyOptional({ example: 'hardship-aid', description: 'Program code', pattern: '^[a-z0-9-]{1,64}$' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'program must be a program code (a-z, 0-9, -)' })
  program?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An org unit (GET /tasks/branches): cases filed in it or any unit below it',
  })
  @IsOptional()
  @IsUUID('all', { message: 'branch must be the uuid of an org unit' })
  branch?: string;

  @ApiPropertyOptional({ description: 'Requested amount from (CNY, inclusive)', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { message: 'minAmount must be a number' })
  @Min(0, { message: 'minAmount must be 0 or more' })
  @Max(MAX_MONEY_YUAN)
  minAmount?: number;

  @ApiPropertyOptional({ description: 'Requested amount up to (CNY, inclusive)', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { message: 'maxAmount must be a number' })
  @Min(0, { message: 'maxAmount must be 0 or more' })
  @Max(MAX_MONEY_YUAN)
  maxAmount?: number;
}

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
