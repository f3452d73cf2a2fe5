import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationsService } from '@aidflow/applications';
import type { Principal } from '@aidflow/auth';
import { fenToYuan, yuanToFen } from '@aidflow/common';
import { PROGRAM_POLICIES } from '@aidflow/policy';
import type { Assessment } from '@aidflow/policy';
import { ProgramsService } from '@aidflow/programs';
import type { ProgramEntity, ProgramStandardEntity } from '@aidflow/programs';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-errors.decorator';
import { CreateStandardDto, PreviewDto } from './programs.dto';
import { PreviewResponse, ProgramResponse, StandardResponse } from './programs.response';

const today = (): string => new Date().toISOString().slice(0, 10);

function standardView(row: ProgramStandardEntity) {
  return {
    id: row.id,
    policyVersion: row.policyVersion,
    validFrom: row.validFrom,
    validTo: row.validTo,
    params: row.params,
    exclusions: row.exclusions ?? [],
    routing: row.routing,
    note: row.note,
    createdAt: row.createdAt,
  };
}

function assessmentView(a: Assessment) {
  return {
    eligible: a.eligible,
    tier: a.tier,
    requestedAmount: fenToYuan(a.requestedAmountFen),
    cap: fenToYuan(a.capFen),
    grantedAmount: fenToYuan(a.grantedAmountFen),
    rules: a.rules ?? [],
    reasons: a.reasons,
    policyVersion: a.policyVersion,
    standardId: a.standardId,
  };
}

/**
 * The programs of DOMAIN.md as data: each with its facts, categories, documents and effective-dated standards;
 * administrators add a new policy version without touching running cases (they keep the row they pinned).
 */
@ApiTags('programs')
@ApiBearerAuth()
@ApiErrors({ 401: 'UNAUTHENTICATED' })
@Controller('programs')
export class ProgramsController {
  constructor(
    @Inject(ProgramsService) private readonly programs: ProgramsService,
    @Inject(ApplicationsService) private readonly applications: ApplicationsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every program: facts to supply, categories, documents, the standard in force today' })
  @ApiOkResponse({ type: [ProgramResponse], description: 'The programs, by code' })
  async list() {
    const programs = await this.programs.list();
    return Promise.all(programs.map((p) => this.describe(p, false)));
  }

  @Get(':code')
  @ApiOperation({ summary: 'One program with every standard version (valid from / to) and its exclusions' })
  @ApiOkResponse({ type: ProgramResponse, description: 'The program' })
  @ApiErrors({ 404: 'PROGRAM_NOT_FOUND' })
  async get(@Param('code') code: string) {
    return this.describe(await this.programs.requireProgram(code), true);
  }

  @Post(':code/preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What would I get, and why? Each rule passed or failed, in words, with the no-double-aid check',
    description:
      'Nothing is stored. Applicants preview with their own registry facts (household file, model-worker entry, ' +
      'medical enrolment); other callers see the rules applied to the facts alone.',
  })
  @ApiOkResponse({ type: PreviewResponse, description: 'The assessment of the standard in force today' })
  @ApiErrors({
    400: 'VALIDATION_FAILED: category or a fact (named)',
    404: 'PROGRAM_NOT_FOUND',
    422: 'STANDARD_NOT_FOUND: no standard in force today',
  })
  async preview(@CurrentUser() user: Principal, @Param('code') code: string, @Body() body: PreviewDto) {
    const preview = await this.applications.preview(user, {
      program: code,
      category: body.category,
      requestedAmountFen: yuanToFen(body.requestedAmount),
      facts: body.facts,
    });
    return {
      program: preview.program,
      category: body.category,
      ...assessmentView(preview.assessment),
      blockedBy: preview.blockedBy
        ? {
            ...preview.blockedBy,
            grantedAmount:
              preview.blockedBy.grantedAmountFen === null ? null : fenToYuan(preview.blockedBy.grantedAmountFen),
          }
        : null,
      documentsRequired: preview.documents,
      verified: preview.verified,
    };
  }

  @Get(':code/standards')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Every standard version of the program, oldest first (administrators, auditors)' })
  @ApiOkResponse({ type: [StandardResponse], description: 'The versions' })
  @ApiErrors({ 403: 'FORBIDDEN', 404: 'PROGRAM_NOT_FOUND' })
  async standards(@Param('code') code: string) {
    const program = await this.programs.requireProgram(code);
    return (await this.programs.standardsOf(program)).map(standardView);
  }

  @Post(':code/standards')
  @Roles('admin')
  @ApiOperation({
    summary: 'Add a policy version from a date (administrators)',
    description:
      'The version in force before ends on validFrom. Cases already submitted keep the version they pinned; new ' +
      'submissions from validFrom pin the new one. Versions are never edited.',
  })
  @ApiCreatedResponse({ type: StandardResponse, description: 'The new version' })
  @ApiErrors({
    400: 'VALIDATION_FAILED: a field (named)',
    403: 'FORBIDDEN: administrators only',
    404: 'PROGRAM_NOT_FOUND',
    422: 'STANDARD_INVALID: a parameter the rules read is missing, the version exists, or validFrom is not after the latest version',
  })
  async addStandard(@CurrentUser() user: Principal, @Param('code') code: string, @Body() body: CreateStandardDto) {
    const program = await this.programs.requireProgram(code);
    const row = await this.programs.addStandard(program, body, user.userId);
    return standardView(row);
  }

  private async describe(program: ProgramEntity, withHistory: boolean) {
    // A program run only as campaigns (送温暖) has no application rules: see /campaigns.
    const policy = PROGRAM_POLICIES[program.code] ?? null;
    const rows = await this.programs.standardsOf(program);
    const now = today();
    const inForce = rows.find((r) => r.validFrom <= now && (r.validTo === null || r.validTo > now)) ?? null;
    return {
      code: program.code,
      name: program.name,
      nameEn: program.nameEn,
      subject: program.subject,
      openForSubmission: program.openForSubmission,
      runAs: policy ? 'applications' : 'campaigns',
      categories: policy?.categories ?? [],
      facts: policy?.factFields ?? [],
      registryFacts: policy?.verifiedFacts ?? [],
      documentsRequired: policy?.documents ?? [],
      requiredParams: policy?.requiredParams ?? [],
      standardInForce: inForce ? standardView(inForce) : null,
      ...(withHistory ? { standards: rows.map(standardView) } : {}),
    };
  }
}
