import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { ANNUAL_FIGURES_FIRST_YEAR, ANNUAL_FIGURES_LAST_YEAR } from '@aidflow/audit-review';
import { APPLICATION_STATUSES } from '@aidflow/workflows/types';

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['cases', 'ledger'], default: 'cases' })
  @IsOptional()
  @IsIn(['cases', 'ledger'], { message: 'kind must be "cases" or "ledger"' })
  kind?: 'cases' | 'ledger';

  @ApiPropertyOptional({ enum: ['csv', 'json'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'json'], { message: 'format must be "csv" or "json"' })
  format?: 'csv' | 'json';

  @ApiPropertyOptional({ example: 'hardship-aid' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  program?: string;

  @ApiPropertyOptional({ description: 'Submitted at or after (ISO 8601)', example: '2026-01-01' })
  @IsOptional()
  @IsDateString({}, { message: 'from must be an ISO 8601 date' })
  from?: string;

  @ApiPropertyOptional({ description: 'Submitted before (ISO 8601)', example: '2027-01-01' })
  @IsOptional()
  @IsDateString({}, { message: 'to must be an ISO 8601 date' })
  to?: string;

  @ApiPropertyOptional({ description: 'Org unit id of the applicant' })
  @IsOptional()
  @IsUUID('all', { message: 'org must be an org unit id (uuid)' })
  org?: string;

  @ApiPropertyOptional({ description: 'Outcome / status', example: 'approved' })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES, { message: `outcome must be one of ${APPLICATION_STATUSES.join(', ')}` })
  outcome?: string;

  @ApiPropertyOptional({ description: 'Unmasked personal data (auditors only; the export is logged)', default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  unmasked?: boolean;
}

export class AsOfQueryDto {
  @ApiPropertyOptional({ description: 'Show the case as it stood at this time (ISO 8601)' })
  @IsOptional()
  @IsDateString({}, { message: 'asOf must be an ISO 8601 timestamp, e.g. 2026-03-01T08:00:00Z' })
  asOf?: string;
}

export class RederivationQueryDto {
  @ApiPropertyOptional({ enum: ['ledger', 'history'], default: 'ledger' })
  @IsOptional()
  @IsIn(['ledger', 'history'], { message: 'source must be "ledger" or "history"' })
  source?: 'ledger' | 'history';
}

const YEAR_MESSAGE = `year must be a whole year from ${ANNUAL_FIGURES_FIRST_YEAR} to ${ANNUAL_FIGURES_LAST_YEAR}`;

export class AnnualFiguresQueryDto {
  @ApiProperty({ example: 2026, minimum: ANNUAL_FIGURES_FIRST_YEAR, maximum: ANNUAL_FIGURES_LAST_YEAR })
  @Type(() => Number)
  @IsInt({ message: YEAR_MESSAGE })
  @Min(ANNUAL_FIGURES_FIRST_YEAR, { message: YEAR_MESSAGE })
  @Max(ANNUAL_FIGURES_LAST_YEAR, { message: YEAR_MESSAGE })
  year: number;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: one table, a download' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be "json" or "csv"' })
  format?: 'json' | 'csv';
}

export class HistoryQueryDto {
  @ApiPropertyOptional({
    description: 'Show personal data unmasked (auditors only; every unmasked view is recorded in the export log)',
    default: false,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === true ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'unmasked must be true or false' })
  unmasked?: boolean;
}
