import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@aidflow/auth';
import { CampaignsService } from '@aidflow/campaigns';
import { yuanToFen } from '@aidflow/common';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-errors.decorator';
import { BulkConfirmationDto, CreateCampaignDto, VisitProofDto, VisitsQueryDto } from './campaign.dto';
import { toCampaignResponse, toReportResponse, toVisitResponse } from './campaign.response';

const uuid = new ParseUUIDPipe({ version: undefined });

const CAMPAIGN_VIEW =
  '{ id, code, name, program, year, fundingSource, budget, status (draft | running | completed | closed), ' +
  'targetGroups, recipients, planned, startedAt, fannedOutAt, completedAt, closedAt, released, progress: ' +
  '{ casesCreated, counts: { planned, visited, paid, payment_failed, skipped }, amounts (CNY) } }';

@ApiTags('campaigns')
@ApiBearerAuth()
@ApiErrors({ 401: 'UNAUTHENTICATED', 400: 'VALIDATION_FAILED: a field (named in the message) or the id' })
@Controller('campaigns')
export class CampaignsController {
  constructor(@Inject(CampaignsService) private readonly campaigns: CampaignsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Define a campaign (送温暖, Spring-Festival batch): budget, target groups, amount each' })
  @ApiCreatedResponse({ description: CAMPAIGN_VIEW })
  @ApiErrors({
    403: 'FORBIDDEN: administrators only',
    404: 'PROGRAM_NOT_FOUND',
    409: 'CAMPAIGN_CONFLICT: the code is taken',
  })
  async define(@CurrentUser() user: Principal, @Body() body: CreateCampaignDto) {
    const campaign = await this.campaigns.define(user, {
      code: body.code,
      name: body.name,
      program: body.program,
      year: body.year,
      fundingSource: body.fundingSource,
      budgetFen: yuanToFen(body.budget),
      targetGroups: body.targetGroups.map((g) => ({
        kind: g.kind,
        groups: g.groups ?? null,
        amountFen: yuanToFen(g.amount),
      })),
    });
    return toCampaignResponse(campaign);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Draw the recipients from the registries, reserve the whole budget on the envelope and fan out one case per ' +
      'recipient (idempotent)',
  })
  @ApiOkResponse({ description: CAMPAIGN_VIEW })
  @ApiErrors({
    403: 'FORBIDDEN: administrators only',
    404: 'CAMPAIGN_NOT_FOUND',
    409: 'CAMPAIGN_CONFLICT: the target groups match nobody',
    422: 'CAMPAIGN_BUDGET_SHORTFALL: recipients x amounts exceed the budget, or the envelope cannot cover it (names the shortfall)',
    503: 'WORKFLOW_UNAVAILABLE: start again',
  })
  async start(@CurrentUser() user: Principal, @Param('id', uuid) id: string) {
    const { campaign, progress } = await this.campaigns.start(user, id);
    return toCampaignResponse(campaign, progress);
  }

  @Get()
  @Roles('admin', 'auditor', 'approver')
  @ApiOperation({ summary: 'Every campaign, newest first' })
  @ApiOkResponse({ description: 'Campaigns without progress' })
  @ApiErrors({ 403: 'FORBIDDEN: administrators, auditors and approvers' })
  async list() {
    return (await this.campaigns.list()).map((c) => toCampaignResponse(c));
  }

  @Get(':id')
  @Roles('admin', 'auditor', 'approver')
  @ApiOperation({ summary: 'A campaign with its progress: visits per state and amounts' })
  @ApiOkResponse({ description: CAMPAIGN_VIEW })
  @ApiErrors({ 403: 'FORBIDDEN', 404: 'CAMPAIGN_NOT_FOUND' })
  async get(@Param('id', uuid) id: string) {
    const { campaign, progress } = await this.campaigns.get(id);
    return toCampaignResponse(campaign, progress);
  }

