import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PaymentReconciliationService } from '@aidflow/budget';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors } from '../common/api-errors.decorator';

@ApiTags('budgets')
@ApiBearerAuth()
@ApiErrors({ 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN: auditors and admins only' })
@Controller('budgets')
@Roles('auditor', 'admin')
export class BudgetController {
  constructor(@Inject(PaymentReconciliationService) private readonly reconciliation: PaymentReconciliationService) {}

  @Get('reconciliation')
  @ApiOperation({
    summary: "Match the bank's payments against the disbursements recorded paid; list every mismatch (kept per run)",
  })
  @ApiOkResponse({
    description:
      '{ id, runAt, matched, clean, flagged: [{ flag: paid_in_bank_not_recorded | recorded_not_in_bank | ' +
      'amount_mismatch, disbursementId, applicationId, status, recordedFen, bankFen, bankPaymentId }] }',
  })
  @ApiErrors({ 503: 'PAYMENTS_OFF: PAYMENT_BANK_URL is not set' })
  reconcile() {
    return this.reconciliation.reconcile();
  }
}
