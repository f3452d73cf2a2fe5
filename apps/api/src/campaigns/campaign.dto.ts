import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { FUNDING_SOURCES, TARGET_KINDS, VISIT_STATES } from '@aidflow/campaigns';
import type { FundingSource, TargetKind, VisitState } from '@aidflow/campaigns';
import { MAX_MONEY_YUAN, money } from '../common/money';

export class TargetGroupDto {
  @ApiProperty({ enum: TARGET_KINDS, description: 'The registry the recipients come from', example: 'frontline' })
  @IsIn(TARGET_KINDS, { message: `kind must be one of ${TARGET_KINDS.join(', ')}` })
  kind: TargetKind;

  @ApiPropertyOptional({
    type: [String],
    description:
      'Narrow the registry: tiers of needy households (deep, relative, accident), honour levels of model workers ' +
      '(national, provincial, city), front-line groups (water, heating, sanitation, hospitals, police, customs). ' +
      'Omitted: everyone active in the registry.',
    example: ['sanitation', 'heating'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsString({ each: true })
  groups?: string[];

  @ApiProperty({ description: 'Amount per recipient, CNY (cash or the value in kind)', example: 500 })
  @IsNumber(money, { message: 'amount must be a number of CNY with at most 2 decimals' })
  @Min(0.01)
  @Max(MAX_MONEY_YUAN)
  amount: number;
}

export class CreateCampaignDto {
  @ApiProperty({ description: 'Unique code', example: 'winter-warmth-2026' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'code must be 2 to 63 lowercase letters, digits and dashes' })
  code: string;

  @ApiProperty({ example: '2026 送温暖 winter-warmth visits' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ description: 'Program code whose budget envelope pays', example: 'winter-warmth' })
  @IsString()
  @Length(1, 64)
  program: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ enum: FUNDING_SOURCES, example: 'union_funds' })
  @IsIn(FUNDING_SOURCES, { message: `fundingSource must be one of ${FUNDING_SOURCES.join(', ')}` })
  fundingSource: FundingSource;

  @ApiProperty({ description: 'Campaign budget, CNY: reserved whole from the envelope at start', example: 480400 })
  @IsNumber(money, { message: 'budget must be a number of CNY with at most 2 decimals' })
  @Min(0.01)
  @Max(MAX_MONEY_YUAN)
  budget: number;

  @ApiProperty({ type: [TargetGroupDto], description: 'Who is visited and how much each gets' })
  @IsArray()
  @ArrayMinSize(1, { message: 'targetGroups must name at least one group' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => TargetGroupDto)
  targetGroups: TargetGroupDto[];
}

export class VisitProofDto {
  @ApiPropertyOptional({
    description: 'SHA-256 (hex) of the proof: a signed receipt or a photo of the handover (or give note)',
    example: 'a3f1c0de'.repeat(8),
  })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'proofSha256 must be 64 hexadecimal characters (a SHA-256)' })
  proofSha256?: string;

  @ApiPropertyOptional({
    description: 'Written proof (or give proofSha256): what was handed over, to whom, who witnessed',
    example: '慰问金 500 元当面交付本人, 工会主席李某见证',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000, { message: 'note must be 1 to 2000 characters' })
  note?: string;

  @ApiProperty({ description: 'When the visit took place (ISO 8601)', example: '2026-01-20T10:00:00+08:00' })
  @IsISO8601({ strict: true }, { message: 'visitedAt must be an ISO 8601 date-time' })
  visitedAt: string;

  @ApiProperty({ enum: ['cash', 'in_kind'], description: 'Cash is paid through the bank; in-kind settles without' })
  @IsIn(['cash', 'in_kind'], { message: 'kind must be cash or in_kind' })
  kind: 'cash' | 'in_kind';
}

export class BulkVisitProofDto extends VisitProofDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'visitId must be a UUID' })
  visitId: string;
}

export class BulkConfirmationDto {
  @ApiProperty({
    type: [BulkVisitProofDto],
    description: 'Up to 500 confirmations in one transaction (keep the body under the 100 KB JSON limit)',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'confirmations must not be empty' })
  @ArrayMaxSize(500, { message: 'at most 500 confirmations per request' })
  @ValidateNested({ each: true })
  @Type(() => BulkVisitProofDto)
  confirmations: BulkVisitProofDto[];
}

export class VisitsQueryDto {
  @ApiPropertyOptional({ enum: VISIT_STATES })
  @IsOptional()
  @IsIn(VISIT_STATES, { message: `state must be one of ${VISIT_STATES.join(', ')}` })
  state?: VisitState;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}
