import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { FUNDING_SOURCE_CODES, FUNDING_SOURCES } from '@aidflow/budget';
import type { FundingSource } from '@aidflow/budget';
import { MAX_MONEY_YUAN, money } from '../common/money';

const SOURCES = FUNDING_SOURCE_CODES.join(', ');
const SOURCE_NAMES = FUNDING_SOURCES.map((s) => `${s.code} (${s.name})`).join(', ');

/** Query strings arrive as text; an integer-looking one becomes a number, anything else stays for the validator. */
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

export class BudgetReportQueryDto {
  @ApiPropertyOptional({ description: 'Budget year (default: this year)', example: 2026, minimum: 2000, maximum: 2100 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'year must be a whole year between 2000 and 2100' })
  @Min(2000, { message: 'year must be a whole year between 2000 and 2100' })
  @Max(2100, { message: 'year must be a whole year between 2000 and 2100' })
  year?: number;

  @ApiPropertyOptional({ description: 'Program code (default: every program)', example: 'hardship-aid' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'program must be a program code (1 to 100 characters)' })
  // A NUL byte would reach PostgreSQL (500): a code is lower-case letters, digits and hyphens.
  @Matches(/^[a-z0-9-]+$/, { message: 'program must be a program code (a-z, 0-9, -)' })
  program?: string;
}

export class CreateEnvelopeDto {
  @ApiProperty({ description: 'Program code', example: 'hardship-aid' })
  @IsString({ message: 'program must be a program code, e.g. hardship-aid' })
  @Length(1, 100, { message: 'program must be a program code (1 to 100 characters)' })
  program: string;

  @ApiProperty({ example: 2026, minimum: 2000, maximum: 2100 })
  @IsInt({ message: 'year must be a whole year between 2000 and 2100' })
  @Min(2000, { message: 'year must be a whole year between 2000 and 2100' })
  @Max(2100, { message: 'year must be a whole year between 2000 and 2100' })
  year: number;

  @ApiProperty({ enum: FUNDING_SOURCE_CODES, description: `One of ${SOURCE_NAMES}`, example: 'union_funds' })
  @IsIn(FUNDING_SOURCE_CODES, { message: `fundingSource must be one of ${SOURCES}` })
  fundingSource: FundingSource;

  @ApiProperty({ description: 'CNY, at most 2 decimals', example: 120000, minimum: 0 })
  @IsNumber(money, { message: 'allocated must be an amount in CNY with at most 2 decimals' })
  @Min(0, { message: 'allocated must not be negative' })
  @Max(MAX_MONEY_YUAN, { message: `allocated must be at most ${MAX_MONEY_YUAN} CNY` })
  allocated: number;
}

export class ChangeAllocationDto {
  @ApiProperty({
    description: 'New allocation in CNY, at most 2 decimals; never below what is already reserved + paid',
    example: 150000,
    minimum: 0,
  })
  @IsNumber(money, { message: 'allocated must be an amount in CNY with at most 2 decimals' })
  @Min(0, { message: 'allocated must not be negative' })
  @Max(MAX_MONEY_YUAN, { message: `allocated must be at most ${MAX_MONEY_YUAN} CNY` })
  allocated: number;

  @ApiProperty({ description: 'Why the allocation changes (kept for auditors)', example: '市财政追加拨款' })
  @IsString({ message: 'reason must say why the allocation changes (1 to 500 characters)' })
  @Matches(/\S/, { message: 'reason must say why the allocation changes (1 to 500 characters)' })
  @Length(1, 500, { message: 'reason must say why the allocation changes (1 to 500 characters)' })
  reason: string;
}

export class BudgetEnvelopeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'hardship-aid' }) program: string;
  @ApiProperty({ example: '困难职工帮扶' }) programName: string;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ enum: FUNDING_SOURCE_CODES }) fundingSource: string;
  @ApiProperty({ example: '中央专项资金' }) fundingSourceName: string;
  @ApiProperty({ description: 'CNY' }) allocated: number;
  @ApiProperty({ description: 'CNY reserved by approved cases not yet paid' }) reserved: number;
  @ApiProperty({ description: 'CNY paid' }) paid: number;
  @ApiProperty({ description: 'CNY: allocated - reserved - paid' }) remaining: number;
}

export class BudgetProgramTotalResponse {
  @ApiProperty({ example: 'hardship-aid' }) program: string;
  @ApiProperty({ example: '困难职工帮扶' }) programName: string;
  @ApiProperty({ description: 'CNY' }) allocated: number;
  @ApiProperty({ description: 'CNY' }) reserved: number;
  @ApiProperty({ description: 'CNY' }) paid: number;
  @ApiProperty({ description: 'CNY' }) remaining: number;
}

export class BudgetTotalResponse {
  @ApiProperty({ description: 'CNY' }) allocated: number;
  @ApiProperty({ description: 'CNY' }) reserved: number;
  @ApiProperty({ description: 'CNY' }) paid: number;
  @ApiProperty({ description: 'CNY' }) remaining: number;
}

export class BudgetReportResponse {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ type: String, nullable: true, description: 'The program asked for, or null for all' })
  program: string | null;
  @ApiProperty({ type: [BudgetEnvelopeResponse], description: 'One row per program, year and funding source' })
  envelopes: BudgetEnvelopeResponse[];
  @ApiProperty({ type: [BudgetProgramTotalResponse], description: 'Totals per program' })
  programs: BudgetProgramTotalResponse[];
  @ApiProperty({ type: BudgetTotalResponse, description: 'Grand total' }) total: BudgetTotalResponse;
}

export class EnvelopeChangeActorResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class EnvelopeChangeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) envelopeId: string;
  @ApiProperty({ type: Number, nullable: true, description: 'CNY; null on the row recording the creation' })
  oldAllocated: number | null;
  @ApiProperty({ description: 'CNY' }) newAllocated: number;
  @ApiProperty({ example: '市财政追加拨款' }) reason: string;
  @ApiProperty({ type: EnvelopeChangeActorResponse }) changedBy: EnvelopeChangeActorResponse;
  @ApiProperty({ format: 'date-time' }) changedAt: string;
}

export class EnvelopeChangesResponse {
  @ApiProperty({ type: BudgetEnvelopeResponse }) envelope: BudgetEnvelopeResponse;
  @ApiProperty({ type: [EnvelopeChangeResponse], description: 'Oldest first, the creation included' })
  changes: EnvelopeChangeResponse[];
}
