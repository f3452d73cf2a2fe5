import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RuleResponse } from '../applications/application.response';

/** One fact the applicant supplies (the program's own field list: the web app builds its form from it). */
export class FactFieldResponse {
  @ApiProperty({ example: 'householdSize' }) name: string;
  @ApiProperty({ enum: ['money', 'int', 'bool', 'date', 'enum', 'text'], description: 'money is CNY' })
  kind: 'money' | 'int' | 'bool' | 'date' | 'enum' | 'text';
  @ApiPropertyOptional({ type: [String], description: 'The allowed values of an enum' }) values?: string[];
  @ApiProperty() required: boolean;
  @ApiPropertyOptional({ description: 'int and money (CNY): the smallest value' }) min?: number;
  @ApiPropertyOptional({ description: 'int and money (CNY): the largest value' }) max?: number;
  @ApiPropertyOptional({
    oneOf: [{ type: 'number' }, { type: 'boolean' }],
    description: 'Used when an optional fact is not given',
  })
  default?: number | boolean;
  @ApiProperty({ example: 'People in the household' }) description: string;
}

export class StandardResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'hardship-aid/2026.1' }) policyVersion: string;
  @ApiProperty({ example: '2026-01-01' }) validFrom: string;
  @ApiProperty({ type: String, nullable: true }) validTo: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The rules’ parameters; amounts in fen' })
  params: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  exclusions: unknown[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Levels, conditions, SLAs, notice' })
  routing: unknown;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class ProgramResponse {
  @ApiProperty({ example: 'hardship-aid' }) code: string;
  @ApiProperty({ example: '困难职工帮扶' }) name: string;
  @ApiProperty({ example: 'Hardship aid for registered needy workers' }) nameEn: string;
  @ApiProperty({ enum: ['person', 'household', 'union'], description: 'Whose aid the no-double-aid rule counts' })
  subject: string;
  @ApiProperty() openForSubmission: boolean;
  @ApiProperty({ enum: ['applications', 'campaigns'], description: 'campaigns: no application form (see /campaigns)' })
  runAs: 'applications' | 'campaigns';
  @ApiProperty({ type: [String], example: ['living', 'medical', 'education'] }) categories: string[];
  @ApiProperty({ type: [FactFieldResponse], description: 'The facts the applicant supplies, with their rules' })
  facts: FactFieldResponse[];
  @ApiProperty({ type: [String], description: 'Registry facts the system looks up itself' }) registryFacts: string[];
  @ApiProperty({ type: [String], description: 'Documents to attach, in words' }) documentsRequired: string[];
  @ApiProperty({ type: [String], description: 'Parameters every standard version carries' }) requiredParams: string[];
  @ApiProperty({ type: StandardResponse, nullable: true }) standardInForce: StandardResponse | null;
  @ApiPropertyOptional({ type: [StandardResponse], description: 'GET /programs/:code only: every version' })
  standards?: StandardResponse[];
}

export class BlockingCaseResponse {
  @ApiProperty({ enum: ['DUPLICATE_APPLICATION', 'EXCLUDED_BY_EARLIER_GRANT'] }) code: string;
  @ApiProperty() message: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() programCode: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: Number, nullable: true, description: 'CNY' }) grantedAmount: number | null;
  @ApiProperty() submittedAt: string;
}

export class PreviewResponse {
  @ApiProperty({
    type: 'object',
    properties: { code: { type: 'string' }, name: { type: 'string' }, nameEn: { type: 'string' } },
  })
  program: { code: string; name: string; nameEn: string };
  @ApiProperty() category: string;
  @ApiProperty() eligible: boolean;
  @ApiProperty({ type: String, nullable: true }) tier: string | null;
  @ApiProperty({ description: 'CNY' }) requestedAmount: number;
  @ApiProperty({ description: 'CNY, the most these facts can be granted' }) cap: number;
  @ApiProperty({ description: 'CNY, what would be granted' }) grantedAmount: number;
  @ApiProperty({ type: [RuleResponse], description: 'Each rule, passed or failed, in words' }) rules: RuleResponse[];
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty() policyVersion: string;
  @ApiProperty({ format: 'uuid' }) standardId: string;
  @ApiProperty({
    type: BlockingCaseResponse,
    nullable: true,
    description: 'The earlier case that would block this one',
  })
  blockedBy: BlockingCaseResponse | null;
  @ApiProperty({ type: [String] }) documentsRequired: string[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Registry facts the rules used' })
  verified: Record<string, unknown>;
}
