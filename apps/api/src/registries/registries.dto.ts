import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
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
import { HONOUR_LEVELS, WORK_STATUSES } from '@aidflow/registries';
import type { HonourLevel, WorkStatus } from '@aidflow/registries';
import { MAX_MONEY_YUAN, money } from '../common/money';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

/** The household's figures from the home visit, in CNY. */
export class HouseholdFiguresDto {
  @ApiProperty({ description: 'People in the household', example: 3, minimum: 1, maximum: 30 })
  @IsInt({ message: 'householdSize must be a whole number of people from 1 to 30' })
  @Min(1, { message: 'householdSize must be a whole number of people from 1 to 30' })
  @Max(30, { message: 'householdSize must be a whole number of people from 1 to 30' })
  householdSize: number;

  @ApiProperty({ description: 'Annual disposable household income, CNY', example: 24000, minimum: 0 })
  @IsNumber(money, { message: 'annualIncome must be an amount in CNY with at most 2 decimals' })
  @Min(0, { message: 'annualIncome must not be negative' })
  @Max(MAX_MONEY_YUAN, { message: `annualIncome must be at most ${MAX_MONEY_YUAN} CNY` })
  annualIncome: number;

  @ApiPropertyOptional({ description: 'Unavoidable hardship costs of the year (刚性支出), CNY', example: 0 })
  @IsOptional()
  @IsNumber(money, { message: 'unavoidableCosts must be an amount in CNY with at most 2 decimals' })
  @Min(0, { message: 'unavoidableCosts must not be negative' })
  @Max(MAX_MONEY_YUAN, { message: `unavoidableCosts must be at most ${MAX_MONEY_YUAN} CNY` })
  unavoidableCosts?: number;

  @ApiPropertyOptional({ description: 'Costs of disaster, accident or sudden illness in the year, CNY', example: 0 })
  @IsOptional()
  @IsNumber(money, { message: 'accidentCosts must be an amount in CNY with at most 2 decimals' })
  @Min(0, { message: 'accidentCosts must not be negative' })
  @Max(MAX_MONEY_YUAN, { message: `accidentCosts must be at most ${MAX_MONEY_YUAN} CNY` })
  accidentCosts?: number;

  @ApiPropertyOptional({ description: 'What the home visit found (kept with the file)', example: '入户走访核实' })
  @IsOptional()
  @IsString({ message: 'note must be text of at most 2000 characters' })
  @Length(0, 2000, { message: 'note must be text of at most 2000 characters' })
  note?: string;
}

export class CreateHouseholdFileDto extends HouseholdFiguresDto {
  @ApiProperty({
    description: 'Username of the household head (a worker, i.e. an applicant user)',
    example: 'applicant1',
  })
  @IsString({ message: 'username must name the household head' })
  @Length(1, 100, { message: 'username must name the household head' })
  username: string;
}

export class CloseHouseholdFileDto {
  @ApiProperty({ description: 'Why the file is closed (退档), kept for auditors', example: '家庭收入好转 recovered' })
  @IsString({ message: 'reason must say why the file is closed (1 to 500 characters)' })
  @Matches(/\S/, { message: 'reason must say why the file is closed (1 to 500 characters)' })
  @Length(1, 500, { message: 'reason must say why the file is closed (1 to 500 characters)' })
  reason: string;
}

export class HouseholdFileListQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'], { message: 'status must be open or closed' })
  status?: 'open' | 'closed';

  @ApiPropertyOptional({ description: 'Page number from 1 (50 files a page)', example: 1, minimum: 1 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'page must be a whole number from 1' })
  @Min(1, { message: 'page must be a whole number from 1' })
  page?: number;
}

