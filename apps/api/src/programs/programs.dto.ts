import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type { RoutingRules } from '@aidflow/policy';
import { MAX_MONEY_YUAN, money } from '../common/money';

export class PreviewDto {
  @ApiProperty({ example: 'living', description: 'One of the program’s categories' })
  @IsString()
  @Length(1, 64)
  category: string;

  @ApiProperty({ description: 'Requested amount, CNY', example: 5000 })
  @IsNumber(money)
  @Min(0.01)
  @Max(MAX_MONEY_YUAN)
  requestedAmount: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The program’s facts (GET /programs/:code), money in CNY',
    example: { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 },
  })
  @IsObject({ message: 'facts must be an object of the program’s facts' })
  facts: Record<string, unknown>;
}

export class ExclusionDto {
  @ApiProperty({ example: 'hardship-aid', description: 'The program whose open or granted case blocks this one' })
  @IsString()
  program: string;

  @ApiPropertyOptional({ type: [String], example: ['education'], description: 'Only these categories block' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  categories?: string[];

  @ApiProperty({ example: 'a tuition grant is not paid twice for the same schooling' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class CreateStandardDto {
  @ApiProperty({ example: 'hardship-aid/2027.1', description: 'New, never reused' })
  @IsString()
  @Length(3, 64)
  policyVersion: string;

  @ApiProperty({ example: '2027-01-01', description: 'In force from this date; the version before ends on it' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validFrom must be a date YYYY-MM-DD' })
  validFrom: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Every parameter the program’s rules read (GET /programs/:code: requiredParams); amounts in fen',
    example: {
      minimumLivingStandardFen: 85000,
      livingReliefFen: 800000,
      medicalReliefRate: 0.5,
      educationReliefPerStudentFen: 630000,
      accidentCostShare: 0.8,
    },
  })
  @IsObject({ message: 'params must be an object of numbers' })
  params: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Routing rules of this version (levels, conditions, SLAs, notice); the previous version’s if absent',
  })
  @IsOptional()
  @IsObject()
  routing?: RoutingRules;

  @ApiPropertyOptional({
    type: [ExclusionDto],
    description: 'Cross-program exclusions; the previous version’s if absent',
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ExclusionDto)
  exclusions?: ExclusionDto[];

  @ApiPropertyOptional({ example: '2027 standard of the city government, document 2026-41' })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  note?: string;
}
