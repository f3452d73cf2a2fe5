import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@aidflow/auth';
import { BudgetReportRepository, PaymentReconciliationService } from '@aidflow/budget';
import { yuanToFen } from '@aidflow/common';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-errors.decorator';
import {
  BudgetEnvelopeResponse,
  BudgetReportQueryDto,
  BudgetReportResponse,
  ChangeAllocationDto,
  CreateEnvelopeDto,
  EnvelopeChangesResponse,
} from './budget.dto';

@ApiTags('budgets')
@ApiBearerAuth()
@ApiErrors({ 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN: auditors and admins only' })
@Controller('budgets')
@Roles('auditor', 'admin')
export class BudgetController {
  constructor(
    @Inject(PaymentReconciliationService) private readonly reconciliation: PaymentReconciliationService,
    @Inject(BudgetReportRepository) private readonly budgets: BudgetReportRepository,
  ) {}

  @Get()
  @Roles('auditor', 'admin', 'approver')
  @ApiOperation({
    summary:
      'Budget report: allocated, reserved, paid and remaining (CNY) per program, year and funding source, with ' +
      'totals per program and a grand total (administrators, auditors, city-level approvers)',
  })
  @ApiOkResponse({ type: BudgetReportResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED: year or program malformed',
    403: 'FORBIDDEN: administrators, auditors and city-level approvers only',
    404: 'PROGRAM_NOT_FOUND',
  })
  report(@CurrentUser() user: Principal, @Query() query: BudgetReportQueryDto): Promise<BudgetReportResponse> {
    return this.budgets.report(user, { year: query.year ?? new Date().getUTCFullYear(), program: query.program });
  }

  @Post('envelopes')
  @Roles('admin')
  @ApiOperation({ summary: 'Create the envelope of a program, year and funding source (administrators)' })
  @ApiCreatedResponse({ type: BudgetEnvelopeResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED: a field (named in the message) is malformed, e.g. an unknown fundingSource',
    403: 'FORBIDDEN: administrators only',
    404: 'PROGRAM_NOT_FOUND',
    409: 'BUDGET_ENVELOPE_EXISTS: the program already has that envelope (its id is named)',
  })
  createEnvelope(@CurrentUser() user: Principal, @Body() body: CreateEnvelopeDto): Promise<BudgetEnvelopeResponse> {
    return this.budgets.createEnvelope(user, { ...body, allocatedFen: yuanToFen(body.allocated) });
  }

  @Patch('envelopes/:id')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: "Change an envelope's allocation, with a reason kept for auditors (administrators)" })
  @ApiOkResponse({ type: BudgetEnvelopeResponse })
  @ApiErrors({
    400: 'VALIDATION_FAILED: allocated or reason malformed, or the id is not a uuid',
    403: 'FORBIDDEN: administrators only',
    404: 'NOT_FOUND: no such envelope',
    422: 'ALLOCATION_BELOW_COMMITTED: the new allocation is below what is already reserved + paid (named)',
  })
  changeAllocation(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ChangeAllocationDto,
  ): Promise<BudgetEnvelopeResponse> {
    return this.budgets.changeAllocation(user, id, { allocatedFen: yuanToFen(body.allocated), reason: body.reason });
  }

  @Get('envelopes/:id/changes')
  @ApiOperation({ summary: "Every change of an envelope's allocation, oldest first (administrators, auditors)" })
  @ApiOkResponse({ type: EnvelopeChangesResponse })
  @ApiErrors({ 400: 'VALIDATION_FAILED: the id is not a uuid', 404: 'NOT_FOUND: no such envelope' })
  changes(@Param('id', new ParseUUIDPipe()) id: string): Promise<EnvelopeChangesResponse> {
    return this.budgets.listChanges(id);
  }

  @Get('reconciliation')
  @ApiOperation({
    summary:
      "Match the bank's payments against the disbursements and campaign visits recorded paid; list every mismatch (kept per run)",
  })
  @ApiOkResponse({
    description:
      '{ id, runAt, matched, clean, flagged: [{ flag: paid_in_bank_not_recorded | recorded_not_in_bank | ' +
      'amount_mismatch, disbursementId (a campaign visit id for campaigns), applicationId, campaignId, status, ' +
      'recordedFen, bankFen, bankPaymentId }] }',
  })
  @ApiErrors({ 503: 'PAYMENTS_OFF: PAYMENT_BANK_URL is not set' })
  reconcile() {
    return this.reconciliation.reconcile();
  }
}