export class HouseholdFileEventResponse {
  @ApiProperty({ enum: ['filed', 'verified', 'retiered', 'closed'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) actorId: string;
  @ApiProperty() occurredAt: string;
  @ApiPropertyOptional({ enum: ['deep', 'relative', 'accident'], nullable: true }) tier: string | null;
  @ApiPropertyOptional({ nullable: true }) note: string | null;
}

export class HouseholdFiguresResponse {
  @ApiProperty() householdSize: number;
  @ApiProperty({ description: 'CNY' }) annualIncome: number;
  @ApiProperty({ description: 'CNY' }) unavoidableCosts: number;
  @ApiProperty({ description: 'CNY' }) accidentCosts: number;
  @ApiProperty({ description: '(income - unavoidable costs) / 12 / household size, CNY', nullable: true })
  perCapitaMonthlyIncome: number | null;
  @ApiProperty({ type: [String], description: 'The tiering rules in words' }) reasons: string[];
  @ApiProperty({ example: 'hardship-aid/2026.1', nullable: true }) policyVersion: string | null;
  @ApiPropertyOptional({ nullable: true }) note: string | null;
}

export class HouseholdFileResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'HF-2026-000001' }) fileNo: string;
  @ApiProperty({ example: 'applicant1' }) headUsername: string;
  @ApiProperty({ description: 'Masked in lists', example: '王**' }) headName: string;
  @ApiProperty({ format: 'uuid' }) orgUnitId: string;
  @ApiProperty({ enum: ['deep', 'relative', 'accident'] }) tier: string;
  @ApiProperty() householdSize: number;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ example: '2026-03-01' }) filedOn: string;
  @ApiProperty({ example: '2026-03-01' }) verifiedOn: string;
  @ApiPropertyOptional({ nullable: true }) closedOn: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'recovered' }) closedReason: string | null;
  @ApiProperty({ type: HouseholdFiguresResponse }) facts: HouseholdFiguresResponse;
}

export class HouseholdFileDetailsResponse extends HouseholdFileResponse {
  @ApiProperty({ type: [HouseholdFileEventResponse] }) events: HouseholdFileEventResponse[];
}

export class HouseholdFileVerificationResponse extends HouseholdFileDetailsResponse {
  @ApiProperty({ description: 'True when the household met no tier any more and the file was closed (退档)' })
  closed: boolean;
  @ApiProperty({ example: 'Household file HF-2026-000001 re-verified: still deep' }) message: string;
}

export class HouseholdFilePageResponse {
  @ApiProperty({ type: [HouseholdFileResponse] }) items: HouseholdFileResponse[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class CreateModelWorkerDto {
  @ApiProperty({ description: 'Full name', example: '李劳模' })
  @IsString({ message: 'name must be the model worker’s name (1 to 100 characters)' })
  @Matches(/\S/, { message: 'name must be the model worker’s name (1 to 100 characters)' })
  @Length(1, 100, { message: 'name must be the model worker’s name (1 to 100 characters)' })
  name: string;

  @ApiProperty({ enum: HONOUR_LEVELS })
  @IsIn(HONOUR_LEVELS, { message: `honourLevel must be one of ${HONOUR_LEVELS.join(', ')}` })
  honourLevel: HonourLevel;

  @ApiProperty({ enum: WORK_STATUSES })
  @IsIn(WORK_STATUSES, { message: `workStatus must be one of ${WORK_STATUSES.join(', ')}` })
  workStatus: WorkStatus;

  @ApiProperty({ description: 'Code of the org unit the model worker belongs to', example: 'G-EAST-1' })
  @IsString({ message: 'orgUnitCode must be the code of an org unit' })
  @Length(1, 100, { message: 'orgUnitCode must be the code of an org unit' })
  orgUnitCode: string;

  @ApiProperty({ example: 2015, minimum: 1950, maximum: 2100 })
  @IsInt({ message: 'awardedYear must be a whole year between 1950 and 2100' })
  @Min(1950, { message: 'awardedYear must be a whole year between 1950 and 2100' })
  @Max(2100, { message: 'awardedYear must be a whole year between 1950 and 2100' })
  awardedYear: number;

  @ApiPropertyOptional({ description: 'The model worker’s user account, if they have one', example: 'applicant2' })
  @IsOptional()
  @IsString({ message: 'username must name a user' })
  @Length(1, 100, { message: 'username must name a user' })
  username?: string;
}

export class UpdateModelWorkerDto {
  @ApiPropertyOptional({ description: 'false takes the entry off the registry (it stays on record)' })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({ enum: WORK_STATUSES })
  @IsOptional()
  @IsIn(WORK_STATUSES, { message: `workStatus must be one of ${WORK_STATUSES.join(', ')}` })
  workStatus?: WorkStatus;
}

export class ModelWorkerResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Masked for approvers', example: '李**' }) name: string;
  @ApiProperty({ enum: HONOUR_LEVELS }) honourLevel: string;
  @ApiProperty({ enum: WORK_STATUSES }) workStatus: string;
  @ApiProperty({ example: 'G-EAST-1' }) orgUnitCode: string;
  @ApiProperty() awardedYear: number;
  @ApiProperty() active: boolean;
  @ApiPropertyOptional({ nullable: true }) username: string | null;
}

export class CreateEnrolmentDto {
  @ApiProperty({ description: 'Username of the member', example: 'applicant1' })
  @IsString({ message: 'username must name the member' })
  @Length(1, 100, { message: 'username must name the member' })
  username: string;