  @Get(':id/visits')
  @Roles('admin', 'auditor', 'approver')
  @ApiOperation({ summary: "A page of the campaign's visits (approvers: their branch only); names masked" })
  @ApiOkResponse({ description: '{ total, page, pageSize, visits: [...] }' })
  @ApiErrors({ 403: 'FORBIDDEN', 404: 'CAMPAIGN_NOT_FOUND' })
  async visits(@CurrentUser() user: Principal, @Param('id', uuid) id: string, @Query() query: VisitsQueryDto) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const { total, visits } = await this.campaigns.visits(user, id, { state: query.state ?? null, page, pageSize });
    return { total, page, pageSize, visits: visits.map(toVisitResponse) };
  }

  @Post(':id/visits/confirmations')
  @HttpCode(200)
  @Roles('admin', 'approver')
  @ApiOperation({
    summary:
      'Confirm many visits with proof in one transaction (a union confirming its list); each case then pays its visit',
  })
  @ApiOkResponse({ description: '{ confirmed, alreadyConfirmed, refused: [{ visitId, reason }] }' })
  @ApiErrors({
    403: 'FORBIDDEN: approvers of the branch and administrators',
    404: 'CAMPAIGN_NOT_FOUND',
    409: 'CAMPAIGN_CONFLICT: the campaign is not running',
    503: 'WORKFLOW_UNAVAILABLE: recorded, but some cases were not told; send the same confirmations again',
  })
  async confirmMany(@CurrentUser() user: Principal, @Param('id', uuid) id: string, @Body() body: BulkConfirmationDto) {
    const summary = await this.campaigns.confirm(
      user,
      id,
      body.confirmations.map((c) => ({
        visitId: c.visitId,
        delivery: c.kind,
        proofSha256: c.proofSha256 ?? null,
        note: c.note ?? null,
        visitedAt: c.visitedAt,
      })),
    );
    return { confirmed: summary.confirmed, alreadyConfirmed: summary.alreadyConfirmed, refused: summary.refused };
  }

  @Post(':id/visits/:visitId/confirmation')
  @HttpCode(200)
  @Roles('admin', 'approver')
  @ApiOperation({ summary: 'Confirm one visit with proof; its case then pays it exactly once' })
  @ApiOkResponse({ description: '{ alreadyConfirmed, visit }: a repeated confirmation answers the visit as it stands' })
  @ApiErrors({
    403: "FORBIDDEN: the visit is outside the approver's branch",
    404: 'CAMPAIGN_NOT_FOUND or NOT_FOUND (the visit)',
    409: 'CAMPAIGN_CONFLICT: the campaign is not running, the case is still being created, or the visit was skipped',
    503: 'WORKFLOW_UNAVAILABLE: recorded, but the case was not told; confirm again',
  })
  async confirmOne(
    @CurrentUser() user: Principal,
    @Param('id', uuid) id: string,
    @Param('visitId', uuid) visitId: string,
    @Body() body: VisitProofDto,
  ) {
    const { visit, alreadyConfirmed } = await this.campaigns.confirmOne(user, id, {
      visitId,
      delivery: body.kind,
      proofSha256: body.proofSha256 ?? null,
      note: body.note ?? null,
      visitedAt: body.visitedAt,
    });
    return { alreadyConfirmed, visit: toVisitResponse(visit) };
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Close the campaign: skip visits that did not happen, release the unspent budget, return the close-out report',
  })
  @ApiOkResponse({
    description:
      '{ recipients, visited, paidCount, failed, skipped, planned, paid, budget, released, byGroup: [...], byOrgUnit: [...] }',
  })
  @ApiErrors({
    403: 'FORBIDDEN: administrators only',
    404: 'CAMPAIGN_NOT_FOUND',
    409: 'CAMPAIGN_CONFLICT: never started, or confirmed visits still being paid',
  })
  async close(@CurrentUser() user: Principal, @Param('id', uuid) id: string) {
    return toReportResponse(await this.campaigns.close(user, id));
  }

  @Get(':id/report')
  @Roles('admin', 'auditor', 'approver')
  @ApiOperation({ summary: 'The close-out report of a closed campaign' })
  @ApiOkResponse({ description: 'As POST /campaigns/:id/close' })
  @ApiErrors({ 403: 'FORBIDDEN', 404: 'CAMPAIGN_NOT_FOUND', 409: 'CAMPAIGN_CONFLICT: not closed yet' })
  async report(@Param('id', uuid) id: string) {
    return toReportResponse(await this.campaigns.report(id));
  }
}
