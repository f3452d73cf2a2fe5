import { Controller, HttpCode, Get, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  AnnualFiguresService,
  AuditExportService,
  AuditReviewService,
  CaseRecordService,
  ReplayService,
} from '@aidflow/audit-review';
import type { Principal } from '@aidflow/auth';
import { ApplicationException, ErrorCode } from '@aidflow/common';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-errors.decorator';
import { AnnualFiguresResponse, toAnnualFiguresResponse } from './annual-figures.response';
import { AnnualFiguresQueryDto, ExportQueryDto, HistoryQueryDto, RederivationQueryDto } from './audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@ApiErrors({ 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN: auditors and admins only' })
@Controller('audit')
@Roles('auditor', 'admin')
export class AuditController {
  constructor(
    @Inject(AuditReviewService) private readonly review: AuditReviewService,
    @Inject(ReplayService) private readonly replay: ReplayService,
    @Inject(AuditExportService) private readonly exports: AuditExportService,
    @Inject(AnnualFiguresService) private readonly annual: AnnualFiguresService,
    @Inject(CaseRecordService) private readonly records: CaseRecordService,
  ) {}

  @Get('applications/:id/ledger')
  @ApiOperation({
    summary: "A case's ledger entries in order, with both hash links (the global one null until sealed)",
    description:
      'Names, identifiers, phones and emails in the payloads are masked unless an auditor sends unmasked=true; such ' +
      'a view is recorded in the export log before it is answered.',
  })
  @ApiOkResponse({
    description: '{ applicationId, unmasked, entries: [{ seq, caseSeq, kind, payload, caseHash, ... }] }',
  })
  @ApiErrors({
    400: 'VALIDATION_FAILED: id is not a uuid, or unmasked is not true or false',
    403: 'FORBIDDEN: not an auditor or admin; unmasked=true is for auditors only',
    404: 'APPLICATION_NOT_FOUND',
  })
  ledger(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: HistoryQueryDto,
  ) {
    return this.records.caseLedger(user, id, query.unmasked ?? false);
  }

  @Get('applications/:id/history')
  @ApiOperation({
    summary: "A case's Temporal history, every event with its payloads decoded through the payload codec",
    description:
      'From the archive once the case is closed (every run), else the current run from the Temporal server. ' +
      'Names, identifiers, phones and emails are masked unless an auditor sends unmasked=true; such a view is ' +
      'recorded in the export log before it is answered.',
  })
  @ApiOkResponse({ description: '{ applicationId, workflowId, source, unmasked, runs: [{ runId, events }] }' })
  @ApiErrors({
    400: 'VALIDATION_FAILED: id is not a uuid, or unmasked is not true or false',
    403: 'FORBIDDEN: not an auditor or admin; unmasked=true is for auditors only',
    404: 'APPLICATION_NOT_FOUND; NOT_FOUND: no history on the server and none archived',
    503: 'WORKFLOW_UNAVAILABLE: the Temporal server did not answer',
  })
  history(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: HistoryQueryDto,
  ) {
    return this.records.caseHistory(user, id, query.unmasked ?? false);
  }

  @Get('annual-figures')
  @ApiOperation({
    summary: "年度数据: the annual report's figures for a year, rebuilt from the ledgers",
    description:
      'Cases, households and people helped, amounts by program, by district and by month, and campaign reach, from ' +
      'the payment_recorded ledger entries and the campaign visit_paid events dated in the year (China Standard ' +
      'Time). format=csv answers the same figures as one CSV table to download.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: AnnualFiguresResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED: year (a whole year from 2000 to 2100) or format (named)' })
  async annualFigures(@Query() query: AnnualFiguresQueryDto, @Res({ passthrough: true }) res: Response) {
    if (query.format === 'csv') {
      const csv = await this.annual.csv(query.year);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="aidflow-annual-figures-${query.year}.csv"`);
      return csv;
    }
    return toAnnualFiguresResponse(await this.annual.figures(query.year));
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chains of the decision ledger; report the first broken link, if any' })
  @ApiOkResponse({ description: '{ checked, ok, firstBroken }' })
  verify() {
    return this.review.verifyLedger();
  }

  @Get('applications/:id/rederivation')
  @ApiOperation({ summary: 'Recompute tier, amount and routing from the pinned standard and recorded inputs' })
  @ApiQuery({
    name: 'source',
    required: false,
    enum: ['ledger', 'history'],
    description: 'ledger (default): the decision ledger and projection; history: the archived Temporal history',
  })
  @ApiOkResponse({ description: '{ applicationId, policyVersion, standardId, matches, checks, problems }' })
  @ApiErrors({
    400: 'VALIDATION_FAILED: id is not a uuid, or source is not ledger or history',
    404: 'APPLICATION_NOT_FOUND; NOT_FOUND: no archived history (source=history)',
  })
  rederive(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: RederivationQueryDto) {
    return query.source === 'history' ? this.review.rederiveFromArchive(id) : this.review.rederive(id);
  }

  @Post('applications/:id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay the archived workflow history against the current workflow code' })
  @ApiCreatedResponse({
    description: '{ outcome: identical | nondeterministic | failed, firstDivergingEventId, ... }',
  })
  @ApiErrors({
    400: 'VALIDATION_FAILED: id is not a uuid',
    404: 'NOT_FOUND: no archived history (the case is still running or not archived yet)',
  })
  replayCase(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.replay.replayCase(id);
  }

  @Get('export')
  @ApiOperation({
    summary: 'Stream cases or ledger entries as CSV or JSON; personal data masked unless asked (logged)',
  })
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({ description: 'The rows, streamed, as CSV or a JSON array' })
  @ApiErrors({
    400: 'VALIDATION_FAILED: a query parameter (named)',
    403: 'FORBIDDEN: not an auditor or admin; unmasked=true is for auditors only',
  })
  async export(@CurrentUser() user: Principal, @Query() query: ExportQueryDto, @Res() res: Response): Promise<void> {
    if (query.unmasked && user.role !== 'auditor') {
      throw new ApplicationException(ErrorCode.Forbidden, 'Only auditors may export unmasked personal data');
    }
    const format = query.format ?? 'csv';
    const kind = query.kind ?? 'cases';
    const stream = this.exports.export({
      actorId: user.userId,
      kind,
      format,
      unmasked: query.unmasked ?? false,
      filters: {
        program: query.program,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        orgUnitId: query.org,
        outcome: query.outcome,
      },
    });
    // Pull the first chunk before the headers go out, so an error still becomes a clean JSON error response.
    const first = await stream.next();
    res.status(200);
    res.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="aidflow-${kind}.${format}"`);
    if (!first.done) res.write(first.value);
    for await (const chunk of stream) {
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  }
}