  @ApiProperty({ description: 'The year covered (Jan 1 to Dec 31)', example: 2026, minimum: 2000, maximum: 2100 })
  @IsInt({ message: 'coverageYear must be a whole year between 2000 and 2100' })
  @Min(2000, { message: 'coverageYear must be a whole year between 2000 and 2100' })
  @Max(2100, { message: 'coverageYear must be a whole year between 2000 and 2100' })
  coverageYear: number;
}

export class EnrolmentListQueryDto {
  @ApiPropertyOptional({ example: 'applicant1' })
  @IsOptional()
  @IsString({ message: 'username must name a member' })
  @Length(1, 100, { message: 'username must name a member' })
  username?: string;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'year must be a whole year between 2000 and 2100' })
  @Min(2000, { message: 'year must be a whole year between 2000 and 2100' })
  @Max(2100, { message: 'year must be a whole year between 2000 and 2100' })
  year?: number;
}

export class EnrolmentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'applicant1' }) username: string;
  @ApiProperty({ description: 'Masked except for the member', example: '王**' }) memberName: string;
  @ApiProperty({ example: 'G-EAST-1' }) unitCode: string;
  @ApiProperty({ example: 2026 }) coverageYear: number;
  @ApiProperty({ example: '2026-01-01' }) coverageFrom: string;
  @ApiProperty({ example: '2026-12-31' }) coverageTo: string;
  @ApiProperty({ example: '2026-02-10' }) enrolledOn: string;
}

export class UsageItemDto {
  @ApiProperty({ description: 'What the money was spent on', example: '职工书屋图书 library books' })
  @IsString({ message: 'purpose must say what the money was spent on (1 to 500 characters)' })
  @Matches(/\S/, { message: 'purpose must say what the money was spent on (1 to 500 characters)' })
  @Length(1, 500, { message: 'purpose must say what the money was spent on (1 to 500 characters)' })
  purpose: string;

  @ApiProperty({ description: 'CNY, at most 2 decimals', example: 1200.5 })
  @IsNumber(money, { message: 'amount must be an amount in CNY with at most 2 decimals' })
  @Min(0.01, { message: 'amount must be more than 0' })
  @Max(MAX_MONEY_YUAN, { message: `amount must be at most ${MAX_MONEY_YUAN} CNY` })
  amount: number;
}

export class CreateUsageReportDto {
  @ApiProperty({ type: [UsageItemDto] })
  @IsArray({ message: 'items must list what the subsidy was used for (1 to 200 items)' })
  @ArrayMinSize(1, { message: 'items must list what the subsidy was used for (1 to 200 items)' })
  @ArrayMaxSize(200, { message: 'items must list what the subsidy was used for (1 to 200 items)' })
  @ValidateNested({ each: true })
  @Type(() => UsageItemDto)
  items: UsageItemDto[];

  @ApiPropertyOptional({ example: '年度使用情况' })
  @IsOptional()
  @IsString({ message: 'note must be text of at most 2000 characters' })
  @Length(0, 2000, { message: 'note must be text of at most 2000 characters' })
  note?: string;
}

export class UsageItemResponse {
  @ApiProperty() purpose: string;
  @ApiProperty({ description: 'CNY' }) amount: number;
}

export class UsageReportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) reportedBy: string;
  @ApiProperty({ type: [UsageItemResponse] }) items: UsageItemResponse[];
  @ApiProperty({ description: 'CNY' }) total: number;
  @ApiPropertyOptional({ nullable: true }) note: string | null;
  @ApiProperty() reportedAt: string;
}
