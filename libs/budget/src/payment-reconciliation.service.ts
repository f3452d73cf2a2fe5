import { Inject, Injectable } from '@nestjs/common';
import { BudgetRepository } from './budget.repository';
import type { DisbursementStatus } from './disbursement.entity';
import { PaymentGateway } from './payment-gateway';

export type ReconciliationFlag = 'paid_in_bank_not_recorded' | 'recorded_not_in_bank' | 'amount_mismatch';

export interface ReconciliationRow {
  flag: ReconciliationFlag;
  /** Null for a bank payment that names no disbursement of ours; a campaign visit's id for campaign payments. */
  disbursementId: string | null;
  applicationId: string | null;
  /** Set for a payment of a campaign visit (送温暖 and other campaigns pay per visit). */
  campaignId: string | null;
  status: DisbursementStatus | null;
  recordedFen: number | null;
  bankFen: number | null;
  bankPaymentId: string | null;
}

export interface ReconciliationReport {
  id: string;
  runAt: string;
  /** Disbursements recorded paid whose bank payment has the same amount. */
  matched: number;
  clean: boolean;
  flagged: ReconciliationRow[];
}

/**
 * Matches the bank's payments against the disbursements of cases and the cash visits of campaigns recorded paid;
 * keeps each run with what it flagged.
 */
@Injectable()
export class PaymentReconciliationService {
  constructor(
    @Inject(BudgetRepository) private readonly budget: BudgetRepository,
    @Inject(PaymentGateway) private readonly bank: PaymentGateway,
  ) {}

  async reconcile(): Promise<ReconciliationReport> {
    const [payments, cases, visits] = await Promise.all([
      this.bank.listPayments(),
      this.budget.listDisbursements(),
      this.budget.listCampaignPayments(),
    ]);
    const disbursements = [
      ...cases.map((d) => ({ ...d, campaignId: null })),
      ...visits.map((v) => ({
        id: v.visitId,
        applicationId: null,
        campaignId: v.campaignId,
        status: v.status,
        amountFen: v.amountFen,
        bankPaymentId: v.bankPaymentId,
      })),
    ];
    const byInstruction = new Map(payments.map((p) => [p.instructionId, p]));
    const flagged: ReconciliationRow[] = [];
    let matched = 0;
    for (const d of disbursements) {
      const payment = byInstruction.get(d.id);
      byInstruction.delete(d.id);
      const row = {
        disbursementId: d.id,
        applicationId: d.applicationId,
        campaignId: d.campaignId,
        status: d.status,
        recordedFen: d.amountFen,
        bankFen: payment?.amountFen ?? null,
        bankPaymentId: payment?.paymentId ?? d.bankPaymentId,
      };
      if (d.status === 'paid' && !payment) flagged.push({ flag: 'recorded_not_in_bank', ...row });
      else if (d.status !== 'paid' && payment) flagged.push({ flag: 'paid_in_bank_not_recorded', ...row });
      else if (payment && payment.amountFen !== d.amountFen) flagged.push({ flag: 'amount_mismatch', ...row });
      else if (payment) matched += 1;
    }
    for (const payment of byInstruction.values()) {
      flagged.push({
        flag: 'paid_in_bank_not_recorded',
        disbursementId: null,
        applicationId: payment.applicationId || null,
        campaignId: null,
        status: null,
        recordedFen: null,
        bankFen: payment.amountFen,
        bankPaymentId: payment.paymentId,
      });
    }
    const saved = await this.budget.saveReconciliation(matched, flagged);
    return { id: saved.id, runAt: saved.runAt.toISOString(), matched, clean: flagged.length === 0, flagged };
  }
}
