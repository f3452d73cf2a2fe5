import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { HARDSHIP_CATEGORIES } from '@aidflow/policy';
import type { HardshipCategory } from '@aidflow/policy';

const money = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };

export class HouseholdFactsDto {
  @ApiProperty({ description: 'People in the household', example: 3, minimum: 1, maximum: 30 })
  @IsInt()
  @Min(1)
  @Max(30)
  householdSize: number;

  @ApiProperty({ description: 'Annual disposable household income, CNY', example: 24000 })
  @IsNumber(money)
  @Min(0)
  @Max(100_000_000)
  annualIncome: number;

  @ApiPropertyOptional({
    description: 'Unavoidable hardship costs of the year (刚性支出), CNY',
    example: 6000,
    default: 0,
  })
  @IsOptional()
  @IsNumber(money)
  @Min(0)
  @Max(100_000_000)
  unavoidableCosts?: number;

  @ApiPropertyOptional({ description: 'Disaster, accident or sudden-illness costs of the year, CNY', default: 0 })
  @IsOptional()
  @IsNumber(money)
  @Min(0)
  @Max(100_000_000)
  accidentCosts?: number;

  @ApiPropertyOptional({ description: 'Self-paid medical costs, CNY (medical category)', default: 0 })
  @IsOptional()
  @IsNumber(money)
  @Min(0)
  @Max(100_000_000)
  medicalOutOfPocket?: number;

  @ApiPropertyOptional({ description: 'Students in the household (education category)', default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  studentCount?: number;
}

export class CreateApplicationDto {
  @ApiProperty({ enum: ['hardship-aid'], example: 'hardship-aid', description: 'Program code' })
  @IsIn(['hardship-aid'], { message: 'program must be "hardship-aid" (the only program open for submission so far)' })
  program: 'hardship-aid';

  @ApiProperty({ enum: HARDSHIP_CATEGORIES, example: 'living', description: 'Requested relief category' })
  @IsIn(HARDSHIP_CATEGORIES as HardshipCategory[], {
    message: `category must be one of ${HARDSHIP_CATEGORIES.join(', ')}`,
  })
  category: HardshipCategory;

  @ApiProperty({ description: 'Requested amount, CNY', example: 5000 })
  @IsNumber(money)
  @Min(0.01)
  @Max(1_000_000)
  requestedAmount: number;

  @ApiProperty({ type: HouseholdFactsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => HouseholdFactsDto)
  household: HouseholdFactsDto;

  @ApiPropertyOptional({
    description: 'National id (居民身份证号); stored encrypted-at-rest by the database, always masked in responses',
    example: '110101199003074514',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{17}[\dX]$/, { message: 'nationalId must be 18 characters: 17 digits and a digit or X' })
  nationalId?: string;
}

export class DecisionDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'], { message: 'decision must be "approve" or "reject"' })
  decision: 'approve' | 'reject';

  @ApiPropertyOptional({ description: 'Comment recorded with the decision', example: '家访属实，同意' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  comment?: string;

  @ApiPropertyOptional({ description: 'The level you are deciding; a stale level gets 409 LEVEL_ALREADY_DECIDED' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  level?: number;
}
