import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_MONEY_YUAN, money } from '../common/money';

export class HouseholdFactsDto {
  @ApiProperty({ description: 'People in the household', example: 3, minimum: 1, maximum: 30 })
  @IsInt()
  @Min(1)
  @Max(30)
  householdSize: number;

  @ApiProperty({ description: 'Annual disposable household income, CNY', example: 24000 })
  @IsNumber(money)
  @Min(0)
  @Max(MAX_MONEY_YUAN)
  annualIncome: number;

  @ApiPropertyOptional({
    description: 'Unavoidable hardship costs of the year (刚性支出), CNY',
    example: 6000,
    default: 0,
  })
  @IsOptional()
  @IsNumber(money)
  @Min(0)
  @Max(MAX_MONEY_YUAN)
  unavoidableCosts?: number;

  @ApiPropertyOptional({ description: 'Disaster, accident or sudden-illness costs of the year, CNY', default: 0 })
  @IsOptional()
  @IsNumber(money)
  @Min(0)
  @Max(MAX_MONEY_YUAN)
  accidentCosts?: number;

  @ApiPropertyOptional({ description: 'Self-paid medical costs, CNY (medical category)', default: 0 })
  @IsOptional()
  @IsNumber(money)
  @Min(0)
  @Max(MAX_MONEY_YUAN)
  medicalOutOfPocket?: number;

  @ApiPropertyOptional({ description: 'Students in the household (education category)', default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  studentCount?: number;
}

export class CreateApplicationDto {
  @ApiProperty({
    example: 'hardship-aid',
    description:
      'Program code: hardship-aid, tuition-grant, model-worker-funds, emergency-relief, medical-mutual-aid, ' +
      'condolence, union-subsidy (GET /programs lists them with their facts and categories)',
  })
  @IsString()
  @Length(1, 64)
  program: string;

  @ApiProperty({ example: 'living', description: 'One of the program’s categories (GET /programs/:code)' })
  @IsString()
  @Length(1, 64)
  category: string;

  @ApiProperty({ description: 'Requested amount, CNY', example: 5000 })
  @IsNumber(money)
  @Min(0.01)
  @Max(MAX_MONEY_YUAN)
  requestedAmount: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'The program’s facts (GET /programs/:code: name, kind, required); money in CNY. Hardship aid may send ' +
      '`household` instead.',
    example: { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 },
  })
  @ValidateIf((o: CreateApplicationDto) => o.household === undefined)
  @IsObject({ message: 'facts must be an object (or, for hardship aid, send household)' })
  facts?: Record<string, unknown>;

  @ApiPropertyOptional({ type: HouseholdFactsDto, description: 'Hardship aid’s facts (the same as `facts`)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => HouseholdFactsDto)
  household?: HouseholdFactsDto;

  @ApiPropertyOptional({
    description: 'National id (居民身份证号); selected only where needed, always masked in responses and logs',
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

const comment = (example: string, required = false) =>
  required
    ? ApiProperty({ description: 'Recorded in the trail with actor and time', example })
    : ApiPropertyOptional({ description: 'Recorded in the trail with actor and time', example });

export class ReturnDto {
  @comment('请补充收入证明', true)
  @IsString()
  @Length(1, 2000, { message: 'comment must say what is missing (1 to 2000 characters)' })
  comment: string;

  @ApiPropertyOptional({ description: '0 or absent: back to the applicant; otherwise an earlier level', example: 0 })
  @IsOptional()
  @IsInt({ message: 'toLevel must be an integer' })
  @Min(0)
  toLevel?: number;
}

/** The same facts as a submission, with a comment; the program and national id stay as submitted. */
export class ResubmitDto extends PickType(CreateApplicationDto, [
  'category',
  'requestedAmount',
  'facts',
  'household',
] as const) {
  @comment('已补充收入证明')
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  comment?: string;
}

export class CommentOnlyDto {
  @comment('请尽快处理')
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  comment?: string;
}

export class CommentDto {
  @comment('家访时间已约定', true)
  @IsString()
  @Length(1, 2000, { message: 'comment must be 1 to 2000 characters' })
  comment: string;
}

export class TransferDto {
  @ApiProperty({
    description:
      "Username of the approver who takes the task over: an approver of the case's branch (its union or one above)",
    example: 'approver-d-east',
  })
  @IsString({ message: 'to must be a username' })
  @Length(1, 100, { message: 'to must be a username (1 to 100 characters)' })
  to: string;

  @comment('出差，转交同事办理')
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  comment?: string;
}

export class AddApproverDto {
  @ApiProperty({
    description: "Username of the added approver: an approver of the case's branch (its union or one above)",
    example: 'approver-d-east',
  })
  @IsString({ message: 'username must be a username' })
  @Length(1, 100, { message: 'username must be a username (1 to 100 characters)' })
  username: string;

  @ApiProperty({ enum: ['before', 'after'], description: '前加签 before you, 后加签 after you, at this level' })
  @IsIn(['before', 'after'], { message: 'position must be "before" or "after"' })
  position: 'before' | 'after';

  @comment('请财务同事先核对')
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  comment?: string;
}

export class CopyDto {
  @ApiProperty({ type: [String], description: 'Usernames to copy the case to (read access)', example: ['auditor1'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'usernames must name at least one user' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  usernames: string[];

  @comment('请知悉')
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  comment?: string;
}

export class BulkDecisionItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'applicationId must be a uuid' })
  applicationId: string;

  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'], { message: 'decision must be "approve" or "reject"' })
  decision: 'approve' | 'reject';

  @comment('同意')
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  comment?: string;
}

export class BulkDecisionDto {
  @ApiProperty({ type: [BulkDecisionItemDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'items must hold at least one decision' })
  @ArrayMaxSize(200, { message: 'items may hold at most 200 decisions per request' })
  @ValidateNested({ each: true })
  @Type(() => BulkDecisionItemDto)
  items: BulkDecisionItemDto[];
}
