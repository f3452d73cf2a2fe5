import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { MAX_MONEY_YUAN, money } from './money';

/** The case filters the lists share (the approver inbox's tabs, the case search): program, branch, requested amount. */
export class CaseFilterQueryDto {
  @ApiPropertyOptional({ example: 'hardship-aid', description: 'Program code', pattern: '^[a-z0-9-]{1,64}$' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'program must be a program code (a-z, 0-9, -)' })
  program?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An org unit (GET /org-units): cases filed in it or any unit below it',
  })
  @IsOptional()
  @IsUUID('all', { message: 'branch must be the uuid of an org unit' })
  branch?: string;

  @ApiPropertyOptional({ description: 'Requested amount from (CNY, inclusive)', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber(money, { message: 'minAmount must be an amount in CNY with at most 2 decimals' })
  @Min(0, { message: 'minAmount must be 0 or more' })
  @Max(MAX_MONEY_YUAN, { message: `minAmount must be at most ${MAX_MONEY_YUAN} CNY` })
  minAmount?: number;

  @ApiPropertyOptional({ description: 'Requested amount up to (CNY, inclusive)', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber(money, { message: 'maxAmount must be an amount in CNY with at most 2 decimals' })
  @Min(0, { message: 'maxAmount must be 0 or more' })
  @Max(MAX_MONEY_YUAN, { message: `maxAmount must be at most ${MAX_MONEY_YUAN} CNY` })
  maxAmount?: number;
}
